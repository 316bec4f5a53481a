package dlkit.grader.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dlkit.grader.validate.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Every assertion of the public tests names the quantity it checks, so that a failure reads
 * {@code [Dense.backward dX] at (0, 1): expected 1.0 but was 2.0 (...)}, never
 * {@code Expecting actual: 1.0 to be less than: 1.0E-7}.
 */
class PublicTestsAreLabelledTest {

    static final Path TESTS = ExercisesInSyncTest.ROOT.resolve("solutions/src/test/java");

    /** The methods that give an AssertJ assertion its description. */
    static final Set<String> LABELS = Set.of("as", "describedAs");

    @Test
    void everyAssertionOfThePublicTestsHasALabel() throws IOException {
        List<String> unlabelled = new ArrayList<>();
        int assertions = 0;
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(StudentKitZipTest.javaFiles(TESTS)));
            Trees trees = Trees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                Scanner scanner = new Scanner(trees, unit);
                scanner.scan(unit, null);
                assertions += scanner.found;
                unlabelled.addAll(scanner.unlabelled);
            }
        }
        assertThat(assertions).as("assertions found in the public tests (the scan needs some)").isGreaterThan(400);
        assertThat(unlabelled).as("public test assertions without .as(\"Exercise.method quantity\")").isEmpty();
    }

    @Test
    void theScanFindsAnUnlabelledAssertion(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("SomeTest.java");
        Files.writeString(file, """
                class SomeTest {
                    void t() {
                        assertThat(1.0).as("Some.quantity").isLessThan(2.0);
                        assertThat(1.0).as("db").isLessThan(1e-7);
                        Assertions.assertThat(1.0).isLessThan(1e-7);
                        list.forEach(x -> assertThat(x).isPositive());
                        assertThatThrownBy(() -> run(), "Some.run").isInstanceOf(RuntimeException.class);
                        assertThatThrownBy(() -> run()).as("too late").isInstanceOf(RuntimeException.class);
                    }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of(), null, files.getJavaFileObjectsFromPaths(List.of(file)));
            CompilationUnitTree unit = task.parse().iterator().next();
            Scanner scanner = new Scanner(Trees.instance(task), unit);
            scanner.scan(unit, null);
            assertThat(scanner.found).as("assertions found").isEqualTo(6);
            assertThat(scanner.unlabelled).as("unlabelled ones").containsExactly("SomeTest.java:4", "SomeTest.java:5", "SomeTest.java:6", "SomeTest.java:8");
        }
    }

    /**
     * The public tests of the solutions with a known-wrong variant patched into each exercise
     * (the first of each), run in-process: every assertion that fails starts with its label.
     */
    @Test
    void publicTestsFailingOnWrongSolutionsSayWhichQuantity(@TempDir Path tmp) throws Exception {
        Path solutions = ExercisesInSyncTest.ROOT.resolve("solutions");
        Map<String, Variant> firstOfEachFile = new LinkedHashMap<>();
        Variant.packaged().stream().sorted(java.util.Comparator.comparing(Variant::name))
                .forEach(v -> firstOfEachFile.putIfAbsent(v.file(), v));
        Path kit = tmp.resolve("kit");
        for (String folder : List.of("src/main/java", "src/test/java", "src/main/resources", "src/test/resources")) {
            Path from = solutions.resolve(folder);
            if (Files.isDirectory(from)) {
                copyTree(from, kit.resolve(folder));
            }
        }
        for (Variant v : firstOfEachFile.values()) {
            Path file = kit.resolve("src/main/java").resolve(v.file());
            Files.writeString(file, v.apply(Files.readString(file)));
        }
        List<String> testClasses = StudentKitZipTest.javaFiles(kit.resolve("src/test/java")).stream()
                .filter(p -> p.getFileName().toString().endsWith("Test.java"))
                .map(p -> kit.resolve("src/test/java").relativize(p).toString().replace(".java", "").replace('/', '.'))
                .toList();
        try (CompiledKit compiled = CompiledKit.compile(kit, tmp.resolve("classes"))) {
            List<CompiledKit.Outcome> failedChecks = compiled.run(testClasses).stream()
                    .filter(o -> o.error() instanceof AssertionError).toList();

            assertThat(failedChecks).as("public tests failing a check on the variants (the test needs many)").hasSizeGreaterThan(30);
            assertThat(failedChecks).as("every failed public check starts with the quantity's label")
                    .allSatisfy(o -> assertThat(o.error().getMessage()).as(o.test()).startsWith("["));
            assertThat(failedChecks).anySatisfy(o -> assertThat(o.error().getMessage())
                    .matches("(?s)\\[[^]]+] at \\(\\d+, \\d+\\): expected .+ but was .+ \\(relative error .+, tolerance .+\\).*"));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Finds the AssertJ assertions ({@code assertThat...(x)} and the chain after it) and those without a label. */
    static final class Scanner extends TreePathScanner<Void, Void> {
        final Trees trees;
        final CompilationUnitTree unit;
        final List<String> unlabelled = new ArrayList<>();
        int found;

        Scanner(Trees trees, CompilationUnitTree unit) {
            this.trees = trees;
            this.unit = unit;
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            String name = switch (call.getMethodSelect().getKind()) {
                case IDENTIFIER -> ((IdentifierTree) call.getMethodSelect()).getName().toString();
                case MEMBER_SELECT -> ((MemberSelectTree) call.getMethodSelect()).getExpression() instanceof IdentifierTree owner
                        && owner.getName().contentEquals("Assertions")
                        ? ((MemberSelectTree) call.getMethodSelect()).getIdentifier().toString() : "";
                default -> "";
            };
            if (name.startsWith("assertThat")) {
                found++;
                // assertThatThrownBy fails before a later .as(...) could apply: it takes the label itself.
                boolean ok = name.equals("assertThatThrownBy") ? call.getArguments().size() > 1 : labelled(getCurrentPath());
                if (!ok) {
                    long line = unit.getLineMap().getLineNumber(trees.getSourcePositions().getStartPosition(unit, call));
                    unlabelled.add(Path.of(unit.getSourceFile().getName()).getFileName() + ":" + line);
                }
            }
            return super.visitMethodInvocation(call, unused);
        }

        /**
         * A label written out as one word ({@code "db"}) says too little: {@code [db] expected ...}
         * does not say of what. A literal label needs a space or a dot ({@code "Dense.backward db"});
         * one built at run time (a format, a variable) is taken as it is.
         */
        private static boolean namesTheQuantity(MethodInvocationTree as) {
            if (!as.getArguments().isEmpty() && as.getArguments().get(0) instanceof LiteralTree literal
                    && literal.getValue() instanceof String label) {
                return label.contains(" ") || label.contains(".");
            }
            return true;
        }

        /** True if a method of {@link #LABELS} is called on the assertion that {@code root} starts. */
        private static boolean labelled(TreePath root) {
            for (TreePath p = root.getParentPath(); p != null && p.getLeaf().getKind() == Tree.Kind.MEMBER_SELECT;
                 p = p.getParentPath().getParentPath()) {
                if (LABELS.contains(((MemberSelectTree) p.getLeaf()).getIdentifier().toString())) {
                    return namesTheQuantity((MethodInvocationTree) p.getParentPath().getLeaf());
                }
                if (p.getParentPath() == null || p.getParentPath().getLeaf().getKind() != Tree.Kind.METHOD_INVOCATION) {
                    return false;
                }
            }
            return false;
        }
    }
}
