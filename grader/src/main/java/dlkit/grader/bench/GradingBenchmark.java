package dlkit.grader.bench;

import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.run.Sandbox;
import dlkit.grader.validate.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How fast the engine grades a class, against the hand-rolled way (per student, a copy of a
 * Maven project with the hidden tests, the student's files dropped in, {@code mvn -o -q test}).
 * Not a test: run it from the top folder after {@code mvn -B -q package -DskipTests}:
 * <pre>
 *   java -cp "grader/target/dlkit-grader.jar:grader/target/lib/*" dlkit.grader.bench.GradingBenchmark [STUDENTS] [NAIVE]
 * </pre>
 * It makes STUDENTS submissions (default 40) from the solutions: each exercise file, at random,
 * the solution, a known-wrong variant, or absent (graded as the stub); grades them as an
 * instructor does, {@code java -jar grader/target/dlkit-grader.jar grade --class --jobs 2} in a
 * JVM of its own (after an untimed warm-up of 20 submissions that fills a cache folder of its own, as an
 * instructor's is after the first class): without class-data sharing, with it, with it in the
 * operating-system sandbox (where bubblewrap works here; {@code --sandbox os} against {@code none}),
 * and with it and the plots of the HTML reports (the default sandbox); then a class of as many complete submissions (every file the
 * solution: the capstone trains fully); then grades NAIVE of the first class (default 3) the
 * hand-rolled way, and prints seconds per submission and the ratios.
 */
public final class GradingBenchmark {

    /** Issue 17's targets, seconds per submission on 2 cores: the generated class with the plots, complete submissions. */
    static final double TARGET_WITH_PLOTS = 0.8;
    static final double TARGET_COMPLETE = 1.0;

    private GradingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int students = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int naive = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path root = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("dlkit-bench-");
        try {
            Path klass = makeClass(root, work.resolve("class"), students, false);
            // Untimed: warms the file cache, so no timed run pays for reading the jars the first time, and fills
            // the benchmark's own cache (the class-data sharing archive, made for 20 submissions): the instructor's steady state.
            warmUp(root, work);
            double plain = engine(root, klass, work.resolve("out1"), List.of("--no-plots", "--no-class-sharing", "--sandbox", "none")) / students;
            double shared = engine(root, klass, work.resolve("out2"), List.of("--no-plots", "--sandbox", "none")) / students;
            // The operating-system layer's cost: the same run inside bubblewrap, where it works here.
            String noSandbox = Sandbox.probe(List.of());
            double sandboxed = noSandbox != null ? Double.NaN
                    : engine(root, klass, work.resolve("out5"), List.of("--no-plots", "--sandbox", "os")) / students;
            double withPlots = engine(root, klass, work.resolve("out3"), List.of()) / students;
            double complete = engine(root, makeClass(root, work.resolve("complete"), students, true), work.resolve("out4"),
                    List.of("--no-plots")) / students;
            System.out.printf(Locale.ROOT, "engine, %d submissions, 2 jobs, JDK %d: %.2f s per submission with class-data sharing, "
                    + "%.2f s without; %.2f s with sharing and the optimiser plots in the HTML reports (target: at most %.1f s)%n",
                    students, Runtime.version().feature(), shared, plain, withPlots, TARGET_WITH_PLOTS);
            if (noSandbox == null) {
                System.out.printf(Locale.ROOT, "engine, %d submissions, 2 jobs, class-data sharing: %.2f s per submission in "
                        + "the operating-system sandbox (bubblewrap), %.2f s without: %.3f times%n",
                        students, sandboxed, shared, sandboxed / shared);
            } else {
                System.out.println("no operating-system sandbox here, so its cost is not measured: " + noSandbox);
            }
            System.out.printf(Locale.ROOT, "engine, %d complete submissions (every file the solution), 2 jobs: %.2f s per "
                    + "submission with class-data sharing (target: at most %.1f s)%n", students, complete, TARGET_COMPLETE);
            if (naive > 0) {
                double hand = handRolled(root, klass, work.resolve("naive"), naive) / naive;
                System.out.printf(Locale.ROOT, "hand-rolled Maven project, %d submissions one after another: %.2f s per "
                        + "submission%n", naive, hand);
                System.out.printf(Locale.ROOT, "the engine is %.1f times faster (%.1f without class-data sharing, %.1f with the "
                        + "plots, %.1f for complete submissions)%n", hand / shared, hand / plain, hand / withPlots, hand / complete);
            }
        } finally {
            Kit.deleteRecursively(work);
        }
    }

    /**
     * Each student: every exercise the solution (60 %), a known-wrong variant (20 %) or absent
     * (20 %); or, if {@code complete}, every exercise the solution.
     */
    static Path makeClass(Path root, Path klass, int students, boolean complete) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        List<Variant> variants = Variant.packaged();
        for (int s = 1; s <= students; s++) {
            Path src = klass.resolve("student" + s).resolve("src/main/java");
            for (Exercise e : Kit.packagedExercises()) {
                double draw = complete ? 1 : random.nextDouble();
                if (draw < 0.2) {
                    continue;
                }
                String solution = Files.readString(root.resolve("solutions/src/main/java").resolve(e.file()));
                List<Variant> wrong = variants.stream().filter(v -> v.file().equals(e.file())).toList();
                String text = draw < 0.4 && !wrong.isEmpty() ? wrong.get(random.nextInt(wrong.size())).apply(solution) : solution;
                Path target = src.resolve(e.file());
                Files.createDirectories(target.getParent());
                Files.writeString(target, text);
            }
        }
        return klass;
    }

    /**
     * Grades the class as an instructor does, {@code java -jar grader/target/dlkit-grader.jar grade
     * ... --jobs 2}, in a JVM of its own: its start and its own compiler's work count. Returns the seconds.
     */
    static double engine(Path root, Path klass, Path out, List<String> extra) throws IOException, InterruptedException {
        return engine(root, klass, out, extra, cache);
    }

    /** The benchmark's own cache folder (XDG_CACHE_HOME of the engine's runs), set by {@link #warmUp}; null for the user's. */
    private static Path cache;

    /**
     * Untimed: grades a class of {@value dlkit.grader.grade.GradeCommand#SHARING_FROM} submissions into a
     * cache folder of the benchmark's own, so that every timed run finds the class-data sharing
     * archive and the other work done once per kit made, and no jar is read for the first time.
     */
    static void warmUp(Path root, Path work) throws IOException, InterruptedException {
        cache = Files.createDirectories(work.resolve("cache"));
        engine(root, makeClass(root, work.resolve("warm-up"), dlkit.grader.grade.GradeCommand.SHARING_FROM, false),
                work.resolve("out0"), List.of("--no-plots"));
    }

    private static double engine(Path root, Path klass, Path out, List<String> extra, Path cache)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", root.resolve("grader/target/dlkit-grader.jar").toString(),
                "grade", klass.toString(), "--class", "--jobs", "2", "--seed", "1", "--out", out.toString()));
        command.addAll(extra);
        Files.createDirectories(out);
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.resolve("grade.log").toFile());
        if (cache != null) {
            builder.environment().put("XDG_CACHE_HOME", cache.toString());
        }
        Process p = builder.start();
        int code = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("grade exited with " + code + ": see " + out.resolve("grade.log"));
        }
        return seconds;
    }

    /**
     * The hand-rolled way, per submission: a copy of the student kit's Maven project (its pom,
     * the given code and stubs) with the student's files dropped in, the hidden tests as test
     * sources, the reference, the grader's test API and the kit's assertions as jars, then
     * {@code mvn -o -q test}. Returns the seconds for all of them.
     */
    static double handRolled(Path root, Path klass, Path work, int count) throws IOException, InterruptedException {
        Path lib = root.resolve("grader/target/lib");
        String pom = Files.readString(root.resolve("exercises/pom.xml")).replace("</dependencies>",
                system("reference", lib.resolve("dlkit-solutions-1.0-SNAPSHOT-reference.jar"))
                        + system("kit-tests", lib.resolve("dlkit-solutions-1.0-SNAPSHOT-tests.jar"))
                        + system("grader", root.resolve("grader/target/dlkit-grader.jar")) + "  </dependencies>");
        double total = 0;
        for (int s = 1; s <= count; s++) {
            Path project = work.resolve("student" + s);
            copyTree(root.resolve("exercises/src/main/java"), project.resolve("src/main/java"));
            copyTree(root.resolve("grader/src/main/java/dlkit/hidden"), project.resolve("src/test/java/dlkit/hidden"));
            copyTree(klass.resolve("student" + s).resolve("src/main/java"), project.resolve("src/main/java"));
            Files.writeString(project.resolve("pom.xml"), pom);
            long start = System.nanoTime();
            Process p = new ProcessBuilder("mvn", "-o", "-q", "-B", "test", "-Dmaven.test.failure.ignore=true")
                    .directory(project.toFile()).redirectErrorStream(true)
                    .redirectOutput(project.resolve("mvn.log").toFile()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("mvn test failed in " + project + ": see mvn.log there");
            }
            total += (System.nanoTime() - start) / 1e9;
        }
        return total;
    }

    private static String system(String name, Path jar) {
        return "    <dependency><groupId>bench</groupId><artifactId>" + name + "</artifactId><version>1</version>"
                + "<scope>system</scope><systemPath>" + jar.toAbsolutePath() + "</systemPath></dependency>\n";
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
