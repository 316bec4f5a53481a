package dlkit.grader.release;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Main;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Classroom workflow's build step, run as the workflow runs it: {@code CompileOrStub.java} in
 * a student repository made from a week-1 template, with one file that does not compile and one
 * whose changed signature breaks its public tests. Each is put back as its stub; the solved
 * files stay the student's, so their own steps can pass.
 */
class ClassroomBuildTest {

    static final Path ROOT = ExercisesInSyncTest.ROOT;

    @TempDir
    Path tmp;

    @Test
    void aFileThatDoesNotCompileIsPutBackAsItsStubAndOnlyIt() throws Exception {
        Path repo = tmp.resolve("repo");
        assertThat(Main.commandLine().execute("release", "--solutions", ROOT.resolve("solutions").toString(), "--out",
                repo.toString(), "--course", ROOT.resolve("course.yaml").toString(), "--assignment", "week1")).isZero();
        run(repo, "git", "init", "-q");
        run(repo, "git", "add", "-A");
        run(repo, "git", "-c", "user.email=t@example.com", "-c", "user.name=template", "commit", "-qm", "template");

        Path main = repo.resolve("src/main/java/dlkit");
        // ReLU solved and named beside Dense in tests that no longer compile: it must stay the student's.
        String relu = Files.readString(ROOT.resolve("solutions/src/main/java/dlkit/layers/ReLU.java"));
        Files.writeString(main.resolve("layers/ReLU.java"), relu);
        Files.writeString(main.resolve("layers/Tanh.java"), Files.readString(ROOT.resolve("solutions/src/main/java/dlkit/layers/Tanh.java"))
                .replace("Math.tanh(x)", "Math.tanhh(x)"));
        String stubOfDense = Files.readString(main.resolve("layers/Dense.java"));
        // Compiles alone, but DenseTest (and code that uses Dense) calls weight() and no longer finds it.
        Files.writeString(main.resolve("layers/Dense.java"), stubOfDense.replace("public Parameter weight()", "public Parameter weights()"));
        assertThat(stubOfDense).contains("public Parameter weight()");
        String stubOfTanh = Files.readString(ROOT.resolve("exercises/src/main/java/dlkit/layers/Tanh.java"));

        Path classpath = Files.writeString(tmp.resolve("classpath.txt"), String.join(File.pathSeparator, CompiledKit.libraries()));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                ClassroomWorkflow.HELPER, classpath.toString()));
        for (String f : List.of("layers/Dense.java", "layers/ReLU.java", "layers/Tanh.java", "layers/Sigmoid.java")) {
            command.add("dlkit/" + f);
        }
        String out = run(repo, command.toArray(String[]::new));

        assertThat(out).contains("::error file=src/main/java/dlkit/layers/Tanh.java::dlkit/layers/Tanh.java does not compile")
                .contains("::error file=src/main/java/dlkit/layers/Dense.java::dlkit/layers/Dense.java does not compile, so its checks "
                        + "run on the kit's stub: a file that uses it does not compile")
                .contains("Compiles with 2 file(s) put back as the stub");
        assertThat(Files.readString(main.resolve("layers/Tanh.java"))).isEqualTo(stubOfTanh);
        assertThat(Files.readString(main.resolve("layers/Dense.java"))).isEqualTo(stubOfDense);
        assertThat(Files.readString(main.resolve("layers/ReLU.java"))).as("the solved file stays the student's").isEqualTo(relu);
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }
}
