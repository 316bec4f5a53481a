package dlkit.testing;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints one line per exercise at the end of every test run, after Maven's own report:
 * <pre>
 * dlkit: 2 passed, 1 failed, 45 not started
 *   passed       Adam                 9 of 9 tests
 *   failed       Dense                3 of 5 tests pass; first failure: forwardByHand
 *   not started  Sequential           0 of 4 tests pass; waiting for Dense.forward, Tanh.forward
 * </pre>
 * An exercise is named after its test classes ({@code AdamTest} and {@code AdamGoldenTest} are
 * {@code Adam}). It is <em>not started</em> when every test that does not pass stops at a method
 * that still throws "not implemented yet"; the line names those methods, your own or those of
 * the classes your exercise builds on.
 *
 * <p>Registered for every JUnit run of the kit in
 * {@code src/test/resources/META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public class ExerciseSummary implements TestExecutionListener {

    /** The start of the message every stub throws. */
    static final String NOT_IMPLEMENTED = "not implemented yet: ";
    /** How many stub methods a line names before "and 3 more". */
    static final int NAMES_SHOWN = 3;
    private static final Pattern STUB = Pattern.compile(Pattern.quote(NOT_IMPLEMENTED) + "([\\w.]+)");

    /** How one exercise's tests went. */
    static final class Tally {
        int tests;
        int passed;
        /** The tests that failed for a reason other than a stub, in the order they ran. */
        final List<String> failures = new ArrayList<>();
        /** The stub methods that stopped a test. */
        final Set<String> waitingFor = new TreeSet<>();

        String status() {
            if (!failures.isEmpty()) {
                return "failed";
            }
            return waitingFor.isEmpty() ? "passed" : "not started";
        }

        String detail() {
            String counts = passed + " of " + tests + (tests == 1 ? " test" : " tests");
            if (!failures.isEmpty()) {
                return counts + " pass; first failure: " + failures.get(0);
            }
            if (!waitingFor.isEmpty()) {
                return counts + " pass; waiting for " + shortList(waitingFor);
            }
            return counts;
        }
    }

    private final Map<String, Tally> byExercise = new TreeMap<>();
    private final PrintStream out;

    public ExerciseSummary() {
        this(System.out);
    }

    public ExerciseSummary(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        byExercise.clear();
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Optional<String> testClass = testClass(id.getSource().orElse(null));
        // A container counts only when it failed itself (a @BeforeAll, say): its tests never ran.
        if (testClass.isEmpty() || (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL)) {
            return;
        }
        Tally tally = byExercise.computeIfAbsent(exercise(testClass.get()), k -> new Tally());
        tally.tests++;
        if (result.getStatus() != TestExecutionResult.Status.FAILED) {
            tally.passed++; // an aborted test (an assumption not met) is no failure of yours
            return;
        }
        Set<String> stubs = stubs(result.getThrowable().orElse(null));
        if (stubs.isEmpty()) {
            tally.failures.add(id.getDisplayName());
        } else {
            tally.waitingFor.addAll(stubs);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (byExercise.isEmpty()) {
            return;
        }
        out.println(render(byExercise));
        out.flush();
    }

    /** The summary's lines: a count by status, then one line per exercise, by name. */
    static String render(Map<String, Tally> byExercise) {
        Map<String, Integer> counts = new TreeMap<>();
        byExercise.values().forEach(t -> counts.merge(t.status(), 1, Integer::sum));
        StringBuilder s = new StringBuilder("\ndlkit: ");
        List<String> parts = new ArrayList<>();
        for (String status : List.of("passed", "failed", "not started")) {
            parts.add(counts.getOrDefault(status, 0) + " " + status);
        }
        s.append(String.join(", ", parts)).append('\n');
        int width = byExercise.keySet().stream().mapToInt(String::length).max().orElse(0);
        byExercise.forEach((name, t) -> s.append(String.format("  %-12s %-" + width + "s  %s%n", t.status(), name, t.detail())));
        return s.toString();
    }

    /** {@code dlkit.optim.AdamGoldenTest} is the exercise {@code Adam}. */
    public static String exercise(String testClass) {
        String simple = testClass.substring(testClass.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        if (nested >= 0) {
            simple = simple.substring(0, nested);
        }
        return simple.replaceFirst("(Golden)?Tests?$", "");
    }

    /**
     * The stub methods named by a failure and its causes (also inside an assertion's message, as
     * when a test expected an IllegalArgumentException but got the stub's exception); empty for
     * any other failure.
     */
    static Set<String> stubs(Throwable error) {
        Set<String> names = new TreeSet<>();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = STUB.matcher(t.getMessage());
                while (m.find()) {
                    names.add(m.group(1).replaceFirst("\\.$", ""));
                }
            }
        }
        return names;
    }

    /** At most {@link #NAMES_SHOWN} names, then how many more. */
    static String shortList(Set<String> names) {
        List<String> all = List.copyOf(names);
        if (all.size() <= NAMES_SHOWN) {
            return String.join(", ", all);
        }
        return String.join(", ", all.subList(0, NAMES_SHOWN)) + " and " + (all.size() - NAMES_SHOWN) + " more";
    }

    private static Optional<String> testClass(TestSource source) {
        if (source instanceof MethodSource method) {
            return Optional.of(method.getClassName());
        }
        if (source instanceof ClassSource type) {
            return Optional.of(type.getClassName());
        }
        return Optional.empty();
    }
}
