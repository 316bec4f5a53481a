package dlkit.grader.kit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import dlkit.grader.api.Grades;
import dlkit.grader.api.Points;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Set;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.platform.engine.discovery.PackageNameFilter;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The hidden tests the grader expects to run, found once per grading run by JUnit discovery in
 * the grader's own JVM (against the reference classes), never from what a student's run reports.
 * A test that does not report back therefore still counts, as 0 points.
 */
public final class TestCatalog {

    /** The package of all hidden tests. */
    public static final String HIDDEN_PACKAGE = "dlkit.hidden";

    private static final String SOLUTION_REGION = "// BEGIN SOLUTION ... // END SOLUTION";

    /**
     * One hidden test method.
     *
     * @param uniqueId the JUnit unique id; results of a parameterised or repeated method have ids below it
     * @param exercise the file the test grades, from the test class's {@code @Grades}
     * @param name     a readable name: {@code AdamHiddenTest.firstStepMatchesReference}
     */
    public record ExpectedTest(String uniqueId, String exercise, String name, double points) {}

    private final List<ExpectedTest> tests;
    private final Set<String> ownParts;

    private TestCatalog(List<ExpectedTest> tests, Set<String> ownParts) {
        this.tests = List.copyOf(tests);
        this.ownParts = Set.copyOf(ownParts);
    }

    /**
     * Discovers every test in {@value #HIDDEN_PACKAGE} among the grader's own classes (the
     * folder {@code graderClasses}; tests of the grader itself, in the same package under
     * Surefire, are not hidden tests). Each must sit in a class with {@code @Grades} naming one
     * of {@code exercises} and carry {@code @Points}.
     *
     * @throws IllegalStateException naming the test, if one breaks these rules
     */
    public static TestCatalog discover(List<Exercise> exercises, Path graderClasses) {
        return discover(hiddenTestsIn(graderClasses), exercises.stream().map(Exercise::file).collect(Collectors.toSet()));
    }

    /**
     * Every test in {@value #HIDDEN_PACKAGE} among the grader's own classes (its jar, or its
     * class folder), whatever exercise its {@code @Grades} names: for {@code release}, which
     * makes the exercises.
     */
    public static TestCatalog ofGrader() {
        return discover(hiddenTestsIn(Resources.location(TestCatalog.class)), null);
    }

    private static LauncherDiscoveryRequest hiddenTestsIn(Path classpathRoot) {
        return LauncherDiscoveryRequestBuilder.request().selectors(selectClasspathRoots(Set.of(classpathRoot)))
                .filters(PackageNameFilter.includePackageNames(HIDDEN_PACKAGE)).build();
    }

    /** @param exerciseFiles the files a test may grade, or null for any */
    private static TestCatalog discover(LauncherDiscoveryRequest request, Set<String> exerciseFiles) {
        TestPlan plan = LauncherFactory.create().discover(request);
        List<ExpectedTest> found = new ArrayList<>();
        Set<String> ownParts = new java.util.TreeSet<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                if (id.getSource().orElse(null) instanceof MethodSource source) {
                    ExpectedTest test = expected(id, source, exerciseFiles);
                    found.add(test);
                    if (grades(source.getJavaClass()).ownParts()) {
                        ownParts.add(test.exercise());
                    }
                }
            }
        }
        found.sort(Comparator.comparing(ExpectedTest::exercise).thenComparing(ExpectedTest::uniqueId));
        return new TestCatalog(found, ownParts);
    }

    private static ExpectedTest expected(TestIdentifier id, MethodSource source, Set<String> exerciseFiles) {
        Class<?> testClass = source.getJavaClass();
        Method method = source.getJavaMethod();
        String where = testClass.getName() + "." + method.getName();
        Grades grades = grades(testClass);
        if (grades == null) {
            throw new IllegalStateException("hidden test " + where + " is in a class without @Grades(TheExercise.class)");
        }
        Class<?> graded = grades.value();
        while (graded.getEnclosingClass() != null) {
            graded = graded.getEnclosingClass();
        }
        String file = graded.getName().replace('.', '/') + ".java";
        if (exerciseFiles != null && !exerciseFiles.contains(file)) {
            throw new IllegalStateException("hidden test " + where + " grades " + grades.value().getName()
                    + ", which is not a file students submit: its source in solutions/src/main/java has no solution region"
                    + " (mark the body students write with " + SOLUTION_REGION + ", then build again)");
        }
        Points points = method.getAnnotation(Points.class);
        if (points == null || !(points.value() > 0)) {
            throw new IllegalStateException("hidden test " + where + " needs @Points(n) with n > 0");
        }
        return new ExpectedTest(id.getUniqueId(), file, testClass.getSimpleName() + "." + method.getName(), points.value());
    }

    /** The {@code @Grades} of a test class or of the class it is nested in; null if none. */
    private static Grades grades(Class<?> testClass) {
        Grades grades = null;
        for (Class<?> c = testClass; c != null && grades == null; c = c.getEnclosingClass()) {
            grades = c.getAnnotation(Grades.class);
        }
        return grades;
    }

    /**
     * The exercise files that compose the student's own parts ({@code @Grades(ownParts = true)}):
     * their tests run on the student's classes throughout.
     */
    public Set<String> composingOwnParts() {
        return ownParts;
    }

    /** The points each exercise file is worth: the sum of its hidden tests' {@code @Points}. */
    public Map<String, Double> pointsByExercise() {
        Map<String, Double> points = new TreeMap<>();
        tests.forEach(t -> points.merge(t.exercise(), t.points(), Double::sum));
        return points;
    }

    /** All hidden tests, by exercise file then id. */
    public List<ExpectedTest> tests() {
        return tests;
    }

    /** The hidden tests of the given exercise files. */
    public List<ExpectedTest> testsOf(java.util.Collection<String> exerciseFiles) {
        return tests.stream().filter(t -> exerciseFiles.contains(t.exercise())).toList();
    }
}
