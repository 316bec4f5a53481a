package dlkit.grader.kit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The one way an internal error (a fault of the grader, not of a student's code) is said: a
 * plain line on the console; the stack trace on the console too with {@code --debug}; and the
 * stack trace always in the run's log file when the command has one ({@code grade}'s
 * {@value #LOG} in its output folder), so a TA who looks into a wrong score has the evidence.
 * Settings are the process's: the command line sets them once per run.
 */
public final class InternalErrors {

    /** The log file's name in a command's output folder. */
    public static final String LOG = "dlkit.log";

    private static volatile boolean debug;
    private static volatile Path log;

    private InternalErrors() {}

    /** Back to a plain console and no log file: a new run of the command line. */
    public static void reset() {
        debug = false;
        log = null;
    }

    /** With {@code on}, internal errors print their stack trace on the console ({@code --debug}). */
    public static void debug(boolean on) {
        debug = on;
    }

    /** Stack traces also go to {@value #LOG} in {@code folder} (appended), with or without {@code --debug}. */
    public static void logIn(Path folder) {
        log = folder.resolve(LOG);
    }

    /**
     * Tells {@code err} that {@code what} failed with {@code e}, in one line, and where the details
     * are; the stack trace is written to the log and, with {@code --debug}, to {@code err}.
     */
    public static void report(PrintWriter err, String what, Throwable e) {
        String trace = trace(e);
        Path logged = append(what, trace);
        synchronized (err) {
            err.println("dlkit: " + what + ": " + e + (debug ? "" : " (run again with --debug for the details"
                    + (logged == null ? ")" : "; the stack trace is in " + logged + ")")));
            if (debug) {
                err.print(trace);
            }
            err.flush();
        }
    }

    /** {@link #report(PrintWriter, String, Throwable)} on the process's standard error. */
    public static void report(String what, Throwable e) {
        report(new PrintWriter(System.err, true, StandardCharsets.UTF_8), what, e);
    }

    private static String trace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** The log file written, or null if there is none or it cannot be written (the console still has the line). */
    private static synchronized Path append(String what, String trace) {
        Path file = log;
        if (file == null) {
            return null;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Instant.now() + " " + what + "\n" + trace + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return file.toAbsolutePath().normalize();
        } catch (IOException ignored) {
            return null;
        }
    }
}
