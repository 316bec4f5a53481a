package dlkit.grader.policy;

import static dlkit.grader.Submissions.ADAM;
import static dlkit.grader.Submissions.adamWithStepPrefix;
import static dlkit.grader.Submissions.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Submissions;
import dlkit.grader.compile.SubmissionCompiler;
import dlkit.grader.kit.Kit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

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
        return new BytecodePolicy(kit.exercises(), kit.givenClasses()).check(compiled.classes(), Integer.MAX_VALUE)
                .getOrDefault(ADAM, List.of());
    }

    /**
     * Each of {@code codesAndMessages}' codes (one line each, run first in Adam.update, all in one
     * compile) refused with its message on its own line; {@code classes} are added to Adam.java.
     */
    void allRefused(String classes, String... codesAndMessages) throws IOException {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < codesAndMessages.length; i += 2) {
            code.append("        ").append(codesAndMessages[i]).append('\n');
        }
        String source = adamWithStepPrefix(code.toString()) + classes;
        List<String> problems = problems(source);
        for (int i = 0; i < codesAndMessages.length; i += 2) {
            assertThat(problems).as(codesAndMessages[i])
                    .contains("Adam.java:" + lineOf(source, codesAndMessages[i]) + ": " + codesAndMessages[i + 1]);
        }
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
                        java.util.function.DoubleUnaryOperator f = x -> x * learningRate();
                        StringBuilder sb = new StringBuilder("sum ").append(sum);
                        System.out.println("step " + sb + f.applyAsDouble(2) + counts + java.util.Arrays.toString(new int[2]));
                        System.err.printf("%.3f%n", Math.max(sum, StrictMath.exp(1)));
                        if (Double.isNaN(sum)) throw new IllegalStateException(String.format("bad %s", sum));
                        assert sum >= 0 : "negative";
                        java.util.random.RandomGenerator rng = new java.util.Random(1);
                        if (rng.nextDouble() > 2 && java.util.Objects.equals(xs, null)) return;
                        // What a class mixing safe and unsafe members keeps.
                        java.util.Formatter inMemory = new java.util.Formatter(new StringBuilder(), java.util.Locale.ROOT);
                        inMemory.format("%d", new java.util.Scanner("1 2").nextInt()).flush();
                        long n = java.util.stream.StreamSupport.stream(xs.spliterator(), false).count();
                        var map = new java.util.concurrent.ConcurrentHashMap<String, Integer>(counts);
                        map.merge("a", 1, Integer::sum); map.forEach((k, v) -> { });
                        n += java.util.concurrent.ConcurrentHashMap.newKeySet().stream().count() + map.mappingCount();
                        n += new java.util.concurrent.atomic.AtomicLong(n).incrementAndGet()
                                + java.util.concurrent.ThreadLocalRandom.current().nextInt(2);
                        n += java.util.stream.Stream.concat(xs.stream(), xs.stream().sequential()).count();
                        rng = java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(n);
                        DMatrixRMaj a = new DMatrixRMaj(2, 2);
                        org.ejml.dense.row.CommonOps_DDRM.mult(a, a, new DMatrixRMaj(2, 2));
                        if (org.ejml.dense.row.NormOps_DDRM.normF(a) > org.ejml.EjmlParameters.BLOCK_WIDTH) a.print();
                        System.out.append("x").flush();
                        java.util.Base64.getEncoder().encodeToString(new byte[2]);
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
        refused("        if (learningRate() < 0) System.exit(1);\n", "System.exit",
                "System.exit is not allowed (it ends the grading JVM)");
        refused("        java.util.function.IntConsumer quit = System::exit; if (learningRate() < 0) quit.accept(1);\n",
                "System::exit", "System.exit is not allowed (it ends the grading JVM)");
        refused("        if (learningRate() < 0) Runtime.getRuntime().halt(1);\n", "halt",
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
                "java.util.stream.IntStream.parallel is not allowed (parallel streams and sorts run on threads)");
    }

    @Test
    void filesAndStreamsInJavaUtilAreRefusedByMember() throws IOException {
        allRefused("",
                "try { new java.util.Formatter(\"x.txt\").format(\"%d\", 1); } catch (Exception e) { }",
                "new java.util.Formatter(String) is not allowed (it opens a file)",
                "try { new java.util.Formatter(\"y.txt\", \"UTF-8\"); } catch (Exception e) { }",
                "new java.util.Formatter(String, String) is not allowed (it opens a file)",
                "new java.util.Formatter(System.out).format(\"x\");",
                "new java.util.Formatter(PrintStream) is not allowed (it writes to a stream)",
                "new java.util.Formatter(new StringBuilder()).close();",
                "java.util.Formatter.close is not allowed (it closes what it writes to, System.out for one)",
                "try { ((AutoCloseable) System.out).close(); } catch (Exception e) { }",
                "AutoCloseable.close is not allowed (it could close System.out)",
                "try { new java.util.Scanner(java.nio.file.Path.of(\"x\")); } catch (Exception e) { }",
                "new java.util.Scanner(Path) is not allowed (it reads a file or stream)",
                "try { new java.util.Properties().load(new java.io.StringReader(\"\")); } catch (Exception e) { }",
                "java.util.Properties.load is not allowed (it reads or writes a file or stream)",
                "java.util.ResourceBundle.getBundle(\"answers\");",
                "java.util.ResourceBundle.getBundle is not allowed (it loads classes and files by name)",
                "java.util.ServiceLoader.load(Runnable.class);",
                "java.util.ServiceLoader.load is not allowed (class loaders)",
                "java.util.spi.ToolProvider.findFirst(\"jar\");",
                "java.util.spi.ToolProvider.findFirst is not allowed (JDK service providers (ToolProvider runs tools such as jar inside the grading JVM))",
                "java.util.Base64.getEncoder().wrap(System.out);",
                "java.util.Base64.Encoder.wrap is not allowed (it writes to a stream)",
                "java.util.logging.Logger.getLogger(\"x\");",
                "java.util.logging.Logger.getLogger is not allowed (files (java.util.logging))",
                "new java.util.zip.CRC32();",
                "java.util.zip.CRC32 is not allowed (files (java.util.zip))",
                "java.util.function.Function<java.io.PrintStream, java.util.Formatter> wrap = java.util.Formatter::new;",
                "new java.util.Formatter(PrintStream) is not allowed (it writes to a stream)");
    }

    @Test
    void everyRouteToAnotherThreadIsRefused() throws IOException {
        String chm = "new java.util.concurrent.ConcurrentHashMap<String, Integer>()";
        allRefused("",
                "new java.util.concurrent.SubmissionPublisher<String>().submit(\"x\");",
                "java.util.concurrent.SubmissionPublisher is not allowed (it delivers its items on other threads)",
                chm + ".forEach(1L, (k, v) -> { });",
                "java.util.concurrent.ConcurrentHashMap.forEach(long, BiConsumer) is not allowed (with a parallelism threshold it runs on threads)",
                chm + ".reduceValues(1L, Integer::sum);",
                "java.util.concurrent.ConcurrentHashMap.reduceValues(long, BiFunction) is not allowed (with a parallelism threshold it runs on threads)",
                chm + ".search(1L, (k, v) -> k);",
                "java.util.concurrent.ConcurrentHashMap.search(long, BiFunction) is not allowed (with a parallelism threshold it runs on threads)",
                "java.util.stream.StreamSupport.stream(java.util.List.of(1).spliterator(), true).count();",
                "java.util.stream.StreamSupport.stream(Spliterator, boolean) is not allowed (it makes a parallel stream, which runs on threads, unless its last argument is the constant false)",
                "boolean par = learningRate() > 0; java.util.stream.StreamSupport.intStream(java.util.Spliterators.emptyIntSpliterator(), par);",
                "java.util.stream.StreamSupport.intStream(Spliterator.OfInt, boolean) is not allowed (it makes a parallel stream, which runs on threads, unless its last argument is the constant false)",
                "java.util.stream.StreamSupport.longStream(java.util.Spliterators.emptyLongSpliterator(), learningRate() > 0 ? true : false);",
                "java.util.stream.StreamSupport.longStream(Spliterator.OfLong, boolean) is not allowed (it makes a parallel stream, which runs on threads, unless its last argument is the constant false)",
                "java.util.List.of(1).parallelStream().count();",
                "java.util.List.parallelStream is not allowed (parallel streams and sorts run on threads)",
                "java.util.concurrent.ConcurrentHashMap.newKeySet().parallelStream().count();",
                "java.util.concurrent.ConcurrentHashMap.KeySetView.parallelStream is not allowed (parallel streams and sorts run on threads)",
                "java.util.Arrays.parallelSort(new int[3]);",
                "java.util.Arrays.parallelSort is not allowed (parallel streams and sorts run on threads)",
                "java.util.function.UnaryOperator<java.util.stream.Stream<Integer>> par2 = java.util.stream.Stream::parallel;",
                "java.util.stream.BaseStream.parallel is not allowed (parallel streams and sorts run on threads)",
                "java.util.concurrent.ForkJoinPool.commonPool();",
                "java.util.concurrent.ForkJoinPool.commonPool is not allowed (threads and executors)",
                "java.util.concurrent.CompletableFuture.runAsync(() -> { });",
                "java.util.concurrent.CompletableFuture.runAsync is not allowed (threads and executors)",
                "java.util.concurrent.Executors.newFixedThreadPool(2);",
                "java.util.concurrent.Executors.newFixedThreadPool is not allowed (threads and executors)",
                "new java.util.Timer();",
                "java.util.Timer is not allowed (threads)",
                "new java.util.concurrent.CountDownLatch(1).countDown();",
                "java.util.concurrent.CountDownLatch is not allowed (concurrency beyond atomics and concurrent collections, which the kit never needs)",
                "new java.util.concurrent.Phaser(1).arrive();",
                "java.util.concurrent.Phaser is not allowed (concurrency beyond atomics and concurrent collections, which the kit never needs)",
                "new java.util.concurrent.locks.ReentrantLock().lock();",
                "java.util.concurrent.locks.ReentrantLock is not allowed (concurrency beyond atomics and concurrent collections, which the kit never needs)",
                "Thread.currentThread().getName();",
                "Thread.currentThread is not allowed (threads)",
                "try { this.wait(10); } catch (InterruptedException e) { }",
                "Object.wait(long) is not allowed (waiting for other threads, which the kit never uses)",
                "\"x\".notify();",
                "Object.notify() is not allowed (waking other threads, which the kit never uses)",
                "synchronized (System.out) { setLearningRate(learningRate() + 0); }",
                "a synchronized block is not allowed (the kit runs on one thread, and a lock held on a shared object such as System.out stalls the grader)",
                "System.runFinalization();",
                "System.runFinalization is not allowed (finalizers run on the JVM's finaliser thread)");
    }

    @Test
    void ejmlIsAllowedForItsMatricesAndDenseOperationsOnly() throws IOException {
        String m = "new DMatrixRMaj(2, 2)";
        allRefused("",
                "try { org.ejml.ops.MatrixIO.saveDenseCSV(" + m + ", \"x.csv\"); } catch (Exception e) { }",
                "org.ejml.ops.MatrixIO.saveDenseCSV is not allowed (it reads and writes files)",
                "try { org.ejml.ops.MatrixIO.saveMatlab(" + m + ", \"x.mat\"); } catch (Exception e) { }",
                "org.ejml.ops.MatrixIO.saveMatlab is not allowed (it reads and writes files)",
                "try { org.ejml.ops.MatrixIO.loadCSV(\"x.csv\", false); } catch (Exception e) { }",
                "org.ejml.ops.MatrixIO.loadCSV is not allowed (it reads and writes files)",
                "org.ejml.dense.row.DMatrixVisualization.show(" + m + ", \"w\");",
                "org.ejml.dense.row.DMatrixVisualization.show is not allowed (it opens a window)",
                "org.ejml.concurrency.EjmlConcurrency.setMaxThreads(8);",
                "org.ejml.concurrency.EjmlConcurrency.setMaxThreads is not allowed (threads (EJML's concurrency settings))",
                "org.ejml.dense.row.CommonOps_MT_DDRM.mult(" + m + ", " + m + ", " + m + ");",
                "org.ejml.dense.row.CommonOps_MT_DDRM.mult is not allowed (it runs on several threads (EJML's concurrent operations))",
                "org.ejml.dense.row.factory.LinearSolverFactory_MT_DDRM.qr(2, 2);",
                "org.ejml.dense.row.factory.LinearSolverFactory_MT_DDRM.qr is not allowed (it runs on several threads (EJML's concurrent operations))",
                "org.ejml.EjmlParameters.BLOCK_WIDTH = 1;",
                "org.ejml.EjmlParameters.BLOCK_WIDTH may not be set (a static field of a library is shared with the grader's own code)",
                "new org.ejml.ops.ReadCsv(null);",
                "org.ejml.ops.ReadCsv is not allowed (it reads files and streams)",
                "org.ejml.sparse.FillReducing.values();",
                "org.ejml.sparse.FillReducing is not allowed (only EJML's matrix types and dense operations are allowed)");
    }

    @Test
    void javaLangMembersThatReachTheGraderAreRefused() throws IOException {
        allRefused("",
                "java.util.Locale.setDefault(java.util.Locale.GERMANY);",
                "java.util.Locale.setDefault(Locale) is not allowed (it changes a default of the whole JVM, the grader's own formatting included)",
                "java.util.TimeZone.setDefault(null);",
                "java.util.TimeZone.setDefault(TimeZone) is not allowed (it changes a default of the whole JVM, the grader's own formatting included)",
                "if (new Throwable().getStackTrace().length < 0) return;",
                "Throwable.getStackTrace() is not allowed (it reads the grader's call stack, which names the hidden test running)",
                "new RuntimeException().setStackTrace(new StackTraceElement[0]);",
                "RuntimeException.setStackTrace(StackTraceElement[]) is not allowed (it forges where an error came from)",
                "if (Runtime.version().feature() < 0) return;",
                "Runtime.version is not allowed (it can end the grading JVM or start programs)",
                "if (System.in.hashCode() < 0) return;",
                "System.in is not allowed (it reads the program's input)",
                "System.loadLibrary(\"evil\");",
                "System.loadLibrary is not allowed (it loads native code)",
                "if (Adam.class.getResourceAsStream(\"x\") == null) return;",
                "Class.getResourceAsStream is not allowed (reflection)");
    }

    @Test
    void inheritedMembersAreRefusedOnTheStudentsOwnClassesToo() throws IOException {
        String classes = """

                class Leftover {
                    @Override
                    protected void finalize() { Leftover.class.hashCode(); }
                }

                class Many extends java.util.ArrayList<Integer> {
                    long count() { return parallelStream().count(); }
                }

                interface Bulky {
                    void forEach(long threshold, java.util.function.BiConsumer<? super String, ? super Integer> action);
                }

                class Both extends java.util.concurrent.ConcurrentHashMap<String, Integer> implements Bulky {
                    void each() { ((Bulky) this).forEach(2L, (k, v) -> { }); }
                }

                class Bulk extends java.util.concurrent.ConcurrentHashMap<String, Integer> {
                    void each() { forEach(1L, (k, v) -> { }); }
                }

                @java.beans.JavaBean
                class Tagged { }
                """;
        String source = Submissions.solution(ADAM) + classes;
        assertThat(problems(source)).contains(
                "Adam.java:" + lineOf(source, "Leftover.class.hashCode") + ": a finalize() method is not allowed"
                        + " (it runs on the JVM's finaliser thread, after the test)",
                "Adam.java:" + lineOf(source, "return parallelStream()") + ": dlkit.optim.Many.parallelStream() is not allowed"
                        + " (parallel streams and sorts run on threads)",
                "Adam.java:" + lineOf(source, "((Bulky) this)") + ": dlkit.optim.Bulky.forEach(long, BiConsumer) is not allowed"
                        + " (with a parallelism threshold it runs on threads)",
                "Adam.java:" + lineOf(source, "forEach(1L") + ": dlkit.optim.Bulk.forEach(long, BiConsumer) is not allowed"
                        + " (with a parallelism threshold it runs on threads)",
                "Adam.java: java.beans.JavaBean is not allowed (it is not on the list of classes the kit allows)");
    }

    @Test
    void environmentAndPropertiesAreRefused() throws IOException {
        refused("        if (System.getenv(\"HOME\") == null) return;\n", "getenv",
                "System.getenv is not allowed (the environment and system properties)");
        refused("        if (Integer.getInteger(\"dlkit.seed\") == null) return;\n", "getInteger",
                "Integer.getInteger is not allowed (it reads a system property)");
    }

    @Test
    void theKitsNumericGradientIsRefusedAlsoAsAMethodReference() throws IOException {
        // A layer's backward as GradientCheck's centred differences of its own forward scored LayerNorm 6 of 6.
        String why = " (it computes gradients by finite differences, to check yours in a test of your own"
                + " (src/test); a file you hand in computes its gradients itself)";
        allRefused("",
                "dlkit.core.GradientCheck.numericGradient(m -> 0.0, w.copy());",
                "dlkit.core.GradientCheck.numericGradient is not allowed" + why,
                "java.util.function.BiFunction<java.util.function.ToDoubleFunction<DMatrixRMaj>, DMatrixRMaj, DMatrixRMaj> numeric"
                        + " = dlkit.core.GradientCheck::numericGradient;", "dlkit.core.GradientCheck.numericGradient is not allowed" + why,
                // The exercise NumericalGradient is the student's own in the other exercises' tests: its inputGradient is a backward pass.
                "dlkit.gradcheck.NumericalGradient.gradient(m -> 0.0, w.copy(), 1e-5);",
                "dlkit.gradcheck.NumericalGradient.gradient is not allowed outside NumericalGradient.java" + why);
        String own = "dlkit/gradcheck/NumericalGradient.java";
        SubmissionCompiler.Compiled compiled = new SubmissionCompiler(kit).compile(Map.of(own, Submissions.solution(own)),
                tmp.resolve("own"));
        assertThat(new BytecodePolicy(kit.exercises(), kit.givenClasses()).check(compiled.classes(), Integer.MAX_VALUE))
                .as("NumericalGradient's own solution, which calls itself").doesNotContainKey(own);
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
    void dlkitClassesBeyondTheGivenCodeAndTheExercisesAreRefused() throws IOException {
        // Not on the compile class path, but in the test JVM: made with ASM as a compiler elsewhere would.
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "dlkit/optim/Adam", null, "java/lang/Object", null);
        w.visitSource("Adam.java", null);
        MethodVisitor m = w.visitMethod(Opcodes.ACC_STATIC, "peek", "()V", null, null);
        m.visitCode();
        m.visitLdcInsn("optim");
        m.visitMethodInsn(Opcodes.INVOKESTATIC, "dlkit/testing/Golden", "load", "(Ljava/lang/String;)Ljava/lang/Object;", false);
        m.visitTypeInsn(Opcodes.NEW, "dlkit/optim/Momentum");
        m.visitMethodInsn(Opcodes.INVOKESTATIC, "dlkit/core/Matrices", "relativeError", "(DD)D", false);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        Path classes = Files.createDirectories(tmp.resolve("crafted/dlkit/optim")).getParent().getParent();
        Files.write(classes.resolve("dlkit/optim/Adam.class"), w.toByteArray());
        assertThat(new BytecodePolicy(kit.exercises(), kit.givenClasses()).check(classes, Integer.MAX_VALUE).get(ADAM))
                .containsExactly("Adam.java: dlkit.testing.Golden.load is not allowed (it is not part of the kit's given code)");
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
