package dlkit.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.api.Check;
import dlkit.grader.api.Failure;
import dlkit.grader.grade.Grader;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import dlkit.grader.report.HtmlReport.Extras;
import dlkit.grader.report.HtmlReport.Figure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    static final String ADAM = "dlkit/optim/Adam.java";
    static final Failure FAILURE = Failure.wrongNumber("weights after the first Adam step", 0, 1, 0.6937004631505697,
            0.6354806849135587, 0.0438, 1e-9, Failure.RELATIVE).lookingLike(new Check.Known("Adam/no-bias-correction",
            "Adam without bias correction: at t = 1, mHat must equal g"));

    static GradeReport report(String student, String otherFeedback) {
        ExerciseReport adam = new ExerciseReport(ADAM, "Adam", 1, 3, List.of(), List.of(
                new TestReport("AdamHiddenTest.firstStepMatchesReference", 0, 2, false, FAILURE.summary(), 3, FAILURE),
                new TestReport("AdamHiddenTest.frozenParameterIsNotTouched", 1, 1, true, "", 1)));
        ExerciseReport dense = new ExerciseReport("dlkit/layers/Dense.java", "Dense", 0, 4,
                List.of("did not compile, so it was graded as the stub (0 points); the compiler said:",
                        "  Dense.java:97: incompatible types: <b>String</b> cannot be converted to int"),
                List.of(new TestReport("DenseHiddenTest.forwardMatchesReference", 0, 4, false, otherFeedback, 2)))
                .withHanded(GradeReport.Handed.DID_NOT_COMPILE);
        ExerciseReport relu = new ExerciseReport("dlkit/layers/ReLU.java", "ReLU", 0, 3,
                List.of("not submitted: ReLU.java was graded as the stub"),
                List.of(new TestReport("ReLUHiddenTest.forwardMatchesReference", 0, 3, false,
                        "not implemented yet: ReLU.forward (at ReLU.java:20)", 1)))
                .withHanded(GradeReport.Handed.NOT_SUBMITTED);
        ExerciseReport tanh = new ExerciseReport("dlkit/layers/Tanh.java", "Tanh", 2, 2, List.of(),
                List.of(new TestReport("TanhHiddenTest.forwardMatchesReference", 2, 2, true, "", 1)));
        return new GradeReport(student, 8412337, "17.0.15", 3, 12, List.of(adam, dense, relu, tanh),
                List.of("ignored notes.txt, which is not among the files students complete"),
                "<script>alert('printed')</script>\n", new GradeReport.Timings(1, 2, 3, 1), List.of("policy", "os:bubblewrap"));
    }

    @Test
    void failurePageShowsExpectedActualAndTheNamedMistake() {
        String page = HtmlReport.studentPage(report("alice", "not implemented yet: Dense.forward (at Dense.java:88)"),
                new Extras(Map.of(ADAM, "Adam: gradient descent with a per-element step size."),
                        Map.of(ADAM, List.of(new Figure("path-adam-quadratic.png", "Adam's path", "lr = 0.3"))), Map.of(), ""));

        assertThat(page).contains("0.6937004631505697", "0.6354806849135587", "<code>(0, 1)</code>",
                "weights after the first Adam step", "<th>relative error</th><td>0.0438 (tolerance 1e-09)</td>");
        assertThat(page).contains("<p class=\"hint\"><strong>Looks like</strong> Adam without bias correction: at t = 1, "
                + "mHat must equal g</p>");
        assertThat(page).contains("first step matches reference", "1 / 3", "3</span> / 12 points", "8412337");
        assertThat(page).contains("Adam: gradient descent with a per-element step size.");
        assertThat(page).contains("<img src=\"path-adam-quadratic.png\"");
        // The compiler's message with its file:line, the submission's note, the stub said once.
        assertThat(page).contains("Dense.java:97: incompatible types: &lt;b&gt;String&lt;/b&gt;", "ignored notes.txt",
                "The stub was graded in place of your file");
        assertThat(page).doesNotContain("not implemented yet: Dense.forward");
        // The exercise that lost most points comes first; full marks and files not submitted after.
        assertThat(page.indexOf("id=\"ex-dlkit-layers-Dense-java\"")).isLessThan(page.indexOf("id=\"ex-dlkit-optim-Adam-java\""));
        assertThat(page.indexOf("id=\"ex-dlkit-optim-Adam-java\"")).isLessThan(page.indexOf("id=\"ex-dlkit-layers-Tanh-java\""));
        assertThat(page.indexOf("id=\"ex-dlkit-layers-Tanh-java\"")).isLessThan(page.indexOf("id=\"ex-dlkit-layers-ReLU-java\""));
    }

    @Test
    void studentTextIsEscapedEverywhere() {
        String evil = "<script>alert(\"x\")</script>";
        String page = HtmlReport.studentPage(report("mallory " + evil, "java.lang.IllegalStateException: " + evil
                + " (at Dense.java:12)"), Extras.none());

        assertThat(page).doesNotContain("<script").doesNotContain("alert('printed')");
        assertThat(page).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;", "&lt;script&gt;alert(&#39;printed&#39;)");
        assertThat(page).contains("(at Dense.java:12)");
        assertThat(HtmlReport.escape("a & b <c> \"d\" 'e'\u0007")).isEqualTo("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;\uFFFD");
    }

    @Test
    void classIndexLinksEveryStudent() {
        List<GradeReport> reports = List.of(report("alice", "x"), report("bob smith", "x"), report("eve <script>", "x"));

        String index = HtmlReport.classIndex(reports, r -> ReportFiles.safeName(r.student()) + "/report.html");

        assertThat(index).contains("<a href=\"alice/report.html\">alice</a>", "<a href=\"bob%20smith/report.html\">bob smith</a>",
                "<a href=\"eve%20_script_/report.html\">eve &lt;script&gt;</a>", "gradebook.csv");
        assertThat(index).doesNotContain("<script");
        assertThat(index).contains(">Adam</span>", ">Tanh</span>", "3 / 12", "mean");
    }

    @Test
    void aClassWithAStudentGradedAgainNamesEachSeedAndHowManyItGraded() {
        GradeReport again = report("bob", "x");
        again = new GradeReport(again.student(), 5, again.jdk(), again.score(), again.maxScore(), again.exercises(), again.notes(),
                again.output(), again.timings(), again.layers(), again.late());

        assertThat(HtmlReport.classIndex(List.of(report("alice", "x"), again, report("carol", "x")), r -> r.student()))
                .contains("3 submissions, graded with seeds <code>5</code> (1), <code>8412337</code> (2).");
        assertThat(HtmlReport.classIndex(List.of(report("alice", "x")), r -> r.student()))
                .contains("1 submission, graded with seed <code>8412337</code>.");
    }

    @Test
    void aFailedCheckWithoutNumbersShowsWhatWasFound() {
        Failure shape = Failure.because("dX of Dense.backward <i>", "expected shape (3, 4) but was (4, 3)");
        ExerciseReport dense = new ExerciseReport("dlkit/layers/Dense.java", "Dense", 0, 1, List.of(),
                List.of(new TestReport("DenseHiddenTest.backwardMatchesReference", 0, 1, false, shape.summary(), 2, shape)));
        String page = HtmlReport.studentPage(new GradeReport("alice", 1, "17", 0, 1, List.of(dense), List.of(), "",
                new GradeReport.Timings(1, 1, 1, 1), List.of("policy")), Extras.none());

        assertThat(page).contains("<th>checked</th><td>dX of Dense.backward &lt;i&gt;</td>",
                "<th>found</th><td>expected shape (3, 4) but was (4, 3)</td>");
        assertThat(page).doesNotContain("<th>expected</th>", "Looks like");
    }

    @Test
    void testNamesReadAsWords() {
        assertThat(HtmlReport.checkName("ReLUHiddenTest.backwardMatchesReference")).isEqualTo("backward matches reference");
        assertThat(HtmlReport.checkName("X.nesterovUsesTheNewVelocityAtT2")).isEqualTo("nesterov uses the new velocity at t2");
        assertThat(HtmlReport.checkName("X.testAccuracyAtLeast080")).isEqualTo("test accuracy at least 0.80");
        assertThat(HtmlReport.checkName("X.testAccuracyAtLeast093")).isEqualTo("test accuracy at least 0.93");
        assertThat(HtmlReport.checkName("X.finiteAndRightAtLogitsOfPlusMinus1000")).isEqualTo("finite and right at logits of plus minus 1000");
        assertThat(HtmlReport.checkName("X.q01DeepVsClassicalMl")).isEqualTo("q01 deep vs classical ml");
        assertThat(HtmlReport.checkName("X.cs231nLossMatchesReference")).isEqualTo("cs231n loss matches reference");
    }

    /**
     * A student who hands in the whole kit with Adam done: Adam's card comes first, not after the
     * thirty untouched stubs, which fold into one line; the replay command is on the instructor's
     * copy only.
     */
    @Test
    void theExercisesHandedInComeFirstAndUntouchedStubsFoldIntoOneLine() {
        List<ExerciseReport> exercises = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String name = "Stub" + i;
            exercises.add(new ExerciseReport("dlkit/layers/" + name + ".java", name, 0, 10,
                    List.of(Grader.UNCHANGED + name + ".java is the kit's stub as it was handed out, so it was graded as the stub"),
                    List.of(new TestReport(name + "HiddenTest.forwardMatchesReference", 0, 10, false, GradeReport.STUB_NOT_RUN, 0)))
                    .withHanded(GradeReport.Handed.UNCHANGED));
        }
        exercises.add(new ExerciseReport(ADAM, "Adam", 1, 3, List.of(), List.of(
                new TestReport("AdamHiddenTest.firstStepMatchesReference", 0, 2, false, FAILURE.summary(), 3, FAILURE),
                new TestReport("AdamHiddenTest.frozenParameterIsNotTouched", 1, 1, true, "", 1))));
        GradeReport r = new GradeReport("kit", 5, "17", 1, 303, exercises, List.of(), "", new GradeReport.Timings(1, 1, 1, 1),
                List.of("policy"));
        Extras extras = new Extras(Map.of(), Map.of(), Map.of(), "grade SUBMISSION --one --seed 5");

        String page = HtmlReport.studentPage(r, extras);

        assertThat(page.indexOf("<section class=\"card")).as("the first card").isEqualTo(page.indexOf("<section class=\"card partial\" id=\"ex-dlkit-optim-Adam-java\""));
        assertThat(page).contains("<a href=\"#not-submitted\">30 exercises not started</a>", "<strong>Not started</strong> (0 / 300 points)");
        assertThat(page.split("<section class=\"card", -1)).as("cards: Adam and the one line of stubs").hasSize(3);
        assertThat(page.substring(page.indexOf("id=\"not-submitted\""))).contains(">Stub0</span>, ", ">Stub29</span>.");
        assertThat(page).doesNotContain("--one --seed", "not run: this exercise");
        assertThat(HtmlReport.instructorPage(r, extras)).contains("<code>grade SUBMISSION --one --seed 5</code>");
    }
}
