package dlkit.grader.grade;

import dlkit.grader.collect.SourceFile;
import dlkit.grader.collect.Submission;
import dlkit.grader.compile.SubmissionCompiler;
import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.kit.TestCatalog.ExpectedTest;
import dlkit.grader.policy.BytecodePolicy;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.run.Sandbox;
import dlkit.grader.run.TestRunner;
import dlkit.grader.run.TestResult;
import dlkit.grader.report.Scorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The grading pipeline for one submission: its editable files are compiled against the given
 * classes (a file that does not compile becomes its stub), checked against the bytecode policy
 * (an offending file becomes its stub), run with the hidden tests in a fresh JVM, and scored
 * from the list of expected tests; the tests of an exercise graded as its stub (not submitted,
 * handed in unchanged, not compiling, refused) score 0 without running. Safe to call from
 * several threads at once.
 */
public final class Grader {

    /** How the note on an exercise file the submission did not hold begins. */
    public static final String NOT_SUBMITTED = "not submitted: ";
    /** How the note on an exercise file handed in exactly as the kit's stub begins. */
    public static final String UNCHANGED = "unchanged: ";
    /** How the note on a composing exercise (the capstone) whose parts lost points begins. */
    public static final String PARTS_FAILED = "parts that failed: ";

    private final Kit kit;
    private final TestRunner.Limits limits;
    private final SubmissionCompiler compiler;
    private final BytecodePolicy policy;
    /** Replaced, before grading begins, by one on the cache's copies of the jars ({@link #shareClassData}). */
    private volatile TestRunner runner;
    private final Sandbox sandbox;
    private final boolean runStubs;
    /** Of each exercise that composes the student's own parts, the exercises it uses (see {@link Parts}). */
    private final Map<String, List<Exercise>> parts;

    public Grader(Kit kit, TestRunner.Limits limits) throws IOException {
        this(kit, limits, List.of(), false);
    }

    /**
     * @param launcher the command prefix test JVMs are started through (see {@link TestRunner})
     * @param runStubs run the tests of an exercise graded as its stub too, rather than score them
     *                 0 unrun: for {@code validate}, which checks that they do score 0
     */
    public Grader(Kit kit, TestRunner.Limits limits, List<String> launcher, boolean runStubs) throws IOException {
        this(kit, limits, launcher, Sandbox.none(), runStubs);
    }

    /** @param sandbox the operating-system layer test JVMs run in, inside the launcher (see {@link Sandbox}) */
    public Grader(Kit kit, TestRunner.Limits limits, List<String> launcher, Sandbox sandbox, boolean runStubs) throws IOException {
        this.kit = kit;
        this.sandbox = sandbox;
        this.runStubs = runStubs;
        this.limits = limits;
        this.compiler = new SubmissionCompiler(kit);
        this.policy = new BytecodePolicy(kit.exercises(), kit.givenClasses());
        Parts.Found found = Parts.find(kit, Kit.cacheFolder());
        this.parts = new LinkedHashMap<>(found.usedByReference(kit));
        this.parts.keySet().retainAll(kit.catalog().composingOwnParts());
        Path shared = Files.write(kit.newWorkFolder("loaders-").resolve("shared-classes.txt"), found.sharedByLoaders());
        this.runner = new TestRunner(kit.runtimeClasspath(), compiler.stubClasses(), launcher, kit.scratchRoot(), sandbox,
                kit.referenceExercisesJar(), found.referenceFor(), shared);
        if (runner.sharesWithOtherUsers()) {
            Kit.shareWithOtherUsers(shared.getParent());
        }
    }

    /** How {@link #shareClassData} went: the archive test JVMs now map (null if none) and where it came from, or why none. */
    public record ClassSharing(Path archive, boolean fromCache, double seconds, String problem) {}

    /**
     * Makes test JVMs start faster for the rest of the run, by class-data sharing (see
     * {@link TestRunner#shareClassData}). An archive kept in {@code cache} ({@link ArchiveCache})
     * for this kit, JDK and exercises is used as it is; else, if {@code make}, one is made (the
     * hidden tests of {@code exercises} run twice, see there; some 10 s, worth it for a class, not
     * for one submission) and kept there for the next runs. Test JVMs started as another user
     * ({@code --launcher}) use a kept archive only where every user can read it and its copies of
     * the jars and no one but the grader's user can change them ({@link ArchiveCache#readableByEveryone};
     * Gradescope's setup.sh leaves its cache so); else the archive for them is made in the run's
     * folder, and not kept.
     *
     * @param cache the instructor's cache folder ({@link Kit#cacheFolder()}), or null to keep nothing
     */
    public ClassSharing shareClassData(long seed, Collection<Exercise> exercises, Path cache, boolean make)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<String> ids = kit.catalog().testsOf(exercises.stream().map(Exercise::file).toList()).stream()
                .map(ExpectedTest::uniqueId).toList();
        if (cache == null) {
            return inRunFolder(ids, seed, make, start);
        }
        try {
            ArchiveCache cached = ArchiveCache.of(cache, runner.classpath(), kit.referenceExercisesJar(), ids);
            ArchiveCache.Copies found = cached.find();
            if (found != null && (!runner.sharesWithOtherUsers() || ArchiveCache.readableByEveryone(found))) {
                runner = runner.onCopies(found.classpath(), found.referenceJar());
                runner.useSharedArchive(found.archive());
                return new ClassSharing(found.archive(), true, seconds(start), null);
            }
            if (runner.sharesWithOtherUsers()) {
                return inRunFolder(ids, seed, make, start);
            }
            if (!make) {
                return new ClassSharing(null, false, 0, "not made");
            }
            ArchiveCache.Copies copies = cached.prepare();
            TestRunner onCopies = runner.onCopies(copies.classpath(), copies.referenceJar());
            Path work = kit.newWorkFolder("sharing-");
            String problem = onCopies.shareClassData(ids, seed, limits, work, copies.referenceJar());
            if (problem != null) {
                return new ClassSharing(null, false, seconds(start), problem);
            }
            Path kept = cached.keep(work.resolve(TestRunner.ARCHIVE));
            onCopies.useSharedArchive(kept);
            runner = onCopies;
            return new ClassSharing(kept, false, seconds(start), null);
        } catch (IOException e) {
            // A cache that cannot be written (a read-only home): the archive in the run's folder, as for another user.
            return inRunFolder(ids, seed, make, start);
        }
    }

    /** An archive made in the run's folder, if {@code make}, and not kept. */
    private ClassSharing inRunFolder(List<String> ids, long seed, boolean make, long start) throws IOException, InterruptedException {
        if (!make) {
            return new ClassSharing(null, false, 0, "not made");
        }
        Path work = kit.newWorkFolder("sharing-");
        String problem = runner.shareClassData(ids, seed, limits, work, kit.referenceExercisesJar());
        return new ClassSharing(problem == null ? work.resolve(TestRunner.ARCHIVE) : null, false, seconds(start), problem);
    }

    /** Grades every exercise. */
    public GradeReport grade(Submission submission, long seed) throws IOException, InterruptedException {
        return grade(submission, seed, kit.exercises());
    }

    /** Grades the given exercises only (the report lists only them). */
    public GradeReport grade(Submission submission, long seed, Collection<Exercise> exercises)
            throws IOException, InterruptedException {
        return grade(submission, seed, exercises, null);
    }

    /**
     * Work on a submission's compiled classes without grading them ({@code explore}), done by the
     * grader's own code: the classes (policy-checked, a stub in place of each file that failed)
     * are only ever run in a JVM from {@code runner}, never loaded by the grader.
     */
    public interface ClassesTask {
        void run(Path classes, Path workDir, TestRunner runner) throws IOException, InterruptedException;
    }

    /**
     * More work on a submission's classes, done by the grader's own code in the test JVM after
     * the tests (the report's plots): it needs the same classes, and a JVM of its own would cost its start.
     */
    public interface AfterTests {
        /**
         * The test JVM's options for the work ({@code ChildMain}'s), its output files made ready
         * in {@code plots}. That folder is read only for the plots, never for scores: a student's
         * code that wrote there could change no more than the drawing of its own plots.
         */
        List<String> options(Path plots, TestRunner runner) throws IOException;

        /** Takes what the test JVM wrote into {@code plots}; called whatever became of the tests. */
        void finish(Path plots) throws IOException;
    }

    /** {@link #grade(Submission, long, Collection)}, with {@code after} done in the test JVM (if not null). */
    public GradeReport grade(Submission submission, long seed, Collection<Exercise> exercises, AfterTests after)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<Exercise> chosen = kit.exercises().stream().filter(exercises::contains).toList();
        List<ExpectedTest> tests = kit.catalog().testsOf(chosen.stream().map(Exercise::file).toList());
        Map<String, List<String>> notes = new TreeMap<>();
        Map<String, GradeReport.Handed> handed = new TreeMap<>();
        String jdk = Runtime.version().toString();

        if (submission.refusal() != null) {
            return zero(submission, seed, exercises, submission.refusal());
        }

        // Named after the student, so that a kept work folder (--keep-work) is found, in ASCII only: the test JVM,
        // started with an empty environment, may run in a locale that cannot open a class path of other letters.
        Path work = kit.newWorkFolder("submission-" + asciiName(submission.name()) + "-");
        try {
            Map<String, String> sources = new LinkedHashMap<>();
            for (Exercise e : kit.exercises()) {
                SourceFile file = submission.files().get(e.file());
                if (file == null && chosen.contains(e)) {
                    handed.put(e.file(), GradeReport.Handed.NOT_SUBMITTED);
                    notes.computeIfAbsent(e.file(), k -> new ArrayList<>())
                            .add(NOT_SUBMITTED + e.simpleName() + ".java was graded as the stub");
                } else if (file != null && !runStubs && sameText(file.text(), e.stub())) {
                    handed.put(e.file(), GradeReport.Handed.UNCHANGED);
                    notes.computeIfAbsent(e.file(), k -> new ArrayList<>())
                            .add(UNCHANGED + e.simpleName() + ".java is the kit's stub as it was handed out, so it was graded as the stub");
                } else if (file != null) {
                    sources.put(e.file(), file.text());
                }
            }
            Path classes = compileAndCheck(sources, work.resolve("classes"), notes, handed);
            long compiled = System.nanoTime();

            // An exercise graded as its stub scores 0 (validate checks it for each exercise, the
            // others the reference), so its tests are not run: a submission with nothing of its
            // own starts no JVM.
            Map<String, String> toRun = new LinkedHashMap<>();
            tests.stream().filter(t -> runStubs || sources.containsKey(t.exercise()))
                    .forEach(t -> toRun.put(t.uniqueId(), kit.exercise(t.exercise()).orElseThrow().simpleName()));
            Path plots = Files.createDirectories(work.resolve("plots"));
            TestRunner.Outcome outcome = toRun.isEmpty() ? new TestRunner.Outcome(Map.of(), "", 0)
                    : runner.run(classes, toRun, seed, limits,
                            after == null ? List.of() : after.options(plots, runner), after == null ? null : plots);
            Map<String, TestResult> results = new LinkedHashMap<>(outcome.results());
            for (ExpectedTest t : tests) {
                if (!results.containsKey(t.uniqueId()) && !sources.containsKey(t.exercise())) {
                    results.put(t.uniqueId(), new TestResult(t.uniqueId(), "FAILED", GradeReport.STUB_NOT_RUN, false, false, 0));
                }
            }
            List<ExerciseReport> exerciseReports = withParts(Scorer.score(chosen, tests, results, notes).stream()
                    .map(r -> r.withHanded(handed.getOrDefault(r.file(), GradeReport.Handed.SUBMITTED))).toList());
            GradeReport report = report(submission, seed, jdk, exerciseReports, submission.notes(), outcome.output(),
                    new GradeReport.Timings((compiled - start) / 1e9, (System.nanoTime() - compiled) / 1e9,
                            seconds(start), outcome.jvms()));
            if (after != null && outcome.jvms() > 0) {
                after.finish(plots);
            }
            return report;
        } finally {
            kit.discard(work);
        }
    }

    /**
     * Compiles and checks a submission without grading it, then runs {@code task} on its classes
     * (for {@code explore}); returns what happened to each file (did not compile, refused), by file.
     */
    public Map<String, List<String>> withClasses(Submission submission, ClassesTask task)
            throws IOException, InterruptedException {
        Map<String, List<String>> notes = new TreeMap<>();
        Path work = kit.newWorkFolder("explore-");
        try {
            Map<String, String> sources = new LinkedHashMap<>();
            submission.files().forEach((file, source) -> sources.put(file, source.text()));
            Path classes = compileAndCheck(sources, work.resolve("classes"), notes, new TreeMap<>());
            task.run(classes, work, runner);
            return notes;
        } finally {
            kit.discard(work);
        }
    }

    /** A report of 0 points for every test, each saying {@code reason}: for a submission that could not be graded. */
    public GradeReport zero(Submission submission, long seed, Collection<Exercise> exercises, String reason) {
        List<Exercise> chosen = kit.exercises().stream().filter(exercises::contains).toList();
        List<ExpectedTest> tests = kit.catalog().testsOf(chosen.stream().map(Exercise::file).toList());
        List<ExerciseReport> zero = Scorer.score(chosen, tests, Map.of(), Map.of()).stream()
                .map(e -> new ExerciseReport(e.file(), e.name(), 0, e.maxScore(), e.notes(),
                        e.tests().stream().map(t -> new GradeReport.TestReport(t.name(), 0, t.maxScore(), false,
                                "not graded: " + reason, 0)).toList(), GradeReport.Handed.NOT_GRADED, null)).toList();
        return report(submission, seed, Runtime.version().toString(), zero, List.of(reason), "",
                new GradeReport.Timings(0, 0, 0, 0));
    }

    /**
     * Compiles, then applies the policy; each offending file becomes its stub and everything is
     * compiled again, until the classes compile and pass.
     */
    private Path compileAndCheck(Map<String, String> sources, Path classes, Map<String, List<String>> notes,
                                 Map<String, GradeReport.Handed> handed) throws IOException {
        while (true) {
            SubmissionCompiler.Compiled compiled = compiler.compile(sources, classes);
            compiled.replaced().forEach((file, errors) -> {
                sources.remove(file);
                handed.put(file, GradeReport.Handed.DID_NOT_COMPILE);
                List<String> list = notes.computeIfAbsent(file, k -> new ArrayList<>());
                list.add("did not compile, so it was graded as the stub (0 points); the compiler said:");
                errors.forEach(e -> list.add("  " + e));
            });
            Map<String, List<String>> refused = policy.check(compiled.classes());
            if (refused.isEmpty()) {
                return compiled.classes();
            }
            for (Map.Entry<String, List<String>> e : refused.entrySet()) {
                if (sources.remove(e.getKey()) == null) {
                    throw new IllegalStateException("the kit's own stub " + e.getKey() + " breaks the policy: " + e.getValue());
                }
                handed.put(e.getKey(), GradeReport.Handed.REFUSED);
                List<String> list = notes.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                list.add("uses something the kit does not allow, so it was graded as the stub (0 points):");
                e.getValue().forEach(p -> list.add("  " + p));
            }
        }
    }

    /**
     * An exercise that composes the student's own parts and lost points gets a note naming the
     * parts that lost points in their own tests in this run: the bug is likely theirs.
     */
    private List<ExerciseReport> withParts(List<ExerciseReport> reports) {
        Map<String, ExerciseReport> byFile = new LinkedHashMap<>();
        reports.forEach(r -> byFile.put(r.file(), r));
        List<ExerciseReport> out = new ArrayList<>();
        for (ExerciseReport r : reports) {
            List<String> failing = new ArrayList<>();
            for (Exercise part : parts.getOrDefault(r.file(), List.of())) {
                ExerciseReport own = byFile.get(part.file());
                if (own != null && own.score() < own.maxScore()) {
                    failing.add(part.simpleName() + " (" + dlkit.grader.report.ReportFiles.points(own.score()) + "/"
                            + dlkit.grader.report.ReportFiles.points(own.maxScore()) + ")");
                }
            }
            out.add(r.score() < r.maxScore() && !failing.isEmpty()
                    ? r.withNote(PARTS_FAILED + r.name() + " is built from your own parts, and these lost points in their own"
                    + " tests: " + String.join(", ", failing) + "; fix them first, this exercise may fail because of them")
                    : r);
        }
        return out;
    }

    private GradeReport report(Submission s, long seed, String jdk, List<ExerciseReport> exercises,
                               List<String> notes, String output, GradeReport.Timings timings) {
        double score = exercises.stream().mapToDouble(ExerciseReport::score).sum();
        double max = exercises.stream().mapToDouble(ExerciseReport::maxScore).sum();
        return new GradeReport(s.name(), seed, jdk, score, max, exercises, List.copyOf(notes), output, timings, sandbox.layers());
    }

    /** The same text but for line endings and blank space at either end. */
    private static boolean sameText(String a, String b) {
        return a.strip().replace("\r\n", "\n").equals(b.strip().replace("\r\n", "\n"));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * {@code student} for a folder name in ASCII letters, digits, {@code .}, {@code _} and {@code -} only: accents
     * dropped ({@code müller} is {@code muller}), other characters {@code _}; a name that was not ASCII already gets
     * a hash of it, which tells such names apart ({@code _-} and eight hex digits for a name in Chinese characters).
     */
    static String asciiName(String student) {
        String ascii = java.text.Normalizer.normalize(student, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .replaceAll("[^A-Za-z0-9._-]+", "_");
        ascii = ascii.length() > 40 ? ascii.substring(0, 40) : ascii;
        ascii = ascii.startsWith(".") ? "_" + ascii : ascii;
        return ascii.equals(student) ? ascii : ascii + "-" + String.format(java.util.Locale.ROOT, "%08x", student.hashCode());
    }
}
