package dlkit.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradescopeWriterTest {

    @Test
    void anExerciseGradedAsItsStubIsOneEntrySayingWhyNotOneFailedEntryPerTest() {
        ExerciseReport relu = new ExerciseReport("dlkit/layers/ReLU.java", "ReLU", 0, 3,
                List.of("not submitted: ReLU.java was graded as the stub"),
                List.of(new TestReport("ReLUHiddenTest.forwardMatchesReference", 0, 2, false, GradeReport.STUB_NOT_RUN, 0),
                        new TestReport("ReLUHiddenTest.backwardMatchesReference", 0, 1, false, GradeReport.STUB_NOT_RUN, 0)))
                .withHanded(GradeReport.Handed.NOT_SUBMITTED);
        ExerciseReport tanh = new ExerciseReport("dlkit/layers/Tanh.java", "Tanh", 1, 3, List.of(),
                List.of(new TestReport("TanhHiddenTest.forwardMatchesReference", 1, 1, true, "", 1),
                        new TestReport("TanhHiddenTest.backwardMatchesReference", 0, 2, false, "dX differs", 1)));
        GradeReport report = new GradeReport("alice", 1, "17", 1, 6, List.of(relu, tanh), List.of(), "",
                new GradeReport.Timings(1, 1, 1, 1), List.of("policy"));

        List<JsonNode> tests = new ArrayList<>();
        GradescopeWriter.toJson(report).path("tests").forEach(tests::add);

        assertThat(tests).extracting(t -> t.path("name").asText()).containsExactly(
                "ReLU: not submitted: ReLU.java was graded as the stub",
                "Tanh: TanhHiddenTest.forwardMatchesReference", "Tanh: TanhHiddenTest.backwardMatchesReference");
        assertThat(tests.get(0).path("max_score").asDouble()).as("the exercise's points").isEqualTo(3);
        assertThat(tests.get(0).path("score").asDouble()).isZero();
        assertThat(tests.get(0).path("status").asText()).isEqualTo("failed");
        assertThat(tests.stream().mapToDouble(t -> t.path("max_score").asDouble()).sum()).isEqualTo(report.maxScore());
    }
}
