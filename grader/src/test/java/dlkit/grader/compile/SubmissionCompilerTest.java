package dlkit.grader.compile;

import static dlkit.grader.Submissions.ADAM;
import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Submissions;
import dlkit.grader.kit.Kit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionCompilerTest {

    @Test
    void aFileThatDoesNotCompileIsReplacedByItsStub(@TempDir Path tmp) throws IOException {
        String broken = Submissions.solution(ADAM).replace("double mHat = mp[i] / correction1;", "double mHat = mp[i] / corection1;");
        try (Kit kit = Kit.open()) {
            SubmissionCompiler compiler = new SubmissionCompiler(kit);
            SubmissionCompiler.Compiled compiled = compiler.compile(Map.of(ADAM, broken), tmp.resolve("classes"));

            assertThat(compiled.replaced()).containsOnlyKeys(ADAM);
            assertThat(compiled.replaced().get(ADAM)).containsExactly(
                    "Adam.java:" + Submissions.lineOf(broken, "corection1") + ": cannot find symbol");
            // The stub is what runs: the stubs compiled once come after the student's classes.
            assertThat(compiled.classes().resolve("dlkit/optim/Adam.class")).doesNotExist();
            assertThat(Files.readAllBytes(compiler.stubClasses().resolve("dlkit/optim/Adam.class")))
                    .as("the stub's class holds its message").asString(java.nio.charset.StandardCharsets.ISO_8859_1)
                    .contains("not implemented yet: ");
        }
    }
}
