package dlkit.grader.compile;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link CompilerWorker} JVM, started by the grader and used for one compilation at a time:
 * a compilation that runs past its limit, or a worker that dies (out of memory), ends the
 * worker, and the grader starts another for the next. Idle workers are kept for the grader's
 * whole life ({@link #take()}, {@link #release()}), warm for the next compilation; each ends
 * with the grader, when its input closes.
 */
final class CompilerProcess {

    /** Idle workers kept at most: as many as compile at once in a class (--jobs), a few more are ended. */
    private static final int KEPT = 4;
    private static final Queue<CompilerProcess> IDLE = new ConcurrentLinkedQueue<>();

    /** The worker's heap: a class's worth of compilations need a tenth of it; a runaway constant fills it and ends only the worker. */
    static final String HEAP = "768m";

    /** How the JVM ends when its heap is full (-XX:+ExitOnOutOfMemoryError). */
    private static final int OUT_OF_MEMORY_EXIT = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "javac-watch");
        t.setDaemon(true);
        return t;
    });

    /** Why a compilation has no reply: it ran past its limit, or the worker ended. */
    static final class Stopped extends Exception {
        final boolean timedOut;

        Stopped(String what, boolean timedOut) {
            super(what);
            this.timedOut = timedOut;
        }
    }

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    private CompilerProcess(Process process) {
        this.process = process;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** An idle worker that still runs, or a new one. */
    static CompilerProcess take() throws IOException {
        for (CompilerProcess worker = IDLE.poll(); worker != null; worker = IDLE.poll()) {
            if (worker.process.isAlive()) {
                return worker;
            }
            worker.stop();
        }
        return start();
    }

    /** Gives a worker whose last compilation replied back, for the next. */
    void release() {
        if (IDLE.size() < KEPT) {
            IDLE.add(this);
        } else {
            stop();
        }
    }

    /** Starts a worker on the grader's own JDK and class path. */
    private static CompilerProcess start() throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP, "-XX:+UseSerialGC", "-XX:+DisplayVMOutputToStderr", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
                "-XX:-UsePerfData", "-Xshare:auto", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), CompilerWorker.class.getName());
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new CompilerProcess(p);
    }

    /**
     * Compiles in the worker and waits at most {@code limit} for the reply.
     *
     * @throws Stopped if the limit passed (the worker is then ended) or the worker ended; it must not be used again
     */
    CompilerWorker.Reply compile(CompilerWorker.Request request, Duration limit) throws IOException, Stopped {
        boolean[] timedOut = {false};
        ScheduledFuture<?> watch = WATCH.schedule(() -> {
            synchronized (timedOut) {
                timedOut[0] = true;
            }
            process.destroyForcibly();
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        String line;
        try {
            in.write(JSON.writeValueAsString(request));
            in.newLine();
            in.flush();
            line = out.readLine();
        } catch (IOException e) {
            line = null;
        } finally {
            watch.cancel(false);
        }
        synchronized (timedOut) {
            if (timedOut[0]) {
                stop();
                throw new Stopped("ran past " + limit.toSeconds() + " s", true);
            }
        }
        if (line == null) {
            stop();
            int exit = waitForExit();
            throw new Stopped(exit == OUT_OF_MEMORY_EXIT ? "OutOfMemoryError" : "the compiler's JVM ended (exit code " + exit + ")", false);
        }
        try {
            return JSON.readValue(line, CompilerWorker.Reply.class);
        } catch (IOException e) {
            stop();
            throw new Stopped("the compiler's JVM answered what is not a reply", false);
        }
    }

    private int waitForExit() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Ends the worker (its input closed, then the process itself). */
    private void stop() {
        try {
            in.close();
        } catch (IOException e) {
            // ended already
        }
        process.destroyForcibly();
    }
}
