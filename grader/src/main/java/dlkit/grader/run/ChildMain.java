package dlkit.grader.run;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The main class of the JVM that runs one submission's hidden tests (started by
 * {@link TestRunner}; not for people). Arguments: the results file, the file listing the
 * unique ids of the tests to run, the per-test timeout in milliseconds.
 *
 * <p>Each test runs in a thread of its own with a timeout, so an endless loop is abandoned. One
 * JSON line per started and finished test goes to the results file, flushed at once, so what
 * finished survives if the JVM dies later. Student code cannot write there: the policy forbids
 * files. After a timeout, or when all is done, the JVM halts at once, so an abandoned loop or a
 * student's thread cannot keep it running; the parent runs what is left in a new JVM.
 */
public final class ChildMain {

    private ChildMain() {}

    public static void main(String[] args) throws IOException {
        Path results = Path.of(args[0]);
        List<String> ids = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        long timeoutMillis = Long.parseLong(args[2]);
        int status = 0;
        try (BufferedWriter out = Files.newBufferedWriter(results, StandardCharsets.UTF_8)) {
            Listener listener = new Listener(out);
            try {
                LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                        .selectors(ids.stream().filter(s -> !s.isBlank()).map(id -> selectUniqueId(id)).toList())
                        .configurationParameter("junit.jupiter.execution.timeout.default", timeoutMillis + " ms")
                        .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                        .configurationParameter("junit.jupiter.execution.timeout.mode", "enabled")
                        .build();
                try (LauncherSession session = LauncherFactory.openSession()) {
                    session.getLauncher().execute(request, listener);
                }
                listener.write(Map.of("event", "done"));
            } catch (Throwable t) {
                listener.write(Map.of("event", "error", "message", String.valueOf(t)));
                status = 1;
            }
        } finally {
            Runtime.getRuntime().halt(status);
        }
    }

    /** Writes one JSON line per test (and per parameterised method) that starts or finishes. */
    static final class Listener implements TestExecutionListener {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final BufferedWriter out;
        private final Map<String, Long> startedAt = new ConcurrentHashMap<>();

        Listener(BufferedWriter out) {
            this.out = out;
        }

        private static boolean reported(TestIdentifier id) {
            return id.isTest() || id.getSource().orElse(null) instanceof MethodSource;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            // Containers too: the parent tells "the JVM never got going" from "it died in a test class".
            if (reported(id)) {
                startedAt.put(id.getUniqueId(), System.nanoTime());
            }
            write(Map.of("event", "started", "id", id.getUniqueId()));
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (reported(id)) {
                finished(id, "SKIPPED", "skipped: " + reason, null, false);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Throwable t = result.getThrowable().orElse(null);
            if (!reported(id)) {
                if (t != null) {
                    // A test class that failed as a whole (in @BeforeAll, say): its tests never start.
                    ObjectNode line = JSON.createObjectNode();
                    line.put("event", "containerFailed");
                    line.put("id", id.getUniqueId());
                    line.put("message", Failures.describe(t));
                    writeLine(line.toString());
                }
                return;
            }
            boolean timedOut = t instanceof TimeoutException;
            finished(id, result.getStatus().name(), t == null ? null : Failures.describe(t), t, timedOut);
            if (timedOut) {
                // The test's thread may still be looping: stop here and let the parent go on in a fresh JVM.
                Runtime.getRuntime().halt(0);
            }
        }

        private void finished(TestIdentifier id, String status, String message, Throwable t, boolean timedOut) {
            Long start = startedAt.remove(id.getUniqueId());
            ObjectNode line = JSON.createObjectNode();
            line.put("event", "finished");
            line.put("id", id.getUniqueId());
            line.put("status", status);
            line.put("timedOut", timedOut);
            line.put("millis", start == null ? 0 : (System.nanoTime() - start) / 1_000_000);
            if (message != null) {
                line.put("message", message);
            }
            if (t != null) {
                line.put("assertion", t instanceof AssertionError);
            }
            writeLine(line.toString());
        }

        void write(Map<String, String> fields) {
            writeLine(JSON.valueToTree(fields).toString());
        }

        private synchronized void writeLine(String json) {
            try {
                out.write(json);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
