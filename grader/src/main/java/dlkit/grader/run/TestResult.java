package dlkit.grader.run;

/**
 * What one JVM reported for one test (or a parameterised method's container), or what the
 * parent concluded when the JVM died during it.
 *
 * @param status    SUCCESSFUL, FAILED, ABORTED or SKIPPED (JUnit's words), or STOPPED when the JVM died during it
 * @param message   the failure as feedback, null if it passed
 * @param assertion true if a check failed (an AssertionError), false for any other exception
 */
public record TestResult(String id, String status, String message, boolean timedOut, boolean assertion, long millis) {

    public boolean passed() {
        return status.equals("SUCCESSFUL");
    }
}
