package dlkit.grader.run;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs student code in a daemon thread of its own and waits for it at most a time limit: a loop
 * that never ends is left behind, and ends when the JVM halts.
 */
public final class TimeLimit {

    private TimeLimit() {}

    /** What {@code task} returned (null counts as a NullPointerException), what it threw, or null if it took longer than {@code millis}. */
    public static Object run(String threadName, long millis, Callable<?> task) {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                Object value = task.call();
                result.set(value == null ? new NullPointerException(threadName + " returned null") : value);
            } catch (Throwable t) {
                result.set(t);
            }
        }, threadName);
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return result.get();
    }
}
