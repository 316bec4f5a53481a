package dlkit.grader.grade;

import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.run.Sandbox;
import java.io.PrintWriter;
import dlkit.grader.run.TestRunner;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options shared by {@code grade} and {@code validate}: the exercises, the seed, parallel JVMs, time limits, the sandbox and the work folder. */
public final class RunOptions {

    @Option(names = "--seed", paramLabel = "N", description = "the seed hidden tests draw their inputs from; the same seed replays the same run (default: a fresh one, printed)")
    Long seed;

    @Option(names = "--jobs", paramLabel = "N", description = "submissions graded at once, each in its own JVM (default: ${DEFAULT-VALUE})")
    int jobs = 2;

    @Option(names = "--timeout-per-test", paramLabel = "SECONDS",
            description = "a hidden test running longer fails, as an endless loop would (default: ${DEFAULT-VALUE})")
    double timeoutPerTest = 10;

    @Option(names = "--timeout-per-submission", paramLabel = "SECONDS",
            description = "time limit for all tests of one submission (default: " + TestRunner.DEFAULT_LIMIT + ")")
    Double timeoutPerSubmission;

    @Option(names = "--time-budget-per-exercise", paramLabel = "SECONDS",
            description = "once a test of an exercise times out or stops its JVM, that exercise's tests may take this long in all;"
                    + " past it, its tests not yet run score 0 unrun, and it is graded after the rest of the submission"
                    + " (default: " + TestRunner.BUDGET_TIMEOUTS + " times --timeout-per-test)")
    Double budgetPerExercise;

    @Option(names = "--exercise", paramLabel = "NAME",
            description = "only this exercise (class name such as Adam, or file dlkit/optim/Adam.java); repeatable")
    List<String> exercises = new ArrayList<>();

    @Mixin
    SandboxOption sandbox = new SandboxOption();

    @Mixin
    KeepWorkOption keepWork = new KeepWorkOption();

    /** With {@code --keep-work}, keeps {@code kit}'s work folder and says where (see {@link KeepWorkOption}). */
    public void keepWork(Kit kit, PrintWriter out) {
        keepWork.apply(kit, out);
    }

    /** The sandbox for test JVMs started through {@code launcher} (see {@link SandboxOption#sandbox}). */
    public Sandbox sandbox(List<String> launcher, CommandLine command) {
        return sandbox.sandbox(launcher, command);
    }

    /** The seed given, or a fresh random one. */
    public long seed() {
        if (seed == null) {
            seed = new SecureRandom().nextLong() & Long.MAX_VALUE;
        }
        return seed;
    }

    public int jobs() {
        return Math.max(1, jobs);
    }

    /** The limits; the one for a submission, unless given, is sized from the tests it runs ({@link TestRunner.Limits#forTests}). */
    public TestRunner.Limits limits() {
        Duration perTest = Duration.ofMillis(Math.round(timeoutPerTest * 1000));
        return new TestRunner.Limits(perTest,
                timeoutPerSubmission == null ? null : Duration.ofMillis(Math.round(timeoutPerSubmission * 1000)),
                budgetPerExercise == null ? perTest.multipliedBy(TestRunner.BUDGET_TIMEOUTS)
                        : Duration.ofMillis(Math.round(budgetPerExercise * 1000)));
    }

    /**
     * The exercises {@code --exercise} names, as given, or all the kit's if it is not given.
     *
     * @throws ParameterException a usage error of {@code command} for a name the kit does not hold
     */
    public List<Exercise> exercises(Kit kit, CommandLine command) {
        try {
            return kit.exercisesNamed(exercises);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command, e.getMessage());
        }
    }

    /** True if {@code --exercise} chose the exercises. */
    public boolean exercisesChosen() {
        return !exercises.isEmpty();
    }

    /**
     * Checks these options.
     *
     * @throws ParameterException a usage error of {@code command}, saying which option is wrong
     */
    public void check(CommandLine command) {
        String problem = problem();
        if (problem != null) {
            throw new ParameterException(command, problem);
        }
    }

    private String problem() {
        if (!(timeoutPerTest > 0)) {
            return "--timeout-per-test must be more than 0 seconds";
        }
        if (timeoutPerSubmission != null && !(timeoutPerSubmission > 0)) {
            return "--timeout-per-submission must be more than 0 seconds";
        }
        if (budgetPerExercise != null && !(budgetPerExercise > 0)) {
            return "--time-budget-per-exercise must be more than 0 seconds";
        }
        return jobs < 1 ? "--jobs must be at least 1" : null;
    }
}
