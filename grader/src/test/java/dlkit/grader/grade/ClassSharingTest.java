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
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data sharing archive: made from a run that also passes on the reference, and grading with it scores as without. */
class ClassSharingTest {

    private static final String DROPOUT = "dlkit/layers/Dropout.java";

    @TempDir
    Path tmp;

    @Test
    void theArchiveIsTrainedOnTheReferenceAndGradingWithItScoresAsWithout() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ann"));
        Files.writeString(dir.resolve("Adam.java"), Submissions.solution(Submissions.ADAM));
        Files.writeString(dir.resolve("Dropout.java"), Submissions.stub(DROPOUT) + "\n// started\n");
        try (Kit kit = Kit.open()) {
            List<Exercise> exercises = kit.exercises().stream()
                    .filter(e -> e.file().equals(Submissions.ADAM) || e.file().equals(DROPOUT)).toList();
            Submission ann = new Collector(kit.exercises(), kit.newWorkFolder("collect-")).collect(dir, Collector.Mode.ONE).get(0);
            Grader grader = new Grader(kit, new TestRunner.Limits(Duration.ofSeconds(10), Duration.ofMinutes(2)));
            GradeReport without = grader.grade(ann, 5, exercises);

            assertThat(grader.shareClassData(5, exercises)).as("why no archive was made").isNull();
            GradeReport with = grader.grade(ann, 5, exercises);

            // The archiving JVM ran the tests twice: on empty class folders, then on the reference's exercises.
            Path sharing;
            try (Stream<Path> folders = Files.list(kit.newWorkFolder("probe-").getParent())) {
                sharing = folders.filter(p -> p.getFileName().toString().startsWith("sharing-")).findFirst().orElseThrow();
            }
            assertThat(sharing.resolve("classes.jsa")).isNotEmptyFile();
            List<String> lines = Files.readAllLines(sharing.resolve("training-results.jsonl"));
            int tests = kit.catalog().testsOf(exercises.stream().map(Exercise::file).toList()).size();
            assertThat(lines.stream().filter(l -> l.contains("\"finished\"") && l.contains("SUCCESSFUL")).count())
                    .as("tests passed on the reference in the archiving JVM").isEqualTo(tests);

            assertThat(with.score()).isEqualTo(without.score()).isEqualTo(EndToEndTest.ADAM_POINTS);
            assertThat(with.exercises()).map(GradeReport.ExerciseReport::score).containsExactlyElementsOf(
                    without.exercises().stream().map(GradeReport.ExerciseReport::score).toList());
        }
    }
}
