package dlkit.grader.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.CheckFailure;
import dlkit.grader.api.Failure;
import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.TestCatalog.ExpectedTest;
import dlkit.grader.report.ConsoleTable;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.TestReport;
import dlkit.grader.report.GradescopeWriter;
import dlkit.grader.report.HtmlReport;
import dlkit.grader.report.JsonReportWriter;
import dlkit.grader.report.Scorer;
import dlkit.testing.MatrixAssert;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;

/**
 * A failed check travels as data: from {@link Check} inside its {@link CheckFailure}, through the
 * test JVM's results line, into {@link TestResult}, the scored {@link TestReport}, report.json, and
 * is made text only on the HTML page, the console and Gradescope's results.json.
 */
class FailureRoundTripTest {

    static final Known NO_BIAS = new Known("Adam/no-bias-correction", "Adam without bias correction: at t = 1, mHat must equal g");
    static final Exercise ADAM = new Exercise("dlkit/optim/Adam.java", "");
    static final String TEST_ID = "[engine:e]/[method:firstStep]";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWrongNumberAndItsMistakeTravelFromTheCheckToEveryPage(@TempDir Path dir) throws IOException {
        DMatrixRMaj expected = Matrices.of(new double[][] {{1, 2}, {3, 4}});
        DMatrixRMaj actual = Matrices.of(new double[][] {{1, 2}, {3.5, 4}});
        CheckFailure thrown = catchThrowableOfType(CheckFailure.class, () -> Check.close("weights after the first step",
                actual, expected, 1e-9, NO_BIAS.wouldGive(Matrices.of(new double[][] {{9, 9}, {9, 9}})),
                NO_BIAS.wouldGive(actual.copy())));

        Failure f = thrown.failure();
        assertThat(f.check()).isEqualTo("weights after the first step");
        assertThat(f.row()).isEqualTo(1);
        assertThat(f.col()).isEqualTo(0);
        assertThat(f.expected()).isEqualTo(3.0);
        assertThat(f.actual()).isEqualTo(3.5);
        assertThat(f.error()).isEqualTo(Matrices.relativeError(3.5, 3.0));
        assertThat(f.tolerance()).isEqualTo(1e-9);
        assertThat(f.measure()).isEqualTo(Failure.RELATIVE);
        assertThat(f.mistakeId()).isEqualTo("Adam/no-bias-correction");
        assertThat(f.mistake()).isEqualTo(NO_BIAS.description());
        assertThat(f.detail()).isNull();
        assertThat(thrown).hasMessage("[weights after the first step] at (1, 0): expected 3.0 but was 3.5 "
                + "(relative error 0.0769, tolerance 1e-09); looks like " + NO_BIAS.description());
        assertThat(thrown.getExpected().getStringRepresentation()).isEqualTo(MatrixAssert.show(expected));
        assertThat(thrown.getActual().getStringRepresentation()).isEqualTo(MatrixAssert.show(actual));

        JsonNode line = finishedLine(thrown);
        assertThat(line.get("check").get("mistakeId").asText()).isEqualTo("Adam/no-bias-correction");
        assertThat(line.get("check").get("row").asInt()).isEqualTo(1);
        TestResult result = TestResult.finished(line);
        assertThat(result.check()).isEqualTo(f);
        assertThat(result.passed()).isFalse();
        assertThat(result.assertion()).isTrue();

        GradeReport report = graded(result, dir);
        TestReport test = report.exercises().get(0).tests().get(0);
        assertThat(test.check()).isEqualTo(f);
        assertThat(test.feedback()).isEqualTo(f.summary());
        assertThat(Files.readString(dir.resolve("report.json"))).contains("\"mistakeId\" : \"Adam/no-bias-correction\"");

        assertThat(HtmlReport.studentPage(report, HtmlReport.Extras.none())).contains(
                "<p class=\"hint\"><strong>Looks like</strong> Adam without bias correction: at t = 1, mHat must equal g</p>",
                "<th>checked</th><td>weights after the first step, element <code>(1, 0)</code></td>",
                "<th>expected</th><td><code>3.0</code>", "<th>yours</th><td><code class=\"actual\">3.5</code>",
                "<th>relative error</th><td>0.0769 (tolerance 1e-09)</td>");
        assertThat(ConsoleTable.summary(report)).contains("AdamHiddenTest.firstStep (0/2): " + f.summary());
        assertThat(gradescopeOutput(report, dir)).isEqualTo(f.summary());
    }

    @Test
    void nanAndInfinityTravelAsNumbersAndNameAnOverflow(@TempDir Path dir) throws IOException {
        CheckFailure thrown = catchThrowableOfType(CheckFailure.class,
                () -> Check.close("loss", Matrices.row(Double.NaN, Double.NEGATIVE_INFINITY), Matrices.row(0.5, 2), 1e-9));

        TestResult result = TestResult.finished(finishedLine(thrown));
        Failure f = graded(result, dir).exercises().get(0).tests().get(0).check();

        assertThat(f).isEqualTo(thrown.failure());
        assertThat(f.actual()).isNaN();
        assertThat(f.error()).isInfinite();
        assertThat(f.col()).isEqualTo(0);
        assertThat(f.mistakeId()).isEqualTo(Check.OVERFLOW.id());
    }

    @Test
    void aWrongShapeOrANullIsADetail(@TempDir Path dir) throws IOException {
        CheckFailure shape = catchThrowableOfType(CheckFailure.class,
                () -> Check.close("dX", new DMatrixRMaj(4, 3), new DMatrixRMaj(3, 4), 1e-9));
        CheckFailure none = catchThrowableOfType(CheckFailure.class, () -> Check.close("dX", null, new DMatrixRMaj(3, 4), 1e-9));

        Failure f = graded(TestResult.finished(finishedLine(shape)), dir).exercises().get(0).tests().get(0).check();
        assertThat(f).isEqualTo(shape.failure());
        assertThat(f.detail()).isEqualTo("expected shape (3, 4) but was (4, 3)");
        assertThat(f.row()).isNull();
        assertThat(f.expected()).isNull();
        assertThat(f.mistakeId()).isNull();
        assertThat(shape).hasMessage("[dX] expected shape (3, 4) but was (4, 3)");
        assertThat(none.failure().detail()).isEqualTo("expected a (3, 4) matrix but was null");
    }

    @Test
    void aMistakeOfTheActualsShapeIsNamedEvenWhenTheShapeIsWrong() {
        Known transposed = new Known("Initializers/transposed", "the weights' shape is (fanIn, fanOut)");
        DMatrixRMaj wrong = Matrices.of(new double[][] {{1, 2, 3}});
        CheckFailure thrown = catchThrowableOfType(CheckFailure.class,
                () -> Check.close("w", wrong, new DMatrixRMaj(3, 1), 1e-9, transposed.wouldGive(wrong.copy())));

        assertThat(thrown.failure().mistakeId()).isEqualTo("Initializers/transposed");
        assertThat(thrown.failure().detail()).isEqualTo("expected shape (3, 1) but was (1, 3)");
    }

    @Test
    void anyOtherFailureHasNoCheck(@TempDir Path dir) throws IOException {
        TestResult result = TestResult.finished(finishedLine(new ArithmeticException("/ by zero")));
        TestReport test = graded(result, dir).exercises().get(0).tests().get(0);

        assertThat(result.check()).isNull();
        assertThat(test.check()).isNull();
        assertThat(test.feedback()).isEqualTo("java.lang.ArithmeticException: / by zero");
        assertThat(gradescopeOutput(graded(result, dir), dir)).isEqualTo(test.feedback());
    }

    /**
     * The line {@link ChildMain}'s listener writes for a test that failed with {@code thrown}, as
     * the parent's reader of the results channel accepts it (signed, in sequence, asked for).
     */
    static JsonNode finishedLine(Throwable thrown) throws IOException {
        byte[] key = ResultChannel.newKey();
        ByteArrayOutputStream channel = new ByteArrayOutputStream();
        ChildMain.Listener listener = new ChildMain.Listener(new ResultChannel.Writer(channel, key), 60_000);
        TestIdentifier id = TestIdentifier.from(new AbstractTestDescriptor(UniqueId.parse(TEST_ID), "firstStep",
                MethodSource.from(FailureRoundTripTest.class.getName(), "firstStep")) {
            @Override
            public Type getType() {
                return Type.TEST;
            }
        });
        listener.executionStarted(id);
        listener.executionFinished(id, TestExecutionResult.failed(thrown));
        ResultChannel.Reader reader = new ResultChannel.Reader(key, Set.of(TEST_ID));
        reader.read(new ByteArrayInputStream(channel.toByteArray()));
        assertThat(reader.round().finished()).as("results the parent accepts").hasSize(1);
        List<String> lines = channel.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        // A line is "sequence number, MAC, JSON": the JSON as the reader parsed it.
        return JSON.readTree(lines.get(1).split(" ", 3)[2]);
    }

    /** Scored, written to report.json in {@code dir} and read back. */
    static GradeReport graded(TestResult result, Path dir) throws IOException {
        ExpectedTest test = new ExpectedTest(TEST_ID, ADAM.file(), "AdamHiddenTest.firstStep", 2);
        GradeReport report = new GradeReport("alice", 7, "17", 0, 2,
                Scorer.score(List.of(ADAM), List.of(test), Map.of(TEST_ID, result), Map.of()), List.of(), "",
                new GradeReport.Timings(1, 1, 1, 1), List.of("policy"));
        JsonReportWriter.write(report, dir.resolve("report.json"));
        GradeReport read = JsonReportWriter.read(dir.resolve("report.json"));
        assertThat(read).isEqualTo(report);
        return read;
    }

    static String gradescopeOutput(GradeReport report, Path dir) throws IOException {
        GradescopeWriter.write(report, dir.resolve("results.json"));
        return JSON.readTree(dir.resolve("results.json").toFile()).get("tests").get(0).get("output").asText();
    }
}
