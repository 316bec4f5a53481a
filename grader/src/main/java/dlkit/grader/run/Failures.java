package dlkit.grader.run;

/** How a failed test's exception reads in feedback. */
public final class Failures {

    /** At most this many characters of a failure message travel to the parent. */
    static final int MAX_CHARS = 4000;
    /** How long a student's exception may take to tell its message and stack trace. */
    static final long READ_MILLIS = 2000;
    /** The description of an exception whose message could not be read within {@link #READ_MILLIS}. */
    public static final String UNREADABLE = "the exception's message could not be read in time (" + READ_MILLIS / 1000
            + " s): look for a getMessage, toString or getStackTrace of yours that never returns";

    private Failures() {}

    /**
     * The assertion's own message for a failed check; otherwise the exception, its message and
     * the first line of student code it came from: {@code java.lang.ArithmeticException: / by zero (at Adam.java:70)}.
     * A student's exception class may override what this reads, so it is read in a thread of
     * its own for at most {@link #READ_MILLIS}: {@link #UNREADABLE} if it takes longer.
     */
    public static String describe(Throwable t) {
        Object text = TimeLimit.run("describe-failure", READ_MILLIS, () -> describeNow(t));
        if (text instanceof String s) {
            return s;
        }
        // Only the class of what the student's code threw: its message is theirs again.
        return text == null ? UNREADABLE : "the exception's message could not be read: reading it threw "
                + text.getClass().getName();
    }

    private static String describeNow(Throwable t) {
        String text;
        if (t instanceof AssertionError && t.getMessage() != null && !thrownByStudentCode(t)) {
            text = t.getMessage();
        } else {
            // What student code threw is told in one line: its message cannot draw lines that look like the grader's.
            String message = t.getMessage() == null ? "" : ": " + t.getMessage().replaceAll("\\R", " ");
            text = t.getClass().getName() + message + studentFrame(t);
        }
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + " ..." : text;
    }

    /**
     * Made where student code runs: an {@code assert} or a {@code throw} of theirs, not a check of
     * the hidden test. An error without a stack trace counts as theirs: the hidden tests' checks
     * always have one, and a student's error class that overrides {@code fillInStackTrace} has none.
     */
    private static boolean thrownByStudentCode(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length == 0 || isStudentClass(trace[0].getClassName());
    }

    private static boolean isStudentClass(String c) {
        return c.startsWith("dlkit.") && !c.startsWith("dlkit.hidden.") && !c.startsWith("dlkit.grader.")
                && !c.startsWith("dlkit.reference.") && !c.startsWith("dlkit.testing.");
    }

    /**
     * One line for a plot's caption: {@code not implemented yet: Adam.update} for an unfinished
     * method, else {@code it threw} and the first line of {@link #describe}.
     */
    public static String inOneLine(Throwable t) {
        String text = describe(t);
        int notImplemented = text.indexOf("not implemented yet");
        return notImplemented >= 0 ? text.substring(notImplemented).lines().findFirst().orElse("")
                : "it threw " + text.lines().findFirst().orElse("");
    }

    private static String studentFrame(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (isStudentClass(e.getClassName()) && e.getFileName() != null) {
                return " (at " + e.getFileName() + ":" + e.getLineNumber() + ")";
            }
        }
        return "";
    }
}
