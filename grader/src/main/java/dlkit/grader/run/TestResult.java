package dlkit.grader.run;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.grader.api.Failure;

/**
 * What one JVM reported for one test (or a parameterised method's container), or what the
 * parent concluded when the JVM died during it.
 *
 * @param status    SUCCESSFUL, FAILED, ABORTED or SKIPPED (JUnit's words), or STOPPED when the JVM died during it
 * @param message   the failure as feedback, null if it passed
 * @param assertion true if a check failed (an AssertionError), false for any other exception
 * @param check     the failed check as data, if a {@code Check} failed; else null
 */
public record TestResult(String id, String status, String message, boolean timedOut, boolean assertion, long millis,
                         Failure check) {

    public TestResult(String id, String status, String message, boolean timedOut, boolean assertion, long millis) {
        this(id, status, message, timedOut, assertion, millis, null);
    }

    /** The result a {@code finished} line of {@link ChildMain}'s results reports. */
    static TestResult finished(JsonNode line) {
        return new TestResult(line.path("id").asText(), line.path("status").asText(),
                line.hasNonNull("message") ? line.get("message").asText() : null, line.path("timedOut").asBoolean(),
                line.path("assertion").asBoolean(), line.path("millis").asLong(),
                line.hasNonNull("check") ? Failure.fromJson(line.get("check")) : null);
    }

    public boolean passed() {
        return status.equals("SUCCESSFUL");
    }
}
