package dlkit.grader.bench;

import dlkit.grader.release.ExerciseGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long a student waits for one exercise's checks after an edit: the kit released into a
 * fresh folder, the reference Adam copied in, one first build, then RUNS times (default 5) an
 * edit of {@code Adam.java} followed by the README's command {@code mvn -o -q test -Dtest=AdamTest},
 * timed from start to exit. Measured for the kit as released, and for comparison with Maven's
 * "incremental" compilation on (every file recompiled after an edit) and without the kit's
 * {@code .mvn/jvm.config}. Not a test: run it from the top folder after {@code mvn package},
 * with Maven's plugins in the local repository:
 * <pre>
 *   java -cp "grader/target/dlkit-grader.jar:grader/target/lib/*" dlkit.grader.bench.StudentLoopBenchmark [RUNS]
 * </pre>
 * Each line gives the wall time and the CPU time (GNU time's user plus system: Maven's JVM and the
 * test JVM it forks), and the load average, which says how busy the machine was: on a shared
 * machine the wall time grows with the load, the CPU time much less.
 */
public final class StudentLoopBenchmark {

    private StudentLoopBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path kit = Files.createTempDirectory("dlkit-loop");
        new ExerciseGenerator().generate(Path.of("solutions"), kit);
        Path adam = kit.resolve("src/main/java/dlkit/optim/Adam.java");
        Files.copy(Path.of("solutions/src/main/java/dlkit/optim/Adam.java"), adam,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.printf(Locale.ROOT, "student loop benchmark: %s, %d cores, %d runs each%n",
                kit, Runtime.getRuntime().availableProcessors(), runs);
        System.out.printf(Locale.ROOT, "first build (compiles all, runs AdamTest): %.2f s  (load %s)%n",
                seconds(kit, List.of()), load());

        report("as released (compiles the edited file only)", kit, adam, runs, List.of());
        report("useIncrementalCompilation=true (recompiles all)", kit, adam, runs,
                List.of("-Dmaven.compiler.useIncrementalCompilation=true"));
        Path jvmConfig = kit.resolve(".mvn/jvm.config");
        String options = Files.readString(jvmConfig);
        Files.delete(jvmConfig);
        report("without .mvn/jvm.config (Maven's JVM with C2)", kit, adam, runs, List.of());
        Files.writeString(jvmConfig, options);
    }

    private static void report(String name, Path kit, Path adam, int runs, List<String> extra) throws Exception {
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        run(kit, extra); // brings target/ to this setting's state
        for (int i = 0; i < runs; i++) {
            Files.writeString(adam, "// edit " + i + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            double[] t = run(kit, extra);
            wall[i] = t[0];
            cpu[i] = t[1];
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%-50s wall median %.2f s (min %.2f, max %.2f), CPU median %.2f s  (load %s)%n",
                name, wall[runs / 2], wall[0], wall[runs - 1], cpu[runs / 2], load());
    }

    private static double seconds(Path kit, List<String> extra) throws IOException, InterruptedException {
        return run(kit, extra)[0];
    }

    /**
     * The README's command, which must pass, under {@code /usr/bin/time}: its wall time and its CPU
     * time (user and system, Maven's JVM and the test JVM it forks), in seconds.
     */
    private static double[] run(Path kit, List<String> extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(TIME, "-f", "dlkit-time %e %U %S", "mvn", "-o", "-q", "test", "-Dtest=AdamTest"));
        command.addAll(extra);
        Path log = kit.resolve("mvn.log");
        Process p = new ProcessBuilder(command).directory(kit.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
        // Maven's last colour codes may precede time's line.
        String[] t = Files.readAllLines(log).stream().filter(l -> l.contains("dlkit-time ")).reduce((a, b) -> b)
                .map(l -> l.substring(l.indexOf("dlkit-time "))).orElseThrow().split(" ");
        return new double[] {Double.parseDouble(t[1]), Double.parseDouble(t[2]) + Double.parseDouble(t[3])};
    }

    /** GNU time, which reports the CPU time of a command and the processes it waited for. */
    private static final String TIME = "/usr/bin/time";

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
