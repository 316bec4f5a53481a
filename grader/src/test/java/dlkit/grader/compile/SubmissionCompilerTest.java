package dlkit.grader.compile;

import static dlkit.grader.Submissions.ADAM;
import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Submissions;
import dlkit.grader.kit.Kit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionCompilerTest {

    @Test
    void aFileThatDoesNotCompileIsReplacedByItsStub(@TempDir Path tmp) throws IOException {
        String broken = Submissions.solution(ADAM).replace("double mHat = m[i] / correction1;", "double mHat = m[i] / corection1;");
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

    static final String MOMENTUM = "dlkit/optim/Momentum.java";

    @Test
    void aFileTheCompilerCrashesOnDidNotCompileInOneLineAndTheOthersStillCompile(@TempDir Path tmp) throws IOException {
        String deep = Submissions.adamWithStepPrefix("        int deep = " + Submissions.nested(30_000) + ";\n");
        try (Kit kit = Kit.open()) {
            SubmissionCompiler.Compiled compiled = new SubmissionCompiler(kit)
                    .compile(Map.of(ADAM, deep, MOMENTUM, Submissions.solution(MOMENTUM)), tmp.resolve("classes"));

            assertThat(compiled.replaced()).containsOnlyKeys(ADAM);
            assertThat(compiled.replaced().get(ADAM)).singleElement().asString()
                    .startsWith("Adam.java: the compiler itself failed on this file (StackOverflowError)")
                    .hasSizeLessThan(200);
            assertThat(compiled.classes().resolve("dlkit/optim/Momentum.class")).isRegularFile();
        }
    }

    @Test
    void aFileRedefiningAKitClassCostsThatFileOnly(@TempDir Path tmp) throws IOException {
        String givenRedefined = Submissions.solution(ADAM) + "\ninterface Optimizer {}\n";
        String exerciseRedefined = Submissions.solution(ADAM) + "\nclass Momentum {}\n";
        try (Kit kit = Kit.open()) {
            SubmissionCompiler compiler = new SubmissionCompiler(kit);
            for (String adam : List.of(givenRedefined, exerciseRedefined)) {
                Kit.deleteRecursively(tmp.resolve("classes"));
                SubmissionCompiler.Compiled compiled = compiler.compile(
                        Map.of(ADAM, adam, MOMENTUM, Submissions.solution(MOMENTUM)), tmp.resolve("classes"));

                assertThat(compiled.replaced()).containsOnlyKeys(ADAM);
                assertThat(compiled.classes().resolve("dlkit/optim/Momentum.class")).isRegularFile();
                assertThat(compiled.classes().resolve("dlkit/optim/Optimizer.class")).doesNotExist();
            }
            assertThat(compiler.compile(Map.of(ADAM, givenRedefined), tmp.resolve("c2")).replaced().get(ADAM)).containsExactly(
                    "Adam.java: declares dlkit.optim.Optimizer, which is a class of the kit (given code); "
                            + "a file may declare only its own classes");
            assertThat(compiler.compile(Map.of(ADAM, exerciseRedefined), tmp.resolve("c3")).replaced().get(ADAM)).containsExactly(
                    "Adam.java: declares dlkit.optim.Momentum, which is a class of the kit (dlkit/optim/Momentum.java); "
                            + "a file may declare only its own classes");
        }
    }

    @Test
    void aFileWithoutItsExercisesClassIsReplacedByItsStubWithTheReason(@TempDir Path tmp) throws IOException {
        // An empty upload (the package line is what PackageFixer adds), and the class renamed: both compile.
        String empty = "package dlkit.optim;\n";
        String renamed = Submissions.solution(ADAM).replace(Submissions.ADAM_CLASS, "final class MyAdam extends OptimizerBase {\n")
                .replace("public Adam(", "public MyAdam(");
        try (Kit kit = Kit.open()) {
            SubmissionCompiler compiler = new SubmissionCompiler(kit);
            for (String adam : List.of(empty, renamed)) {
                Kit.deleteRecursively(tmp.resolve("classes"));
                SubmissionCompiler.Compiled compiled = compiler.compile(
                        Map.of(ADAM, adam, MOMENTUM, Submissions.solution(MOMENTUM)), tmp.resolve("classes"));

                assertThat(compiled.replaced()).containsOnlyKeys(ADAM);
                assertThat(compiled.replaced().get(ADAM)).containsExactly("Adam.java: declares no class Adam (is the file empty,"
                        + " or its class renamed?); keep the kit's class, dlkit.optim.Adam, so that the tests find it");
                assertThat(compiled.classes().resolve("dlkit/optim/Momentum.class")).isRegularFile();
                assertThat(compiled.classes().resolve("dlkit/optim/MyAdam.class")).doesNotExist();
            }
        }
    }

    @Test
    void aClassFileThatCannotBeWrittenIsTheFilesErrorWithoutTheGradingMachinesPaths(@TempDir Path tmp) throws IOException {
        String longName = "N".repeat(300);
        String adam = Submissions.solution(ADAM).replace(Submissions.ADAM_CLASS,
                Submissions.ADAM_CLASS + "    static class " + longName + " {}\n");
        try (Kit kit = Kit.open()) {
            SubmissionCompiler.Compiled compiled = new SubmissionCompiler(kit)
                    .compile(Map.of(ADAM, adam, MOMENTUM, Submissions.solution(MOMENTUM)), tmp.resolve("classes"));

            assertThat(compiled.replaced()).containsOnlyKeys(ADAM);
            assertThat(String.join("\n", compiled.replaced().get(ADAM))).startsWith("Adam.java:" + Submissions.lineOf(adam, "static class " + longName) + ": error while writing")
                    .endsWith(": dlkit/optim/Adam$" + longName + ".class: File name too long")
                    .doesNotContain(tmp.toString()).doesNotContain(System.getProperty("java.io.tmpdir") + "/dlkit-grading-");
            assertThat(compiled.classes().resolve("dlkit/optim/Momentum.class")).isRegularFile();
        }
    }

    /**
     * Generic calls nested in conditionals in each other's arguments: javac's inference takes
     * about twice as long with each level (7 levels some 9 s, 16 levels far beyond any limit).
     */
    static String inferenceBomb(int levels) {
        String call = "1";
        for (int i = 0; i < levels; i++) {
            call = "m(b ? " + call + " : null)";
        }
        return Submissions.solution(ADAM).replace(Submissions.ADAM_CLASS, Submissions.ADAM_CLASS
                + "    static boolean b;\n"
                + "    static <T> java.util.List<T> m(T t) { return null; }\n"
                + "    static <T> java.util.Set<T> m(java.util.Collection<T> t) { return null; }\n"
                + "    static Object bomb() { return " + call + "; }\n");
    }

    @Test
    @org.junit.jupiter.api.Timeout(300)
    void aFileTheCompilerWouldTakeForeverOnIsStoppedAtTheLimitAndTheOthersStillCompile(@TempDir Path tmp) throws IOException {
        try (Kit kit = Kit.open()) {
            // Long enough for a new compiler JVM to compile one file cold on a busy machine.
            SubmissionCompiler compiler = new SubmissionCompiler(kit, java.time.Duration.ofSeconds(15));
            compiler.stubClasses();
            long start = System.nanoTime();
            SubmissionCompiler.Compiled compiled = compiler.compile(
                    Map.of(ADAM, inferenceBomb(16), MOMENTUM, Submissions.solution(MOMENTUM)), tmp.resolve("classes"));
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(compiled.replaced()).containsOnlyKeys(ADAM);
            assertThat(compiled.replaced().get(ADAM)).singleElement().asString()
                    .startsWith("Adam.java: the compiler ran past 15 s on this file and was stopped: ")
                    .contains("write it in smaller steps");
            assertThat(compiled.classes().resolve("dlkit/optim/Momentum.class")).isRegularFile();
            // Twice the limit (the whole submission, then the file alone), plus compiling the rest.
            assertThat(seconds).as("seconds until graded").isLessThan(120);
            // The compiler JVM it ran in was ended; the next submission compiles in a new one.
            assertThat(compiler.compile(Map.of(ADAM, Submissions.solution(ADAM)), tmp.resolve("again")).replaced()).isEmpty();
        }
    }

    @Test
    void aConstantThatFillsTheCompilersMemoryCostsItsFileOnly(@TempDir Path tmp) throws IOException {
        // Each constant twice the one before: javac folds them, 2^40 characters at the end.
        StringBuilder constants = new StringBuilder("    static final String C0 = \"0123456789abcdef\";\n");
        for (int i = 1; i <= 36; i++) {
            constants.append("    static final String C").append(i).append(" = C").append(i - 1).append(" + C").append(i - 1).append(";\n");
        }
        String adam = Submissions.solution(ADAM).replace(Submissions.ADAM_CLASS, Submissions.ADAM_CLASS + constants);
        try (Kit kit = Kit.open()) {
            SubmissionCompiler.Compiled compiled = new SubmissionCompiler(kit)
                    .compile(Map.of(ADAM, adam, MOMENTUM, Submissions.solution(MOMENTUM)), tmp.resolve("classes"));

            assertThat(compiled.replaced()).containsOnlyKeys(ADAM);
            assertThat(compiled.replaced().get(ADAM)).singleElement().asString()
                    .isEqualTo("Adam.java: the compiler itself failed on this file (OutOfMemoryError): it ran out of memory, as on a"
                            + " constant it must compute that is far too long");
            assertThat(compiled.classes().resolve("dlkit/optim/Momentum.class")).isRegularFile();
        }
    }
}
