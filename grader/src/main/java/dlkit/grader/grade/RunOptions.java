package dlkit.grader.grade;

import dlkit.grader.run.Sandbox;
import dlkit.grader.run.TestRunner;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by {@code grade} and {@code validate}: the seed, parallel JVMs, time limits and the sandbox. */
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

    @Mixin
    SandboxOption sandbox = new SandboxOption();

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
        return new TestRunner.Limits(Duration.ofMillis(Math.round(timeoutPerTest * 1000)),
                timeoutPerSubmission == null ? null : Duration.ofMillis(Math.round(timeoutPerSubmission * 1000)));
    }

    /** A usage problem in these options, or null. */
    public String problem() {
        if (!(timeoutPerTest > 0)) {
            return "--timeout-per-test must be more than 0 seconds";
        }
        if (timeoutPerSubmission != null && !(timeoutPerSubmission > 0)) {
            return "--timeout-per-submission must be more than 0 seconds";
        }
        return jobs < 1 ? "--jobs must be at least 1" : null;
    }
}
