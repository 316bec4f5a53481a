package dlkit.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Shortens the stack trace of a failing test to what helps you find the bug: the frames where the
 * exception was thrown, then only the kit's own frames ({@code dlkit.*}: your code, the given
 * code, the test), so a failure reads
 * <pre>
 * java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 3
 *     at dlkit.optim.Adam.step(Adam.java:57)
 *     at dlkit.optim.AdamTest.firstStepByHand(AdamTest.java:31)
 * </pre>
 * without the forty frames of JUnit and reflection below them. Causes are shortened the same way.
 *
 * <p>Registered in {@code src/test/resources/META-INF/services/org.junit.jupiter.api.extension.Extension}
 * and switched on by the pom ({@code junit.jupiter.extensions.autodetection.enabled}).
 */
public class StudentFrames implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    static final String KIT = "dlkit.";

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable error) throws Throwable {
        throw shorten(error);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable error) throws Throwable {
        throw shorten(error);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable error) throws Throwable {
        throw shorten(error);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable error) throws Throwable {
        throw shorten(error);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable error) throws Throwable {
        throw shorten(error);
    }

    /** Shortens the traces of {@code error}, its causes and suppressed exceptions in place; returns {@code error}. */
    static Throwable shorten(Throwable error) {
        shorten(error, Collections.newSetFromMap(new IdentityHashMap<>()));
        return error;
    }

    private static void shorten(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        t.setStackTrace(kitFrames(t.getStackTrace()));
        shorten(t.getCause(), seen);
        for (Throwable s : t.getSuppressed()) {
            shorten(s, seen);
        }
    }

    /** The frames up to the first of the kit, then the kit's only; all of them if none is the kit's. */
    public static StackTraceElement[] kitFrames(StackTraceElement[] frames) {
        List<StackTraceElement> kept = new ArrayList<>();
        boolean inKit = false;
        for (StackTraceElement f : frames) {
            boolean kit = f.getClassName().startsWith(KIT);
            inKit |= kit;
            if (kit || !inKit) {
                kept.add(f);
            }
        }
        return inKit ? kept.toArray(StackTraceElement[]::new) : frames;
    }
}
