package dlkit.grader.policy;

import static dlkit.grader.Submissions.ADAM;
import static dlkit.grader.Submissions.adamWithStepPrefix;
import static dlkit.grader.Submissions.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Submissions;
import dlkit.grader.compile.SubmissionCompiler;
import dlkit.grader.kit.Kit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BytecodePolicyTest {

    static Kit kit;

    @TempDir
    Path tmp;

    @BeforeAll
    static void openKit() throws IOException {
        kit = Kit.open();
    }

    @AfterAll
    static void closeKit() throws IOException {
        kit.close();
    }

    /** The policy's complaints about Adam.java when {@code code} starts its step(). */
    List<String> problems(String adamSource) throws IOException {
        SubmissionCompiler.Compiled compiled = new SubmissionCompiler(kit).compile(Map.of(ADAM, adamSource), tmp.resolve("classes"));
        assertThat(compiled.replaced()).as("compiler errors").isEmpty();
        return new BytecodePolicy(kit.exercises(), kit.givenClasses()).check(compiled.classes()).getOrDefault(ADAM, List.of());
    }

    void refused(String code, String snippet, String expected) throws IOException {
        String source = adamWithStepPrefix(code);
        assertThat(problems(source)).contains("Adam.java:" + lineOf(source, snippet) + ": " + expected);
    }

    @Test
    void theReferenceSolutionIsAllowed() throws IOException {
        assertThat(problems(Submissions.solution(ADAM))).isEmpty();
    }

    @Test
    void everydayJavaIsAllowed() throws IOException {
        String source = adamWithStepPrefix("""
                        java.util.List<Double> xs = new java.util.ArrayList<>(java.util.List.of(1.0, 2.0));
                        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
                        double sum = xs.stream().mapToDouble(Double::doubleValue).map(Math::sqrt).sum();
                        java.util.function.DoubleUnaryOperator f = x -> x * learningRate;
                        StringBuilder sb = new StringBuilder("sum ").append(sum);
                        System.out.println("step " + sb + f.applyAsDouble(2) + counts + java.util.Arrays.toString(new int[2]));
                        System.err.printf("%.3f%n", Math.max(sum, StrictMath.exp(1)));
                        if (Double.isNaN(sum)) throw new IllegalStateException(String.format("bad %s", sum));
                        assert sum >= 0 : "negative";
                        java.util.random.RandomGenerator rng = new java.util.Random(1);
                        if (rng.nextDouble() > 2 && java.util.Objects.equals(xs, null)) return;
                """);
        assertThat(problems(source)).isEmpty();
    }

    @Test
    void reflectionIsRefused() throws IOException {
        refused("        if (Adam.class.getDeclaredMethods().length < 0) return;\n", "getDeclaredMethods",
                "Class.getDeclaredMethods is not allowed (reflection)");
        refused("        try { Class.forName(\"dlkit.reference.optim.Adam\"); } catch (Exception e) { }\n", "forName",
                "Class.forName is not allowed (reflection)");
        refused("        java.lang.reflect.Field f = null; if (f != null) f.setAccessible(true);\n", "setAccessible",
                "java.lang.reflect.Field.setAccessible is not allowed (reflection)");
    }

    @Test
    void systemExitIsRefusedAlsoAsAMethodReference() throws IOException {
        refused("        if (learningRate < 0) System.exit(1);\n", "System.exit",
                "System.exit is not allowed (it ends the grading JVM)");
        refused("        java.util.function.IntConsumer quit = System::exit; if (learningRate < 0) quit.accept(1);\n",
                "System::exit", "System.exit is not allowed (it ends the grading JVM)");
        refused("        if (learningRate < 0) Runtime.getRuntime().halt(1);\n", "halt",
                "Runtime.getRuntime is not allowed (it can end the grading JVM or start programs)");
    }

    @Test
    void readingFilesIsRefused() throws IOException {
        refused("        try { java.nio.file.Files.readAllLines(java.nio.file.Path.of(\"answers.txt\")); } catch (Exception e) { }\n",
                "readAllLines", "java.nio.file.Path.of is not allowed (files (java.nio))");
        refused("        try (var in = new java.io.FileInputStream(\"x\")) { in.read(); } catch (Exception e) { }\n",
                "FileInputStream", "java.io.FileInputStream is not allowed (files and streams (java.io))");
    }

    @Test
    void threadsAreRefused() throws IOException {
        refused("        new Thread(() -> { }).start();\n", "new Thread", "Thread is not allowed (threads)");
        refused("        java.util.stream.IntStream.range(0, 9).parallel().sum();\n", "parallel()",
                "java.util.stream.IntStream.parallel is not allowed (parallel streams and sorts (they run on threads))");
    }

    @Test
    void environmentAndPropertiesAreRefused() throws IOException {
        refused("        if (System.getenv(\"HOME\") == null) return;\n", "getenv",
                "System.getenv is not allowed (the environment and system properties)");
        refused("        if (Integer.getInteger(\"dlkit.seed\") == null) return;\n", "getInteger",
                "Integer.getInteger is not allowed (it reads a system property)");
    }

    @Test
    void theReferenceAndTheGraderAreOutOfReach() {
        // Not on the compile class path either; this guards against a class compiled elsewhere.
        assertThat(AllowList.refusal("dlkit/reference/optim/Adam", "step")).contains("the reference solution");
        assertThat(AllowList.refusal("dlkit/grader/api/Check", null)).contains("the grader");
        assertThat(AllowList.refusal("dlkit/hidden/optim/AdamHiddenTest", null)).contains("the hidden tests");
        assertThat(AllowList.refusal("dlkit/core/Matrices", "relativeError")).isEmpty();
    }

    @Test
    void aStudentFileMayNotRedefineGivenCode() throws IOException {
        // DifferentiableFunction: a given interface no other package uses, so the kit's other stubs
        // still compile against the package-private copy.
        String source = Submissions.solution(ADAM) + "\ninterface DifferentiableFunction {\n"
                + "    double value(DMatrixRMaj w);\n    DMatrixRMaj gradient(DMatrixRMaj w);\n}\n";
        // The grader's compiler refuses the file before compiling it, so it cannot break another file ...
        assertThat(new SubmissionCompiler(kit).compile(Map.of(ADAM, source), tmp.resolve("classes")).replaced().get(ADAM))
                .containsExactly("Adam.java: declares dlkit.optim.DifferentiableFunction, which is a class of the kit (given code); "
                        + "a file may declare only its own classes");
        // ... and the policy, the second check, refuses its classes compiled by any other means.
        Path file = tmp.resolve("src").resolve(ADAM);
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, source);
        String classpath = String.join(java.io.File.pathSeparator, kit.compileClasspath().stream().map(Path::toString).toList())
                + java.io.File.pathSeparator + new SubmissionCompiler(kit).stubClasses();
        assertThat(javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-proc:none", "-implicit:none",
                "-d", tmp.resolve("javac").toString(), "-cp", classpath, file.toString())).isZero();
        assertThat(new BytecodePolicy(kit.exercises(), kit.givenClasses()).check(tmp.resolve("javac")).get(ADAM)).contains(
                "Adam.java: defines dlkit.optim.DifferentiableFunction, a class of the given code; rename your class");
    }
}
