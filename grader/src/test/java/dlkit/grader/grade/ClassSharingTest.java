package dlkit.grader.grade;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Submissions;
import dlkit.grader.collect.Collector;
import dlkit.grader.collect.Submission;
import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.report.GradeReport;
import dlkit.grader.run.TestRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data sharing archive: made from a run that also passes on the reference, grading with
 * it scores as without, and kept in the cache for the next run, which uses it unless its copies
 * of the jars were changed.
 */
class ClassSharingTest {

    private static final String DROPOUT = "dlkit/layers/Dropout.java";

    @TempDir
    Path tmp;

    @Test
    void theArchiveIsTrainedOnTheReferenceKeptForTheNextRunAndGradingWithItScoresAsWithout() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ann"));
        Files.writeString(dir.resolve("Adam.java"), Submissions.solution(Submissions.ADAM));
        Files.writeString(dir.resolve("Dropout.java"), Submissions.stub(DROPOUT) + "\n// started\n");
        Path cache = tmp.resolve("cache");
        Path archive;
        GradeReport without;
        try (Kit kit = Kit.open()) {
            List<Exercise> exercises = exercises(kit);
            Submission ann = ann(kit, dir);
            Grader grader = grader(kit);
            without = grader.grade(ann, 5, exercises);

            assertThat(grader.shareClassData(5, exercises, cache, false).archive()).as("nothing kept yet, none asked for").isNull();
            Grader.ClassSharing made = grader.shareClassData(5, exercises, cache, true);
            assertThat(made.problem()).as("why no archive was made").isNull();
            assertThat(made.fromCache()).isFalse();
            archive = made.archive();
            assertThat(archive).startsWith(cache).isNotEmptyFile();
            GradeReport with = grader.grade(ann, 5, exercises);

            // The archiving JVM ran the tests twice: on empty class folders, then on the reference's exercises.
            Path sharing;
            try (Stream<Path> folders = Files.list(kit.newWorkFolder("probe-").getParent())) {
                sharing = folders.filter(p -> p.getFileName().toString().startsWith("sharing-")).findFirst().orElseThrow();
            }
            List<String> lines = Files.readAllLines(sharing.resolve("training-results.jsonl"));
            int tests = kit.catalog().testsOf(exercises.stream().map(Exercise::file).toList()).size();
            assertThat(lines.stream().filter(l -> l.contains("\"finished\"") && l.contains("SUCCESSFUL")).count())
                    .as("tests passed on the reference in the archiving JVM").isEqualTo(tests);
            assertSameScores(with, without);
        }
        // The JVM maps the kept archive with the kept copies of the jars (-Xshare:on and -XX:AOTMode=on fail if it cannot).
        String classpath = copiesClasspath(archive);
        List<String> maps = TestRunner.AHEAD_OF_TIME ? List.of("-XX:AOTMode=on", "-XX:AOTCache=" + archive)
                : List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive);
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(maps);
        command.addAll(List.of("-cp", classpath, "-version"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(said).isZero();

        try (Kit kit = Kit.open()) {
            Grader.ClassSharing kept = grader(kit).shareClassData(5, exercises(kit), cache, false);
            assertThat(kept.fromCache()).as("the next run's archive: " + kept.problem()).isTrue();
            assertThat(kept.archive()).isEqualTo(archive);
        }
        try (Kit kit = Kit.open()) {
            Grader grader = grader(kit);
            grader.shareClassData(5, exercises(kit), cache, false);
            assertSameScores(grader.grade(ann(kit, dir), 5, exercises(kit)), without);
        }

        // A copy of a jar changed (here: EJML's replaced by AssertJ's): the archive is not used, and made again.
        Path lib = archive.resolveSibling("lib");
        Path ejml;
        try (Stream<Path> jars = Files.list(lib)) {
            List<Path> all = jars.toList();
            ejml = all.stream().filter(j -> j.getFileName().toString().contains("ejml-core")).findFirst().orElseThrow();
            Path assertj = all.stream().filter(j -> j.getFileName().toString().contains("assertj")).findFirst().orElseThrow();
            Files.copy(assertj, ejml, StandardCopyOption.REPLACE_EXISTING);
        }
        try (Kit kit = Kit.open()) {
            Grader grader = grader(kit);
            assertThat(grader.shareClassData(5, exercises(kit), cache, false).archive()).as("changed copies").isNull();
            Grader.ClassSharing again = grader.shareClassData(5, exercises(kit), cache, true);
            assertThat(again.fromCache()).isFalse();
            assertThat(again.archive()).isEqualTo(archive).isNotEmptyFile();
            assertSameScores(grader.grade(ann(kit, dir), 5, exercises(kit)), without);
        }
    }

    private static List<Exercise> exercises(Kit kit) {
        return kit.exercises().stream().filter(e -> e.file().equals(Submissions.ADAM) || e.file().equals(DROPOUT)).toList();
    }

    private static Submission ann(Kit kit, Path dir) throws Exception {
        return new Collector(kit.exercises(), kit.newWorkFolder("collect-")).collect(dir, Collector.Mode.ONE).get(0);
    }

    private static Grader grader(Kit kit) throws Exception {
        return new Grader(kit, new TestRunner.Limits(Duration.ofSeconds(10), Duration.ofMinutes(2)));
    }

    /** The class path of test JVMs on the copies of the jars kept beside {@code archive}, in the run's order. */
    static String copiesClasspath(Path archive) throws java.io.IOException {
        try (Stream<Path> jars = Files.list(archive.resolveSibling("lib"))) {
            return jars.filter(j -> !j.getFileName().toString().equals("reference-exercises.jar")).sorted(
                    java.util.Comparator.comparing(ClassSharingTest::classpathOrder)).map(Path::toString)
                    .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        }
    }

    /** The run's class path order: given.jar, grader.jar, then the libraries by their number. */
    private static int classpathOrder(Path jar) {
        String name = jar.getFileName().toString();
        return name.equals("given.jar") ? -2 : name.equals("grader.jar") ? -1 : Integer.parseInt(name.substring(0, name.indexOf('-')));
    }

    private static void assertSameScores(GradeReport with, GradeReport without) {
        assertThat(with.score()).isEqualTo(without.score()).isEqualTo(EndToEndTest.ADAM_POINTS);
        assertThat(with.exercises()).map(GradeReport.ExerciseReport::score).containsExactlyElementsOf(
                without.exercises().stream().map(GradeReport.ExerciseReport::score).toList());
    }
}
