package dlkit.grader.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.grader.kit.Kit;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs hidden tests on a submission's classes in a fresh JVM ({@link ChildMain}), with a memory
 * cap, a timeout per test and a time limit for the whole submission, and collects what each test
 * reported through the {@link ResultChannel} on the JVM's standard output: signed lines, accepted
 * only for the tests asked for. The JVM's error stream (where {@code System.out} goes too) is kept
 * for the report as the student's output (bounded) and never read for scores.
 *
 * <p>The JVM works in an empty scratch folder of its own, outside the run's folder (so that no
 * relative path leads to the jars or to another submission), deleted after it. Nothing the
 * parent reads for scores is a file.
 *
 * <p>If the JVM stops before all tests reported (a timeout, running out of memory, a crash), the
 * test that was running when it stopped is charged with the reason, and the tests not yet run go
 * to a new JVM; so an endless loop or a crash costs the tests it happens in, not the others. At
 * a time limit the JVM's whole process tree is killed, so a launcher's JVM does not outlive it.
 */
public final class TestRunner {

    /** Output kept per submission; the rest is counted and dropped. */
    public static final int OUTPUT_LIMIT = 64 * 1024;
    /** The test JVM's heap. */
    public static final String HEAP = "256m";
    /** Of the default limit for a submission, seconds: the JVM's start and the grader's work around the tests. */
    static final int START_ALLOWANCE_SECONDS = 30;
    /** Of the default limit for a submission, seconds per test: the start of the fresh JVM a timeout or crash costs. */
    static final int RESTART_SECONDS = 2;
    /**
     * The default limit for a submission is never more than this many minutes: within
     * Gradescope's default of 10 minutes, with its set-up, the compilation and the reports.
     */
    static final int MOST_MINUTES = 8;
    /** The default time budget per exercise is this many per-test timeouts (see {@link Limits#perExercise}). */
    public static final int BUDGET_TIMEOUTS = 3;
    /** How the default limit for a submission is sized, for --help. */
    public static final String DEFAULT_LIMIT = START_ALLOWANCE_SECONDS + " s, plus the per-test timeout and "
            + RESTART_SECONDS + " s for each test the submission runs, at most " + MOST_MINUTES + " min";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * True where the JVM has the ahead-of-time cache made in one run (JDK 25 and later: JEP 483,
     * 514, 515): test JVMs then start from it instead of a class-data sharing archive. It holds
     * the same classes, also loaded and linked, and cut a complete submission's test JVM by about
     * 0.5 s more than the archive on the same JDK (see the README's "How fast").
     */
    public static final boolean AHEAD_OF_TIME = Runtime.version().feature() >= 25;

    /** The file {@link #shareClassData} writes its archive (or ahead-of-time cache) to, in its work folder. */
    public static final String ARCHIVE = AHEAD_OF_TIME ? "classes.aot" : "classes.jsa";

    /** Test JVMs running now; stopped if the grader itself is stopped (Ctrl-C). */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    /** Set once the grader is stopping: a JVM started after that is stopped at once. */
    private static volatile boolean stopping;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            RUNNING.forEach(TestRunner::stop);
        }, "stop-test-jvms"));
    }

    /**
     * @param perTest       a test running longer fails and its JVM is replaced
     * @param perSubmission all tests of one submission together, JVM starts included; null for
     *                      the default, sized from the tests the submission runs ({@link #forTests})
     * @param perExercise   the time budget of one exercise's tests once one of them timed out or
     *                      stopped its JVM: past it, its tests not yet run score 0 unrun (see {@link #run})
     */
    public record Limits(Duration perTest, Duration perSubmission, Duration perExercise) {

        /** With the default budget per exercise, {@value TestRunner#BUDGET_TIMEOUTS} per-test timeouts. */
        public Limits(Duration perTest, Duration perSubmission) {
            this(perTest, perSubmission, perTest.multipliedBy(BUDGET_TIMEOUTS));
        }

        /**
         * These limits, with the one for a submission that runs {@code tests} tests sized as
         * {@link TestRunner#DEFAULT_LIMIT} says unless it was given: a submission of one exercise
         * gets a limit for that exercise's tests, not for the whole kit's.
         */
        public Limits forTests(int tests) {
            if (perSubmission != null) {
                return this;
            }
            Duration sized = Duration.ofSeconds(START_ALLOWANCE_SECONDS)
                    .plus(perTest.plusSeconds(RESTART_SECONDS).multipliedBy(Math.max(1, tests)));
            Duration most = Duration.ofMinutes(MOST_MINUTES);
            return new Limits(perTest, sized.compareTo(most) > 0 ? most : sized, perExercise);
        }
    }

    /**
     * What happened: the reports by unique id (tests and parameterised methods), the captured
     * output, how many JVMs were started.
     */
    public record Outcome(Map<String, TestResult> results, String output, int jvms) {}

    private final List<Path> classpath;
    private final Path stubClasses;
    private final List<String> launcher;
    private final Path scratchRoot;
    private final Sandbox sandbox;
    private final Path referenceExercises;
    private final Map<String, Set<String>> referenceFor;
    private final Path sharedClasses;
    private volatile Path sharedArchive;

    /**
     * @param classpath   the test JVM's class path (jars) before the student's classes
     * @param stubClasses the exercises' stubs, after the student's classes
     * @param launcher    a command prefix the test JVM is started through, such as
     *                    {@code runuser -u dlkit-student --}; empty to start it directly
     * @param scratchRoot where each test JVM gets its empty working folder (see {@link Kit#scratchRoot()})
     * @param sandbox     the operating-system layer test JVMs run in (inside the launcher), if it confines
     */
    public TestRunner(List<Path> classpath, Path stubClasses, List<String> launcher, Path scratchRoot, Sandbox sandbox) {
        this(classpath, stubClasses, launcher, scratchRoot, sandbox, null, Map.of(), null);
    }

    /**
     * @param referenceExercises the reference's exercise classes ({@code Kit.referenceExercisesJar}): each
     *                           hidden test class then runs on them for the other exercises it uses
     *                           ({@link OneExerciseLoader}); null to run every test on the student's classes
     * @param referenceFor       for each hidden test class, the other exercises' classes it meets as the
     *                           reference's ({@code Parts.referenceFor}); the others stay the student's
     * @param sharedClasses      a file of the kit's classes those loaders share rather than define each
     *                           ({@code Parts.sharedByLoaders}, one binary name a line); null for none
     */
    public TestRunner(List<Path> classpath, Path stubClasses, List<String> launcher, Path scratchRoot, Sandbox sandbox,
                      Path referenceExercises, Map<String, Set<String>> referenceFor, Path sharedClasses) {
        this.referenceExercises = referenceExercises;
        this.sharedClasses = sharedClasses;
        this.referenceFor = Map.copyOf(referenceFor);
        this.classpath = classpath;
        this.stubClasses = stubClasses;
        this.launcher = List.copyOf(launcher);
        this.scratchRoot = scratchRoot;
        this.sandbox = sandbox;
    }

    /**
     * This runner's test JVMs on {@code classpath} and {@code referenceExercises}: copies of the
     * jars it was made with, at a lasting place, for a class-data sharing archive kept from run to
     * run ({@code ArchiveCache}); the JVM uses an archive only with the jars at the paths it was made with.
     */
    public TestRunner onCopies(List<Path> classpath, Path referenceExercises) {
        return new TestRunner(classpath, stubClasses, launcher, scratchRoot, sandbox, referenceExercises, referenceFor,
                sharedClasses);
    }

    /** The test JVM's class path (jars), before the student's classes. */
    public List<Path> classpath() {
        return classpath;
    }

    /** Test JVMs started from now on map {@code archive}, made by {@link #shareClassData} on this class path. */
    public void useSharedArchive(Path archive) {
        sharedArchive = archive;
    }

    /** True if test JVMs start as another user (a launcher is set): their files must be shared. */
    public boolean sharesWithOtherUsers() {
        return !launcher.isEmpty();
    }

    /**
     * Class-data sharing, for a class: runs the tests in a JVM that writes, as it exits, an
     * archive of every class it loaded from the jars (JUnit, AssertJ, EJML, Jackson, the hidden
     * tests, the reference: some 3,000 classes) in the form the JVM keeps them in memory; every
     * test JVM started afterwards maps that archive instead of reading, parsing and verifying
     * those classes again. The archive is valid for this run's jars only, so it lives in the
     * run's folder. The JVM archives classes from jars only and refuses to make or use an archive
     * when a class folder before the last jar it used holds classes: so the student's classes and
     * the stubs come after the jars, and are empty folders for the archiving run. Its tests run
     * twice: once so, where they all fail at once, and once on {@code referenceExercises} (a jar
     * of the reference's exercise classes) in a class loader of their own (see
     * {@link ChildMain}), so that the archive also holds what passing tests load. On JDK 25 and
     * later ({@link #AHEAD_OF_TIME}) the same run makes an ahead-of-time cache instead, which
     * also holds the classes loaded and linked. If the archive cannot be made, test JVMs start as before.
     *
     * @return null if test JVMs now use the archive, else why not
     */
    public String shareClassData(List<String> testIds, long seed, Limits limits, Path workDir, Path referenceExercises)
            throws IOException, InterruptedException {
        Path archive = workDir.resolve(ARCHIVE);
        Path empty = Files.createDirectories(workDir.resolve("no-classes"));
        List<String> args = List.of(Long.toString(limits.perTest().toMillis()), ChildMain.ARCHIVE_WITH,
                referenceExercises.toString());
        BoundedOutput output = new BoundedOutput();
        // No student code runs here (its class folders are empty): it may write the archive into the run's
        // folder. Started as another user, it writes into a folder open to that user, and the grader keeps a
        // copy of its own, so that no file of that user's is mapped by the test JVMs.
        Path written = launcher.isEmpty() ? archive : newScratch().resolve(ARCHIVE);
        Child child = start(empty, empty, seed, testIds, args,
                List.of((AHEAD_OF_TIME ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + written),
                List.of(written.getParent()), output);
        child.await(System.nanoTime() + limits.forTests(2 * testIds.size()).perSubmission().toNanos());
        if (!written.equals(archive)) {
            if (Files.isRegularFile(written, LinkOption.NOFOLLOW_LINKS)) {
                Files.copy(written, archive);
            }
            Kit.deleteRecursively(written.getParent());
        }
        // What the archiving JVM reported, as the parent read it: for checking that the tests passed on the reference.
        List<String> reported = new ArrayList<>();
        for (TestResult r : child.reader().round().finished()) {
            reported.add(JSON.writeValueAsString(Map.of("event", "finished", "id", r.id(), "status", r.status())));
        }
        Files.write(workDir.resolve("training-results.jsonl"), reported, StandardCharsets.UTF_8);
        if (!Files.isRegularFile(archive)) {
            return "the JVM ended without writing it (" + output.text().lines().filter(l -> !l.isBlank()).limit(3)
                    .collect(Collectors.joining(" / ")) + ")";
        }
        if (!launcher.isEmpty()) {
            Kit.shareWithOtherUsers(workDir);
        }
        sharedArchive = archive;
        return null;
    }

    /**
     * Runs the tests {@code tests} (unique ids of test methods, in order, each with the name of
     * the exercise it grades) on the classes in {@code studentClasses}, with the grading seed
     * {@code seed}; {@code after} are {@link ChildMain}'s options for work after the tests (the
     * plots' tracing), which the JVM that gets to the end of the tests does, within the
     * submission's time limit, writing into {@code afterOutput} (a folder, or null if there is no
     * such work).
     *
     * <p>The time budget per exercise: when a JVM stops before the end (a timeout, a crash), the
     * exercises whose tests it stopped in go to the back of the queue, so the rest of the
     * submission runs first, and an exercise whose tests have taken more than
     * {@link Limits#perExercise} in all has its tests not yet run charged 0 without running. So
     * an endless loop costs its exercise a few timeouts and the submission's limit is reached, if
     * ever, by the exercises that loop.
     */
    public Outcome run(Path studentClasses, Map<String, String> tests, long seed, Limits given, List<String> after,
                       Path afterOutput) throws IOException, InterruptedException {
        Limits limits = given.forTests(tests.size());
        Map<String, TestResult> results = new LinkedHashMap<>();
        Set<String> remaining = new LinkedHashSet<>(tests.keySet());
        Map<String, Long> spentMillis = new LinkedHashMap<>();
        Set<String> troubled = new LinkedHashSet<>();
        BoundedOutput output = new BoundedOutput();
        long deadline = System.nanoTime() + limits.perSubmission().toNanos();
        int jvms = 0;
        while (!remaining.isEmpty()) {
            for (String id : List.copyOf(remaining)) {
                String exercise = tests.get(id);
                if (troubled.contains(exercise) && spentMillis.getOrDefault(exercise, 0L) >= limits.perExercise().toMillis()) {
                    results.put(id, stopped(id, "not run: " + exercise + "'s tests took more than its time budget of "
                            + limits.perExercise().toSeconds() + " s (a test of it timed out or stopped its JVM), so its"
                            + " other tests were not run and the rest of the submission was graded in time"));
                    remaining.remove(id);
                }
            }
            // The exercises that stopped a JVM go last: the rest of the submission first.
            List<String> next = remaining.stream().filter(id -> !troubled.contains(tests.get(id))).toList();
            if (next.isEmpty()) {
                next = List.copyOf(remaining);
            }
            if (next.isEmpty()) {
                break;
            }
            jvms++;
            Path archive = sharedArchive;
            List<String> args = new ArrayList<>(List.of(Long.toString(limits.perTest().toMillis())));
            if (referenceExercises != null) {
                args.addAll(List.of(ChildMain.OTHERS_FROM, referenceExercises.toString()));
                if (sharedClasses != null) {
                    args.addAll(List.of(ChildMain.SHARED_CLASSES, sharedClasses.toString()));
                }
                // Only the test classes this JVM runs: a short command line.
                next.stream().map(ChildMain::testClassOf).distinct().filter(c -> c != null && !referenceFor.getOrDefault(c, Set.of()).isEmpty())
                        .forEach(c -> args.addAll(List.of(ChildMain.REFERENCE_FOR, c + "=" + String.join(",", referenceFor.get(c)))));
            }
            args.addAll(after);
            Child child = start(studentClasses, stubClasses, seed, next, args,
                    archive == null ? List.of() : List.of((AHEAD_OF_TIME ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive),
                    afterOutput == null ? List.of() : List.of(afterOutput), output);
            boolean exited = child.await(deadline);
            Process process = child.process();

            ResultChannel.Round round = child.reader().round();
            if (round.tampered() != null) {
                String why = "did not report: the results channel of its test JVM was tampered with (" + round.tampered()
                        + "), so nothing that JVM reported counts";
                remaining.forEach(id -> results.put(id, new TestResult(id, "FAILED", why, false, false, 0)));
                break;
            }
            if (jvms == 1 && exited && round.empty()) {
                // Nothing of the student's has run yet: the grader's set-up is at fault, not the submission.
                throw new IllegalStateException("the test JVM did not start (exit code " + process.exitValue() + "): "
                        + output.text().lines().limit(5).collect(Collectors.joining(" / ")));
            }
            int before = results.size();
            for (TestResult r : round.finished()) {
                results.put(r.id(), r);
                String owner = ownerOf(r.id(), remaining);
                if (owner != null) {
                    spentMillis.merge(tests.get(owner), r.millis(), Long::sum);
                    if (r.timedOut() || Failures.UNREADABLE.equals(r.message())) {
                        troubled.add(tests.get(owner));
                    }
                }
            }
            remaining.removeIf(id -> results.containsKey(id));
            if (round.done() || remaining.isEmpty()) {
                for (String id : next) {
                    if (!remaining.contains(id)) {
                        continue;
                    }
                    String why = round.containerFailures().entrySet().stream().filter(c -> id.startsWith(c.getKey() + "/"))
                            .map(c -> "did not run: its test class failed: " + c.getValue()).findFirst()
                            .orElse("did not run: JUnit did not find it in this submission's run");
                    results.put(id, new TestResult(id, "FAILED", why, false, false, 0));
                    remaining.remove(id);
                }
                continue;
            }
            String reason = !exited
                    ? "stopped: the time limit for the whole submission (" + limits.perSubmission().toSeconds() + " s) ran out"
                    : process.exitValue() == 3
                    ? "stopped: the test ran out of memory (the limit is " + HEAP + "B); look for data that grows without end"
                    : "stopped: the test JVM ended during this test (exit code " + process.exitValue()
                    + "); a crash, or a call that ends the program";
            for (String running : round.running()) {
                String owner = ownerOf(running, remaining);
                if (owner != null && !results.containsKey(owner)) {
                    results.put(owner, stopped(owner, reason));
                    remaining.remove(owner);
                    troubled.add(tests.get(owner));
                    spentMillis.merge(tests.get(owner), RESTART_SECONDS * 1000L, Long::sum);
                }
            }
            if (!exited || results.size() == before) {
                // Out of time, or no progress at all: charge every test left with the reason.
                String why = !exited ? reason : "not run: the test JVM stopped before it (exit code "
                        + process.exitValue() + ")" + round.error();
                remaining.forEach(id -> results.put(id, stopped(id, why)));
                break;
            }
        }
        return new Outcome(results, output.text(), jvms);
    }

    /** A test JVM started by {@link #start}: its process, the reader of its results, its working folder. */
    private record Child(Process process, ResultChannel.Reader reader, Thread channel, Thread drain, Path scratch) {
        /** Waits for the JVM to end, at most until {@code deadline} (of System.nanoTime), then stops it; true if it ended by itself. */
        boolean await(long deadline) throws InterruptedException {
            boolean exited;
            try {
                long left = deadline - System.nanoTime();
                exited = left > 0 && process.waitFor(left, TimeUnit.NANOSECONDS);
                if (!exited) {
                    stop(process);
                }
                channel.join(2000);
                drain.join(2000);
            } finally {
                if (process.isAlive()) {
                    stop(process);
                }
                RUNNING.remove(process);
                try {
                    Kit.deleteRecursively(scratch);
                } catch (UncheckedIOException e) {
                    // left for the kit to delete at the end of the run
                }
            }
            return exited;
        }
    }

    /**
     * Starts {@link ChildMain} with {@code args}, in a new scratch folder, and hands it a fresh key
     * and the {@code ids} to run on its input; its results are read as they come, its error stream into {@code output}.
     */
    private Child start(Path studentClasses, Path stubs, long seed, Collection<String> ids, List<String> args,
                        List<String> sharing, List<Path> writable, BoundedOutput output) throws IOException {
        Path scratch = newScratch();
        byte[] key = ResultChannel.newKey();
        Process process;
        try {
            process = jvm(studentClasses, stubs, seed, ChildMain.class.getName(), args, scratch, sharing, writable)
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException | RuntimeException e) {
            Kit.deleteRecursively(scratch);
            throw e;
        }
        RUNNING.add(process);
        if (stopping) {
            stop(process);
        }
        ResultChannel.Reader reader = new ResultChannel.Reader(key, Set.copyOf(ids));
        Thread channel = new Thread(() -> reader.read(process.getInputStream()), "test-jvm-results");
        channel.setDaemon(true);
        channel.start();
        Thread drain = output.drain(process.getErrorStream());
        try (Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            in.write(ResultChannel.keyLine(key) + "\n");
            for (String id : ids) {
                in.write(id + "\n");
            }
        } catch (IOException e) {
            // the JVM did not get going; what it said is in its output
        }
        return new Child(process, reader, channel, drain, scratch);
    }

    /**
     * Kills a test JVM and everything it started: the processes below it first (a launcher such
     * as runuser leaves the JVM running if only the launcher is killed), then itself; waits a
     * little for them to go.
     */
    public static void stop(Process process) {
        List<ProcessHandle> below = process.descendants().toList();
        below.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        for (ProcessHandle p : below) {
            try {
                p.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone or going; nothing more can be done
            }
        }
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TestResult stopped(String id, String reason) {
        return new TestResult(id, "STOPPED", reason, false, false, 0);
    }

    /** The expected test an id reported by JUnit belongs to: itself, or its parameterised method. */
    private static String ownerOf(String id, Set<String> expected) {
        for (String e : expected) {
            if (id.equals(e) || id.startsWith(e + "/")) {
                return e;
            }
        }
        return null;
    }

    /**
     * Makes {@code file} (in a work folder) ready for a test JVM to write: new and empty, and if
     * test JVMs run as another user, writable by them, its folder readable.
     */
    public void writableByTestJvm(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (!launcher.isEmpty()) {
            Files.createFile(file);
            Kit.shareWithOtherUsers(file.getParent());
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            }
        }
    }

    /**
     * A JVM set up as the test JVMs are (launcher, sandbox, memory cap, options, an empty environment,
     * input from the null device, the student's classes after the jars and before the stubs, an
     * empty scratch folder of its own to work in, deleted with the kit), running
     * {@code mainClass} with {@code args}, able to write {@code output} (a folder, the grader's
     * code's output) and nothing else but its scratch: for other runs of student code. Stop it with {@link #stop}.
     */
    public ProcessBuilder jvm(Path studentClasses, long seed, String mainClass, List<String> args, Path output)
            throws IOException {
        return jvm(studentClasses, stubClasses, seed, mainClass, args, newScratch(), List.of(), List.of(output));
    }

    /** {@link #jvm(Path, long, String, List, Path)} working in {@code workDir}, the only folder the sandbox lets it write. */
    public ProcessBuilder jvmWorkingIn(Path workDir, Path studentClasses, long seed, String mainClass, List<String> args) {
        return jvm(studentClasses, stubClasses, seed, mainClass, args, workDir, List.of(), List.of());
    }

    /** A new empty folder for a test JVM to work in, under the scratch root; writable by a launcher's user. */
    private Path newScratch() throws IOException {
        Path scratch = Files.createTempDirectory(scratchRoot, "jvm-");
        if (!launcher.isEmpty() && scratch.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        return scratch;
    }

    private ProcessBuilder jvm(Path studentClasses, Path stubClasses, long seed, String mainClass, List<String> args,
                               Path workDir, List<String> sharing, List<Path> writable) {
        // The student's classes after the jars: no class of theirs may stand for a given one (the
        // policy refuses that anyway), and class-data sharing needs the jars first.
        List<Path> cp = new ArrayList<>(classpath);
        cp.add(studentClasses);
        cp.add(stubClasses);
        List<String> command = new ArrayList<>();
        // C1 only: hidden tests are short, and C2's compiler threads would compete for the cores
        // (189 tests took 7 to 8 s with C2, 2 to 3 s without, two JVMs at once on 2 cores).
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // The JVM's own messages to the error stream: the output is the results channel's alone.
                "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr", "-Xlog:cds*=off:stderr"));
        if (AHEAD_OF_TIME) {
            // An ahead-of-time cache refuses -Xshare; the JDK's own archive is used without it when there is none.
            command.add("-Xlog:aot*=off:stderr");
        } else {
            command.add("-Xshare:auto");
        }
        command.addAll(sharing);
        command.addAll(List.of(
                "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8", "-Ddlkit.seed=" + seed,
                "-cp", cp.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                mainClass));
        command.addAll(args);
        // In the sandbox the JVM reads its class path and archive wherever they are, and writes only workDir.
        List<Path> readable = new ArrayList<>(cp);
        if (referenceExercises != null) {
            readable.add(referenceExercises);
        }
        if (sharedClasses != null) {
            readable.add(sharedClasses);
        }
        if (sharedArchive != null) {
            readable.add(sharedArchive);
        }
        ProcessBuilder builder = new ProcessBuilder(sandbox.command(launcher, command, workDir, readable, writable)).directory(workDir.toFile());
        builder.environment().clear();
        builder.redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())));
        return builder;
    }

    private static String nullDevice() {
        return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
    }

    /** Keeps the first {@value #OUTPUT_LIMIT} bytes of everything the test JVMs print, counts the rest. */
    private static final class BoundedOutput {
        private final byte[] kept = new byte[OUTPUT_LIMIT];
        private int size;
        private long dropped;

        Thread drain(InputStream in) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        synchronized (this) {
                            int take = Math.min(n, kept.length - size);
                            System.arraycopy(buffer, 0, kept, size, take);
                            size += take;
                            dropped += n - take;
                        }
                    }
                } catch (IOException e) {
                    // the process is gone; keep what was read
                }
            }, "test-jvm-output");
            t.setDaemon(true);
            t.start();
            return t;
        }

        synchronized String text() {
            String s = new String(kept, 0, size, StandardCharsets.UTF_8);
            return dropped == 0 ? s : s + "\n[... " + dropped + " more bytes of output not kept]";
        }
    }
}
