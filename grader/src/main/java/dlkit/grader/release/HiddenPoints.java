package dlkit.grader.release;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import dlkit.grader.api.Grades;
import dlkit.grader.api.Points;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The points each exercise is worth: the sum of {@code @Points} over the hidden tests
 * ({@code dlkit.hidden.**}) whose class is annotated {@code @Grades(TheExercise.class)}. The
 * hidden tests are found the way the grader runs them, by JUnit discovery on the classpath.
 */
final class HiddenPoints {

    /** The package holding every hidden test. */
    static final String HIDDEN_PACKAGE = "dlkit.hidden";

    private HiddenPoints() {}

    /** Points per exercise file, keyed like {@code dlkit/optim/Adam.java}; empty when no hidden test is on the classpath. */
    static Map<String, Double> byExerciseFile() {
        TestPlan plan = LauncherFactory.create().discover(request().selectors(selectPackage(HIDDEN_PACKAGE)).build());
        Map<String, Double> points = new TreeMap<>();
        Set<Method> counted = new HashSet<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                if (!(id.getSource().orElse(null) instanceof MethodSource source)) {
                    continue;
                }
                Method method = source.getJavaMethod();
                Points p = method.getAnnotation(Points.class);
                Grades grades = gradesOf(source.getJavaClass());
                if (p != null && grades != null && counted.add(method)) {
                    points.merge(sourceFile(grades.value()), p.value(), Double::sum);
                }
            }
        }
        return points;
    }

    private static Grades gradesOf(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            if (c.isAnnotationPresent(Grades.class)) {
                return c.getAnnotation(Grades.class);
            }
        }
        return null;
    }

    private static String sourceFile(Class<?> exercise) {
        Class<?> top = exercise;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        return top.getName().replace('.', '/') + ".java";
    }
}
