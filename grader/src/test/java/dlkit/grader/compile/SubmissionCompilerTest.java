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
            SubmissionCompiler.Compiled compiled = new SubmissionCompiler(kit).compile(Map.of(ADAM, broken), tmp.resolve("classes"));

            assertThat(compiled.replaced()).containsOnlyKeys(ADAM);
            assertThat(compiled.replaced().get(ADAM)).containsExactly(
                    "Adam.java:" + Submissions.lineOf(broken, "corection1") + ": cannot find symbol");
            assertThat(compiled.classes().resolve("dlkit/optim/Adam.class")).exists();
            assertThat(Files.readAllBytes(compiled.classes().resolve("dlkit/optim/Adam.class")))
                    .as("the stub's class holds its message").asString(java.nio.charset.StandardCharsets.ISO_8859_1)
                    .contains("not implemented yet: ");
        }
    }
}
