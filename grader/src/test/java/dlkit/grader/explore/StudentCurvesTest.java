package dlkit.grader.explore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.grader.Submissions;
import dlkit.grader.api.Disguise;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.ToReference;
import dlkit.grader.collect.Collector;
import dlkit.grader.collect.Submission;
import dlkit.grader.explore.TrainingCurves.Epochs;
import dlkit.grader.grade.Grader;
import dlkit.grader.kit.Kit;
import dlkit.grader.report.HtmlReport.Figure;
import dlkit.grader.run.TestRunner;
import dlkit.reference.capstone.DigitClassifier;
import dlkit.reference.capstone.History;
import dlkit.reference.capstone.Split;
import dlkit.reference.capstone.Standardizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capstone's training curves: the student's classifier trained in the sandboxed JVM, read back, drawn. */
class StudentCurvesTest {

    @TempDir
    Path tmp;

    /** Compiles and checks the submission in {@code dir} as grading does, then trains its classifier in the sandbox. */
    static StudentCurves.Result trainInSandbox(Path dir, long seed, Duration limit) throws Exception {
        try (Kit kit = Kit.open()) {
            Submission s = new Collector(kit.exercises(), kit.newWorkFolder("collect-")).collect(dir, Collector.Mode.ONE).get(0);
            Grader grader = new Grader(kit, new TestRunner.Limits(Duration.ofSeconds(10), Duration.ofMinutes(2)));
            AtomicReference<StudentCurves.Result> result = new AtomicReference<>();
            grader.withClasses(s, (classes, work, runner) -> result.set(StudentCurves.trace(runner, classes, work, seed, limit)));
            return result.get();
        }
    }

    @Test
    void theGradedRunIsFoundByTheNameTheEngineGivesWithoutLinkingTheHiddenTest() {
        // The engine names the hidden test's run (an architecture test forbids the import): the name must hold.
        assertThat(CurvesMain.graded()).isInstanceOf(dlkit.grader.api.GradedTraining.class);
        assertThat(CurvesMain.graded().getClass().getEnclosingClass().getName())
                .isEqualTo("dlkit.hidden.capstone.DigitClassifierHiddenTest");
    }

    @Test
    void theSolutionTrainedInTheSandboxIsTheReferenceTrainedHere() throws Exception {
        long seed = 7;
        StudentCurves.Result result = trainInSandbox(Submissions.solvedExcept(tmp, "solved", Map.of()), seed,
                StudentCurves.TIME_LIMIT);

        // The reference, as the hidden test trains it: the digits standardised, then in the run's disguise (the
        // engine does it the other way round), build and train each from a generator of its own.
        RandomGenerator rng = GradingRandom.forTest(seed, "capstone: DigitClassifier on the digits");
        RandomGenerator forBuild = GradingRandom.child(rng);
        RandomGenerator forTrain = GradingRandom.child(rng);
        dlkit.capstone.Split raw = dlkit.capstone.Digits.split();
        Standardizer s = Standardizer.fit(raw.train().x());
        dlkit.capstone.Split standardised = new dlkit.capstone.Split(standardisedBy(s, raw.train()),
                standardisedBy(s, raw.validation()), standardisedBy(s, raw.test()));
        Split data = ToReference.split(Disguise.of(standardised,
                GradingRandom.forTest(seed, "capstone: the digits' disguise for DigitClassifier"), Disguise.PixelMove.ANY_ORDER));
        History expected = DigitClassifier.train(DigitClassifier.build(forBuild), data.train(), data.validation(),
                StudentCurves.BUDGET, forTrain);
        assertThat(result.problem()).isNull();
        Epochs run = result.run();
        assertThat(run.bestEpoch()).isEqualTo(expected.bestEpoch());
        // Same code, same data, same draws: the same numbers to the last bit or two, whatever the JIT compiled.
        assertClose(run.trainLoss(), expected.trainLoss());
        assertClose(run.trainAccuracy(), expected.trainAccuracy());
        assertClose(run.validationLoss(), expected.validationLoss());
        assertClose(run.validationAccuracy(), expected.validationAccuracy());
        assertClose(StudentCurves.reference(seed).validationLoss(), expected.validationLoss());

        List<Figure> figures = StudentCurves.write(result, StudentCurves.reference(seed), seed, tmp.resolve("plots"));
        assertThat(figures).extracting(Figure::file).containsExactly("digits-loss.png", "digits-accuracy.png");
        for (Figure f : figures) {
            assertThat(Files.readAllBytes(tmp.resolve("plots").resolve(f.file()))).startsWith(PlotsTest.PNG)
                    .hasSizeGreaterThan(15_000);
            assertThat(f.caption()).contains("from seed 7", "thin grey line is the reference's").doesNotContain("diverged");
        }
    }

    private static dlkit.capstone.Dataset standardisedBy(Standardizer s, dlkit.capstone.Dataset part) {
        return new dlkit.capstone.Dataset(s.transform(part.x()), part.labels());
    }

    @Test
    void aStubGetsTheReferencesCurvesAndNotImplemented() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("stub"));
        Files.writeString(dir.resolve("DigitClassifier.java"), Submissions.stub(StudentCurves.FILE));

        StudentCurves.Result result = trainInSandbox(dir, 7, StudentCurves.TIME_LIMIT);

        assertThat(result.run()).isNull();
        assertThat(result.problem()).startsWith("not implemented yet: DigitClassifier.build");
        List<Figure> figures = StudentCurves.write(result, StudentCurves.reference(7), 7, tmp.resolve("plots"));
        assertThat(figures).hasSize(2).allSatisfy(f -> assertThat(f.caption())
                .contains("Only the reference is drawn: not implemented yet: DigitClassifier.build"));
        assertThat(tmp.resolve("plots/digits-accuracy.png")).isNotEmptyFile();
    }

    @Test
    void anEndlessLoopHitsTheTimeLimit() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("loop"));
        String build = "    public static Sequential build(RandomGenerator rng) {\n";
        String solution = Submissions.solution(StudentCurves.FILE);
        assertThat(solution).contains(build);
        Files.writeString(dir.resolve("DigitClassifier.java"),
                solution.replace(build, build + "        while (rng.nextInt(2) >= 0) { }\n"));

        long start = System.nanoTime();
        StudentCurves.Result result = trainInSandbox(dir, 7, Duration.ofSeconds(2));

        assertThat(result.problem()).startsWith("training took longer than 2 s").contains("a loop that never ends");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(25);
    }

    @Test
    void theHistoryIsCheckedAsItIsReadBack() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String lists = "\"trainLoss\":[2.0,1.0,null],\"trainAccuracy\":[0.5,0.7,0.1],\"validationLoss\":[2.1,1e300,null],"
                + "\"validationAccuracy\":[0.4,0.6,0.1]";
        StudentCurves.Result ok = StudentCurves.read(json.readTree("{" + lists + ",\"bestEpoch\":1}"));
        assertThat(ok.run().validationLoss()).containsExactly(2.1, Double.NaN, Double.NaN);
        assertThat(ok.run().bestEpoch()).isEqualTo(1);
        assertThat(StudentCurves.read(json.readTree("{" + lists + ",\"bestEpoch\":3}")).run().bestEpoch()).isEqualTo(-1);
        assertThat(StudentCurves.read(json.readTree("{" + lists.replace("0.7,", "") + "}")).problem())
                .contains("lists of different lengths");
        assertThat(StudentCurves.read(json.readTree("{" + lists.replace("0.7", "\"x\"") + "}")).problem()).contains("malformed");
        assertThat(StudentCurves.read(json.readTree("{\"trainLoss\":[],\"trainAccuracy\":[],\"validationLoss\":[],"
                + "\"validationAccuracy\":[]}")).problem()).contains("no epochs");

        // A diverged run is drawn up to where it diverged, and the caption says so.
        List<Figure> figures = StudentCurves.write(ok, ok.run(), 3, tmp);
        assertThat(figures.get(0).caption()).contains("not a number from epoch 2 on: the training diverged");
        assertThat(tmp.resolve("digits-loss.png")).isNotEmptyFile();
    }

    private static void assertClose(List<Double> actual, List<Double> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            double a = actual.get(i);
            double e = expected.get(i);
            assertThat(Math.abs(a - e) / Math.max(1e-8, Math.abs(a) + Math.abs(e))).as("epoch %d: %s against %s", i, a, e)
                    .isLessThan(1e-12);
        }
    }
}
