package dlkit.grader.kit;

import java.util.concurrent.Callable;

/**
 * Runs a task in a thread with a stack of a fixed size and waits for it: for work that recurses
 * as deep as a student's code nests (javac, JPlag's parser), so that how deep it may go does not
 * depend on the thread that grades (the main thread has 8 MB, a worker of --jobs 1 MB).
 */
public final class OwnStack {

    private OwnStack() {}

    /**
     * The task's result; what it threw is thrown again as it was (an {@link Error} such as a
     * {@link StackOverflowError} included), an interruption as an {@link InterruptedException}.
     */
    public static <T> T call(String threadName, long stackBytes, Callable<T> task) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failed = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = task.call();
            } catch (Throwable t) {
                failed[0] = t;
            }
        }, threadName, stackBytes);
        thread.start();
        thread.join();
        if (failed[0] instanceof Exception e) {
            throw e;
        } else if (failed[0] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T done = (T) result[0];
        return done;
    }
}
