package dlkit.grader.run;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dlkit.grader.api.CheckFailure;
import dlkit.grader.api.Failure;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * unique ids of the tests to run, the per-test timeout in milliseconds; then options:
 * {@value #ARCHIVE_WITH} for the run that makes the class-data sharing archive, {@value #THEN}
 * for work after the tests.
 *
 * <p>Each test runs in a thread of its own with a timeout, so an endless loop is abandoned. One
 * JSON line per started and finished test goes to the results file, flushed at once, so what
 * finished survives if the JVM dies later. Student code cannot write there: the policy forbids
 * files. After a timeout, or when all is done, the JVM halts at once, so an abandoned loop or a
 * student's thread cannot keep it running; the parent runs what is left in a new JVM.
 */
public final class ChildMain {

    /** Option: the run that makes the class-data sharing archive, with this jar of the reference's exercises. */
    public static final String ARCHIVE_WITH = "--archive-with";
    /** Option, repeatable: after the tests, {@code class,outputFile,milliseconds} (see {@link #then}). */
    public static final String THEN = "--then";

    private ChildMain() {}

    public static void main(String[] args) throws IOException {
        Path results = Path.of(args[0]);
        List<String> ids = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        long timeoutMillis = Long.parseLong(args[2]);
        int status = 0;
        try (BufferedWriter out = Files.newBufferedWriter(results, StandardCharsets.UTF_8)) {
            Listener listener = new Listener(out);
            try {
                run(ids, timeoutMillis, listener);
                for (int i = 3; i + 1 < args.length; i += 2) {
                    if (args[i].equals(ARCHIVE_WITH)) {
                        runOnReference(Path.of(args[i + 1]), ids, timeoutMillis, listener);
                    }
                }
                listener.write(Map.of("event", "done"));
                for (int i = 3; i + 1 < args.length; i += 2) {
                    if (args[i].equals(THEN)) {
                        then(args[i + 1]);
                    }
                }
            } catch (Throwable t) {
                listener.write(line("error", null, Map.of("message", String.valueOf(t))));
                status = 1;
            }
        } finally {
            Runtime.getRuntime().halt(status);
        }
    }

    /**
     * Calls {@code write(Path, long)} of a class of the grader's, given as
     * {@code class,outputFile,milliseconds}: the tracing for the report's plots, done after the
     * tests in the same JVM (they need the same classes; a JVM of their own would cost its start).
     */
    private static void then(String task) throws ReflectiveOperationException {
        String[] parts = task.split(",", 3);
        Class.forName(parts[0]).getMethod("write", Path.class, long.class)
                .invoke(null, Path.of(parts[1]), Long.parseLong(parts[2]));
    }

    private static void run(List<String> ids, long timeoutMillis, Listener listener) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(ids.stream().filter(s -> !s.isBlank()).map(id -> selectUniqueId(id)).toList())
                .configurationParameter("junit.jupiter.execution.timeout.default", timeoutMillis + " ms")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .configurationParameter("junit.jupiter.execution.timeout.mode", "enabled")
                .build();
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(request, listener);
        }
    }

    /**
     * For the run that makes the class-data sharing archive (its class path holds no exercise
     * class, so every test fails at once): runs the tests again on the reference's exercises, in
     * a class loader that loads the kit's own classes (hidden tests, given code, exercises) itself
     * and the libraries from the class path, so that the archive also holds the library classes
     * that passing tests use (AssertJ's, EJML's, JUnit's).
     */
    private static void runOnReference(Path referenceExercises, List<String> ids, long timeoutMillis, Listener listener)
            throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        urls.add(referenceExercises.toUri().toURL());
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new KitClassesFirst(urls.toArray(URL[]::new), before)) {
            Thread.currentThread().setContextClassLoader(loader);
            run(ids, timeoutMillis, listener);
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    /** Loads the kit's classes ({@code dlkit.}, but not the relocated reference) itself; the rest as its parent does. */
    private static final class KitClassesFirst extends URLClassLoader {
        KitClassesFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dlkit.") || name.startsWith("dlkit.reference.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    /** One line of the results file: the event, the test's unique id (if any), more fields (strings, booleans, numbers, a failed check). */
    static Map<String, Object> line(String event, String id, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        if (id != null) {
            line.put("id", id);
        }
        line.putAll(fields);
        return line;
    }

    /**
     * Writes one JSON line per test (and per parameterised method) that starts or finishes, with
     * Jackson's streaming writer: its object mapper would add a fifth to the JVM's start.
     */
    static final class Listener implements TestExecutionListener {
        private static final JsonFactory JSON = new JsonFactory();
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
            write(line("started", id.getUniqueId(), Map.of()));
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
                    write(line("containerFailed", id.getUniqueId(), Map.of("message", Failures.describe(t))));
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
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("status", status);
            fields.put("timedOut", timedOut);
            fields.put("millis", start == null ? 0 : (System.nanoTime() - start) / 1_000_000);
            if (message != null) {
                fields.put("message", message);
            }
            if (t != null) {
                fields.put("assertion", t instanceof AssertionError);
            }
            if (t instanceof CheckFailure failed) {
                fields.put("check", failed.failure());
            }
            write(line("finished", id.getUniqueId(), fields));
        }

        synchronized void write(Map<String, ?> fields) {
            try {
                StringWriter text = new StringWriter();
                try (JsonGenerator json = JSON.createGenerator(text)) {
                    json.writeStartObject();
                    for (Map.Entry<String, ?> f : fields.entrySet()) {
                        if (f.getValue() instanceof Boolean b) {
                            json.writeBooleanField(f.getKey(), b);
                        } else if (f.getValue() instanceof Long n) {
                            json.writeNumberField(f.getKey(), n);
                        } else if (f.getValue() instanceof Failure failure) {
                            json.writeFieldName(f.getKey());
                            failure.write(json);
                        } else {
                            json.writeStringField(f.getKey(), String.valueOf(f.getValue()));
                        }
                    }
                    json.writeEndObject();
                }
                out.write(text.toString());
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
