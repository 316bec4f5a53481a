package dlkit.grader.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dlkit.grader.run.TestRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged grader on a JDK of 25 or later (the one running this test, the JDK named by
 * {@code DLKIT_JDK25}, or one under /usr/lib/jvm): a class of 22 makes the ahead-of-time cache
 * in place of the class-data sharing archive, keeps it for the next run, which starts its test
 * JVMs from it, and both grade as a run without any sharing does. Where no such JDK is installed
 * the test says so and is not run.
 */
class AheadOfTimeCacheIT {

    @TempDir
    Path tmp;

    @Test
    void aJdkOf25OrLaterGradesFromTheAheadOfTimeCacheAsWithoutIt() throws Exception {
        Optional<Path> found = jdk25();
        assumeTrue(found.isPresent(), "no JDK 25 or later here (set DLKIT_JDK25 to one's home)");
        Path java = found.get().resolve("bin/java");
        Path klass = ShardedRuns.makeClass(tmp.resolve("class"), GradeCommand.SHARING_FROM);
        Path cache = tmp.resolve("cache");

        Run made = grade(java, klass, tmp.resolve("made"), cache);
        assertThat(made.out()).as(made.out()).contains("Test JVMs share their classes' data (ahead-of-time cache made in");
        Path aot;
        try (Stream<Path> files = Files.walk(cache)) {
            List<Path> archives = files.filter(p -> p.getFileName().toString().startsWith("classes.")).toList();
            assertThat(archives).as("what the cache keeps").hasSize(1);
            aot = archives.get(0);
        }
        assertThat(aot.getFileName().toString()).isEqualTo("classes.aot");
        assertThat(aot).isNotEmptyFile();
        // The JDK starts from the kept cache with the kept copies of the jars (-XX:AOTMode=on fails if it cannot).
        Process p = new ProcessBuilder(java.toString(), "-XX:AOTMode=on", "-XX:AOTCache=" + aot, "-cp",
                ClassSharingTest.copiesClasspath(aot), "-version").redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(said).isZero();

        Run kept = grade(java, klass, tmp.resolve("kept"), cache);
        assertThat(kept.out()).as(kept.out()).contains("the ahead-of-time cache an earlier run made, from " + aot.getParent());
        Run without = grade(java, klass, tmp.resolve("without"), cache, "--no-class-sharing");
        assertThat(without.out()).doesNotContain("share their classes' data");

        Map<String, String> plain = ShardedRuns.comparable(without.folder());
        assertThat(plain).hasSizeGreaterThan(GradeCommand.SHARING_FROM);
        assertThat(ShardedRuns.comparable(made.folder())).as("graded while making the cache").isEqualTo(plain);
        assertThat(ShardedRuns.comparable(kept.folder())).as("graded from the kept cache").isEqualTo(plain);
    }

    private record Run(String out, Path folder) {}

    private static Run grade(Path java, Path klass, Path out, Path cache, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", ScaleTemplatesIT.JAR.toString(), "grade",
                klass.toString(), "--class", "--seed", "1", "--no-plots", "--out", out.toString()));
        command.addAll(ShardedRuns.EXERCISES);
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        Process process = builder.start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("grading ended").isTrue();
        assertThat(process.exitValue()).as(said).isZero();
        return new Run(said, out);
    }

    /** A JDK home of version 25 or later: this test's own, DLKIT_JDK25's, or the newest under /usr/lib/jvm. */
    private static Optional<Path> jdk25() throws IOException {
        if (TestRunner.AHEAD_OF_TIME) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        String named = System.getenv("DLKIT_JDK25");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> feature(h) >= 25 && Files.isExecutable(h.resolve("bin/java")))
                    .max(java.util.Comparator.comparingInt(AheadOfTimeCacheIT::feature));
        }
    }

    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    /** The JDK's feature version from its {@code release} file, 0 if it has none. */
    private static int feature(Path home) {
        try {
            Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
