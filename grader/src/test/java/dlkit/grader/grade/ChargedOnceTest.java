package dlkit.grader.grade;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Submissions;
import dlkit.grader.collect.SourceFile;
import dlkit.grader.collect.Submission;
import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.run.TestRunner;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A bug is charged once (each hidden test class meets the reference's classes for every other
 * exercise), and an endless loop costs its exercise only, within a time budget per exercise.
 */
class ChargedOnceTest {

    static final String DENSE = "dlkit/layers/Dense.java";
    static final String SINE_FIT = "dlkit/experiments/SineFit.java";
    static final String CLASSIFIER = "dlkit/capstone/DigitClassifier.java";
    /** An endless loop in Dense.forward, after its shape check. */
    static final String DENSE_LOOPS = Submissions.solution(DENSE).replace("        input = x.copy();\n",
            "        input = x.copy();\n        while (x.numRows >= 0) {\n            x.numCols += 0;\n        }\n");

    static Submission submission(Map<String, String> files) {
        Map<String, SourceFile> sources = new LinkedHashMap<>();
        files.forEach((file, text) -> sources.put(file, new SourceFile(file, text, file)));
        return new Submission("student", sources, List.of(), null);
    }

    @Test
    void sineFitAloneScoresFullMarksOnTheReferencesLayers() throws Exception {
        try (Kit kit = Kit.open()) {
            Grader grader = new Grader(kit, new TestRunner.Limits(Duration.ofSeconds(30), null));
            Exercise sineFit = kit.exercise(SINE_FIT).orElseThrow();
            GradeReport r = grader.grade(submission(Map.of(SINE_FIT, Submissions.solution(SINE_FIT))), 11, List.of(sineFit));
            ExerciseReport e = r.exercises().get(0);
            assertThat(e.score()).as(e.tests().toString()).isEqualTo(e.maxScore()).isPositive();
        }
    }

    /** A ReLU that hands its work to LeakyReLU with slope 0: right, if LeakyReLU is. */
    static final String RELU_BY_LEAKY = """
            package dlkit.layers;

            import org.ejml.data.DMatrixRMaj;

            public final class ReLU implements Layer {
                private final LeakyReLU leaky = new LeakyReLU(0.0);

                @Override
                public DMatrixRMaj forward(DMatrixRMaj x) {
                    return leaky.forward(x);
                }

                @Override
                public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
                    return leaky.backward(gradOutput);
                }
            }
            """;

    @Test
    void anExerciseThatCallsAnotherTheReferenceDoesNotUseGetsTheStudentsOwnNotTheReferences() throws Exception {
        try (Kit kit = Kit.open()) {
            Grader grader = new Grader(kit, new TestRunner.Limits(Duration.ofSeconds(30), null));
            Exercise relu = kit.exercise("dlkit/layers/ReLU.java").orElseThrow();
            // LeakyReLU not handed in: its stub, so the ReLU built on it earns nothing.
            GradeReport alone = grader.grade(submission(Map.of(relu.file(), RELU_BY_LEAKY)), 11, List.of(relu));
            assertThat(alone.exercises().get(0).score()).as(alone.exercises().get(0).tests().toString()).isZero();
            // With the student's own LeakyReLU right, it is right.
            GradeReport withLeaky = grader.grade(submission(Map.of(relu.file(), RELU_BY_LEAKY, "dlkit/layers/LeakyReLU.java",
                    Submissions.solution("dlkit/layers/LeakyReLU.java"))), 11, List.of(relu));
            assertThat(withLeaky.exercises().get(0).score()).isEqualTo(withLeaky.exercises().get(0).maxScore()).isPositive();
        }
    }

    @Test
    void anEndlessLoopInDenseCostsDenseAndTheCapstoneThatNamesIt() throws Exception {
        assertThat(DENSE_LOOPS).isNotEqualTo(Submissions.solution(DENSE));
        Map<String, String> files = new LinkedHashMap<>();
        for (Exercise e : Kit.packagedExercises()) {
            files.put(e.file(), e.file().equals(DENSE) ? DENSE_LOOPS : Submissions.solution(e.file()));
        }
        try (Kit kit = Kit.open()) {
            // 5 s a test, so a budget of 15 s per exercise: the loop costs Dense and the capstone about that each.
            Grader grader = new Grader(kit, new TestRunner.Limits(Duration.ofSeconds(5), null));
            long start = System.nanoTime();
            GradeReport r = grader.grade(submission(files), 11, kit.exercises());
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("graded a whole submission with an endless loop in Dense.forward in %.1f s%n", seconds);
            for (ExerciseReport e : r.exercises()) {
                if (Set.of(DENSE, CLASSIFIER).contains(e.file())) {
                    assertThat(e.score()).as(e.name()).isLessThan(e.maxScore());
                } else {
                    assertThat(e.score()).as(e.name() + ": " + e.tests()).isEqualTo(e.maxScore());
                }
            }
            ExerciseReport dense = r.exercises().stream().filter(e -> e.file().equals(DENSE)).findFirst().orElseThrow();
            assertThat(dense.score()).isZero();
            // Three timeouts spend the budget: the test left is charged unrun, so the rest of the submission is graded in time.
            assertThat(dense.tests()).anySatisfy(t -> assertThat(t.feedback()).contains("time budget of 15 s"));
            ExerciseReport classifier = r.exercises().stream().filter(e -> e.file().equals(CLASSIFIER)).findFirst().orElseThrow();
            assertThat(classifier.notes()).anySatisfy(n -> assertThat(n).startsWith(Grader.PARTS_FAILED).contains("Dense (0/8)"));
        }
    }
}
