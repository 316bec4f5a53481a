package dlkit.grader.grade;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Main;
import dlkit.grader.Submissions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** explore on a small submission, through the command line: the student's code runs in the sandboxed JVM. */
class ExploreCommandTest {

    @TempDir
    Path tmp;

    @Test
    void drawsTheStudentsPathsBesideTheReferences() throws Exception {
        Path student = Files.createDirectories(tmp.resolve("dora"));
        // Momentum as the reference; Adam without bias correction; an RMSprop that never ends.
        Files.writeString(student.resolve("Momentum.java"), Submissions.solution("dlkit/optim/Momentum.java"));
        Files.writeString(student.resolve("Adam.java"), Submissions.solution(Submissions.ADAM)
                .replace("double mHat = m[i] / correction1;", "double mHat = m[i];")
                .replace("double vHat = v[i] / correction2;", "double vHat = v[i];"));
        String rms = Submissions.solution("dlkit/optim/RMSprop.java");
        Files.writeString(student.resolve("RMSprop.java"), rms.replaceFirst("(protected void update\\(DMatrixRMaj w, DMatrixRMaj dw, ParameterState s\\) \\{\n)",
                "$1        while (learningRate() > 0) { setLearningRate(learningRate() * 1.0); }\n"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("explore", student.toString(), "--out", tmp.resolve("plots").toString());

        assertThat(code).as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("Drew 12 plots for dora");
        String page = Files.readString(tmp.resolve("plots/explore.html"));
        assertThat(page).contains("<img src=\"path-momentum-rosenbrock.png\"", "<img src=\"path-adam-quadratic.png\"");
        assertThat(Files.size(tmp.resolve("plots/path-adam-rosenbrock.png"))).isGreaterThan(15_000);
        int momentum = page.indexOf("<h2>Momentum</h2>");
        int adam = page.indexOf("<h2>Adam</h2>");
        int rmsprop = page.indexOf("<h2>RMSprop</h2>");
        int gd = page.indexOf("<h2>GradientDescent (not in this submission: the stub)</h2>");
        assertThat(page.substring(momentum, rmsprop)).contains("The two paths overlap at this plot&#39;s resolution")
                .doesNotContain("is the reference", "the same");
        assertThat(page.substring(adam)).contains("Your path leaves the reference&#39;s at step 1");
        assertThat(page.substring(rmsprop, adam)).contains("Only the reference is drawn: it took longer than 5 s");
        assertThat(page.substring(gd, momentum)).contains("Only the reference is drawn: not implemented yet: GradientDescent.update");
        // The capstone is not in this submission: the reference's training curves, with the stub's message.
        int digits = page.indexOf("<h2>DigitClassifier (not in this submission: the stub)</h2>");
        assertThat(digits).isGreaterThan(adam);
        assertThat(page.substring(digits)).contains("<img src=\"digits-loss.png\"", "<img src=\"digits-accuracy.png\"",
                "Only the reference is drawn: not implemented yet: DigitClassifier.build");
    }
}
