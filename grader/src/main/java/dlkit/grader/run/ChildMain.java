package dlkit.grader.run;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dlkit.grader.api.CheckFailure;
import dlkit.grader.api.Grades;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The main class of the JVM that runs one submission's hidden tests (started by
 * {@link TestRunner}; not for people). Its standard input: the {@link ResultChannel} key on the
 * first line, then the unique ids of the tests to run, one a line. Arguments: the per-test
 * timeout in milliseconds; then options: {@value #OTHERS_FROM} and {@value #REFERENCE_FOR} to run
 * each test class on the reference's classes for the other exercises it uses (with {@value #SHARED_CLASSES}, the
 * kit's classes its loaders share), {@value #ARCHIVE_WITH} for the run that
 * makes the class-data sharing archive, {@value #THEN} for work after the tests.
 *
 * <p>Its very first action, before any test or student class is loaded, is to take the standard
 * output for the results channel and point {@code System.out} at the error stream (which the
 * parent keeps, bounded, as the student's output and never reads for scores), then to read its
 * input and close it. Each test runs in a thread of its own with a timeout, so an endless loop is
 * abandoned. One signed line per started and finished test goes to the parent at once, so what
 * finished survives if the JVM dies later. After a timeout, or when all is done, the JVM halts at
 * once, so an abandoned loop or a student's thread cannot keep it running; the parent runs what
 * is left in a new JVM.
 */
public final class ChildMain {

    /** Option: the run that makes the class-data sharing archive, with this jar of the reference's exercises. */
    public static final String ARCHIVE_WITH = "--archive-with";
    /**
     * Option: each hidden test class runs on the reference's classes for the other exercises it
     * uses ({@value #REFERENCE_FOR}), taken from this jar of the reference's exercises (see {@link OneExerciseLoader}).
     */
    public static final String OTHERS_FROM = "--others-from";
    /**
     * Option, repeatable, with {@value #OTHERS_FROM}: {@code testClass=exerciseClass,exerciseClass,...},
     * the other exercises that test class meets as the reference's (see {@link OneExerciseLoader}); none if not given.
     */
    public static final String REFERENCE_FOR = "--reference-for";
    /**
     * Option, with {@value #OTHERS_FROM}: a file of the kit's classes, one binary name a line, that
     * each test class's loader takes from the class path rather than defining it again ({@code Parts.sharedByLoaders}).
     */
    public static final String SHARED_CLASSES = "--shared-classes";
    /** Option, repeatable: after the tests, {@code class,outputFile,milliseconds} (see {@link #then}). */
    public static final String THEN = "--then";

    private ChildMain() {}

    public static void main(String[] args) throws IOException {
        // First of all, before a class of the tests or the student's loads: the output is the channel's alone.
        OutputStream channel = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        List<String> input;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            input = in.lines().toList();
        }
        System.setIn(InputStream.nullInputStream());
        int status = 0;
        try {
            ResultChannel.Writer out = new ResultChannel.Writer(channel, ResultChannel.parseKey(input.get(0)));
            List<String> ids = input.subList(1, input.size());
            long timeoutMillis = Long.parseLong(args[0]);
            Listener listener = new Listener(out, timeoutMillis);
            try {
                Path others = null;
                Map<String, Set<String>> referenceFor = new LinkedHashMap<>();
                Set<String> shared = Set.of();
                for (int i = 1; i + 1 < args.length; i += 2) {
                    if (args[i].equals(OTHERS_FROM)) {
                        others = Path.of(args[i + 1]);
                    } else if (args[i].equals(REFERENCE_FOR)) {
                        String[] parts = args[i + 1].split("=", 2);
                        referenceFor.put(parts[0], Set.of(parts[1].split(",")));
                    } else if (args[i].equals(SHARED_CLASSES)) {
                        shared = Set.copyOf(Files.readAllLines(Path.of(args[i + 1]), StandardCharsets.UTF_8));
                    }
                }
                if (others == null) {
                    run(ids, timeoutMillis, listener);
                } else {
                    runEachOnReferenceOthers(ids, others, referenceFor, shared, timeoutMillis, listener);
                }
                for (int i = 1; i + 1 < args.length; i += 2) {
                    if (args[i].equals(ARCHIVE_WITH)) {
                        runOnReference(Path.of(args[i + 1]), ids, timeoutMillis, listener);
                    }
                }
                out.write(Map.of("event", "done"));
                for (int i = 1; i + 1 < args.length; i += 2) {
                    if (args[i].equals(THEN)) {
                        then(args[i + 1]);
                    }
                }
            } catch (Throwable t) {
                out.write(line("error", null, Map.of("message", Failures.describe(t))));
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

    /**
     * Runs the tests a test class at a time, in the order given, each class in a
     * {@link OneExerciseLoader} for the exercise its {@code @Grades} names, so that it meets the
     * reference's classes for the other exercises it uses; a class whose {@code @Grades} says
     * {@code ownParts} (the capstone, which composes the student's own parts) on the student's
     * classes throughout.
     */
    private static void runEachOnReferenceOthers(List<String> ids, Path referenceExercises,
                                                 Map<String, Set<String>> referenceFor, Set<String> shared, long timeoutMillis,
                                                 Listener listener) throws IOException, ClassNotFoundException {
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        for (String id : ids) {
            String testClass = testClassOf(id);
            byClass.computeIfAbsent(testClass == null ? "" : testClass, k -> new ArrayList<>()).add(id);
        }
        ClassLoader system = ClassLoader.getSystemClassLoader();
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        for (Map.Entry<String, List<String>> group : byClass.entrySet()) {
            // Read without initialising: no code of the test's or the student's runs in this loader.
            Grades grades = group.getKey().isEmpty() ? null
                    : Class.forName(group.getKey(), false, system).getAnnotation(Grades.class);
            if (grades == null || grades.ownParts()) {
                run(group.getValue(), timeoutMillis, listener);
                continue;
            }
            ClassLoader loader = new OneExerciseLoader(grades.value().getName(),
                    referenceFor.getOrDefault(group.getKey(), Set.of()), shared, referenceExercises, system);
            Thread.currentThread().setContextClassLoader(loader);
            try {
                run(group.getValue(), timeoutMillis, listener);
            } finally {
                Thread.currentThread().setContextClassLoader(before);
            }
        }
    }

    /**
     * True for the classes a test class's loader defines itself unless they are shared (see
     * {@link OneExerciseLoader}): the kit's given code, exercises, hidden tests and the tests' API.
     */
    public static boolean definedPerTestClass(String binaryName) {
        return OneExerciseLoader.definesItself(binaryName);
    }

    /** The test class in a JUnit unique id: {@code [engine:junit-jupiter]/[class:dlkit.hidden.optim.AdamHiddenTest]/...}. */
    private static final Pattern TEST_CLASS = Pattern.compile("\\[class:([^\\]]+)]");

    /** The binary name of the test class a JUnit unique id is in; null if it names none. */
    public static String testClassOf(String uniqueId) {
        Matcher m = TEST_CLASS.matcher(uniqueId);
        return m.find() ? m.group(1) : null;
    }

    private static void run(List<String> ids, long timeoutMillis, Listener listener) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(ids.stream().filter(s -> !s.isBlank()).map(id -> selectUniqueId(id)).toList())
                .configurationParameter("junit.jupiter.execution.timeout.default", timeoutMillis + " ms")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .configurationParameter("junit.jupiter.execution.timeout.mode", "enabled")
                .build();
        launcher().execute(request, listener);
    }

    /** One launcher for every test class of the JVM: its engines are found and set up once. */
    private static LauncherSession session;

    private static synchronized Launcher launcher() {
        if (session == null) {
            // Never closed: the JVM halts at the end. Its engines come from the class path, whichever loader is current.
            session = LauncherFactory.openSession();
        }
        return session.getLauncher();
    }

    /**
     * For the run that makes the class-data sharing archive (its class path holds no exercise
     * class, so every test fails at once): runs the tests again on the reference's exercises, in
     * a class loader that loads the kit's own classes itself and the libraries from the class
     * path, so that the archive also holds the library classes that passing tests use
     * (AssertJ's, EJML's, JUnit's).
     */
    private static void runOnReference(Path referenceExercises, List<String> ids, long timeoutMillis, Listener listener)
            throws IOException {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new OneExerciseLoader(null, null, Set.of(), referenceExercises,
                ClassLoader.getSystemClassLoader()));
        try {
            run(ids, timeoutMillis, listener);
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    /** One line of the results channel: the event, the test's unique id (if any), more fields (see {@link ResultChannel.Writer}). */
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
     * Sends one line per test (and per parameterised method) that starts or finishes. It runs on
     * JUnit's thread, outside the per-test timeout: whatever it asks of a student's exception runs
     * under {@link Failures#describe}'s own time limit, and if that runs out the JVM halts after
     * the line, as after a timeout. JUnit itself reads a student's exception on that thread too
     * (its timeout wraps what the test threw, which reads the message): so a watchdog fails, and
     * halts the JVM, a test that has not finished {@link Failures#READ_MILLIS} and a second after its timeout.
     */
    static final class Listener implements TestExecutionListener {
        private final ResultChannel.Writer out;
        private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
        /** The tests (leaves) running now, with when they started; the watchdog's, see {@link #watch}. */
        private final Map<String, Long> running = new ConcurrentHashMap<>();

        Listener(ResultChannel.Writer out, long timeoutMillis) {
            this.out = out;
            long limit = (timeoutMillis + Failures.READ_MILLIS + 1000) * 1_000_000;
            Thread watchdog = new Thread(() -> watch(limit), "test-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }

        private void watch(long limitNanos) {
            while (true) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                for (Map.Entry<String, Long> test : running.entrySet()) {
                    if (now - test.getValue() > limitNanos && running.remove(test.getKey(), test.getValue())) {
                        Map<String, Object> fields = new LinkedHashMap<>();
                        fields.put("status", "FAILED");
                        fields.put("timedOut", false);
                        fields.put("millis", (now - test.getValue()) / 1_000_000);
                        fields.put("message", Failures.UNREADABLE);
                        fields.put("assertion", false);
                        out.write(line("finished", test.getKey(), fields));
                        Runtime.getRuntime().halt(0);
                    }
                }
            }
        }

        private static boolean reported(TestIdentifier id) {
            return id.isTest() || id.getSource().orElse(null) instanceof MethodSource;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            // Containers too: the parent tells "the JVM never got going" from "it died in a test class".
            long now = System.nanoTime();
            if (reported(id)) {
                startedAt.put(id.getUniqueId(), now);
            }
            out.write(line("started", id.getUniqueId(), Map.of()));
            if (id.isTest()) {
                running.put(id.getUniqueId(), now);
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (reported(id)) {
                finished(id, "SKIPPED", "skipped: " + reason, null, false);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest() && running.remove(id.getUniqueId()) == null) {
                return; // the watchdog reported it and halts the JVM
            }
            Throwable t = result.getThrowable().orElse(null);
            String message = t == null ? null : Failures.describe(t);
            boolean unreadable = Failures.UNREADABLE.equals(message);
            if (!reported(id)) {
                if (t != null) {
                    // A test class that failed as a whole (in @BeforeAll, say): its tests never start.
                    out.write(line("containerFailed", id.getUniqueId(), Map.of("message", message)));
                }
            } else {
                boolean timedOut = t instanceof TimeoutException;
                finished(id, unreadable ? "FAILED" : result.getStatus().name(), message, t, timedOut);
                if (timedOut) {
                    // The test's thread may still be looping: stop here and let the parent go on in a fresh JVM.
                    Runtime.getRuntime().halt(0);
                }
            }
            if (unreadable) {
                // The student's getMessage may still be running: stop here, as after a timeout.
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
            out.write(line("finished", id.getUniqueId(), fields));
        }
    }
}
