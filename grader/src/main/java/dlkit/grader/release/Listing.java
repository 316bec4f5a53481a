package dlkit.grader.release;

import dlkit.grader.kit.Exercise;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An exercise as the student kit lists it: its row in the README's table and its graded step in
 * GitHub Classroom.
 *
 * @param exercise    the exercise (file and stub)
 * @param publicTests the public tests that check this exercise, as Surefire's {@code -Dtest} takes
 *                    them: fully qualified classes, or a class and its methods
 *                    ({@code dlkit.layers.ActivationsTest#reluForwardAndBackwardByHand}); empty
 *                    means the whole public suite (see {@link #publicTestsFor})
 * @param points      what the hidden tests give for it (the sum of their {@code @Points})
 * @param id          a short id unique in the kit, letters and digits only (a GitHub Actions step id)
 */
public record Listing(Exercise exercise, List<String> publicTests, double points, String id) {

    /** Points for an exercise no hidden test grades yet, so that it still counts in GitHub Classroom. */
    public static final double DEFAULT_POINTS = 10;

    /** The exercise's file, {@code dlkit/optim/Adam.java}. */
    public String file() {
        return exercise.file();
    }

    /** The exercise's simple class name, {@code Adam}. */
    public String simpleName() {
        return exercise.simpleName();
    }

    /** The Maven arguments that run this exercise's public tests, such as {@code test -Dtest=dlkit.optim.AdamTest}. */
    public String testGoal() {
        return publicTests.isEmpty() ? "test" : "test -Dtest=" + String.join(",", publicTests);
    }

    /**
     * The kit's listings of its exercises.
     *
     * <p>The public tests of {@code dlkit.optim.Adam} are {@code dlkit.optim.AdamTest} and
     * {@code dlkit.optim.AdamGoldenTest} where they exist; an exercise with neither falls back to
     * every {@code *Test} class of its package, and, if its package has none, to the whole suite.
     *
     * @param exercises   the exercises, in file order
     * @param testMethods the test methods of each public test class, by its fully qualified name
     * @param points      the hidden tests' points per file ({@code TestCatalog.pointsByExercise()})
     */
    static List<Listing> of(List<Exercise> exercises, Map<String, List<String>> testMethods, Map<String, Double> points) {
        Set<String> taken = new HashSet<>();
        List<Listing> listings = new ArrayList<>();
        for (Exercise e : exercises) {
            listings.add(new Listing(e, publicTestsFor(e.packageName(), e.simpleName(), testMethods),
                    points.getOrDefault(e.file(), DEFAULT_POINTS), uniqueId(e.packageName(), e.simpleName(), taken)));
        }
        return List.copyOf(listings);
    }

    static List<String> publicTestsFor(String pkg, String className, Set<String> testClasses) {
        Map<String, List<String>> noMethods = new LinkedHashMap<>();
        testClasses.forEach(t -> noMethods.put(t, List.of()));
        return publicTestsFor(pkg, className, noMethods);
    }

    /**
     * An exercise's public tests: its own test classes ({@code AdamTest}, {@code AdamGoldenTest});
     * else the test methods of its package's test classes named after it, as Surefire selects
     * them ({@code ActivationsTest#reluForwardAndBackwardByHand} for ReLU), so that one exercise's
     * check never waits on another's; else every test class of its package.
     */
    static List<String> publicTestsFor(String pkg, String className, Map<String, List<String>> testMethods) {
        Set<String> testClasses = testMethods.keySet();
        String prefix = pkg.isEmpty() ? "" : pkg + ".";
        List<String> own = new ArrayList<>();
        for (String name : List.of(prefix + className + "Test", prefix + className + "GoldenTest")) {
            if (testClasses.contains(name)) {
                own.add(name);
            }
        }
        if (!own.isEmpty()) {
            return own;
        }
        List<String> inPackage = testClasses.stream()
                .filter(t -> t.startsWith(prefix) && t.indexOf('.', prefix.length()) < 0 && t.endsWith("Test"))
                .sorted().toList();
        String name = className.toLowerCase(Locale.ROOT);
        List<String> methods = new ArrayList<>();
        for (String t : inPackage) {
            List<String> named = testMethods.getOrDefault(t, List.of()).stream()
                    .filter(m -> m.toLowerCase(Locale.ROOT).startsWith(name)).toList();
            if (!named.isEmpty()) {
                methods.add(t + "#" + String.join("+", named));
            }
        }
        return methods.isEmpty() ? inPackage : methods;
    }

    private static String uniqueId(String pkg, String className, Set<String> taken) {
        String id = className.toLowerCase().replaceAll("[^a-z0-9]", "");
        if (!taken.add(id)) {
            id = (pkg.substring(pkg.lastIndexOf('.') + 1) + className).toLowerCase().replaceAll("[^a-z0-9]", "");
            for (int n = 2; !taken.add(id); n++) {
                id = id.replaceAll("\\d+$", "") + n;
            }
        }
        return id;
    }
}
