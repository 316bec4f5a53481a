package dlkit.grader.grade;

import dlkit.grader.collect.Collector;
import dlkit.grader.collect.Entry;
import dlkit.grader.collect.Identity;
import dlkit.grader.collect.Submission;
import dlkit.grader.course.Assignment;
import dlkit.grader.course.Course;
import dlkit.grader.course.CourseOptions;
import dlkit.grader.course.Lateness;
import dlkit.grader.explore.OptimizerFigures;
import dlkit.grader.explore.OptimizerKind;
import dlkit.grader.explore.StudentCurves;
import dlkit.grader.explore.StudentPaths;
import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.InternalErrors;
import dlkit.grader.kit.Kit;
import dlkit.grader.report.ConsoleTable;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradescopeWriter;
import dlkit.grader.report.HtmlReport;
import dlkit.grader.report.ReportFiles;
import dlkit.grader.report.Similarity;
import dlkit.grader.report.StudentFolders;
import dlkit.grader.run.Sandbox;
import dlkit.grader.run.TestRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code grade PATH}: grades one submission or a whole class and writes, per student,
 * {@code results.json} (Gradescope), {@code report.json} and {@code report.html} (with the plots
 * of the student's optimisers and of the digit classifier's training beside it) under {@code --out}, and for a class {@code gradebook.csv}
 * and {@code index.html}.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {"Grades a submission (a folder or a zip) or a class (a folder of those) with the hidden tests.",
                "Exit code 0 when grading finished, whatever the scores; 2 for a usage error; 1 for an internal error."})
public final class GradeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", description = "a student's folder or zip, or a folder of them")
    Path path;

    @Option(names = "--out", paramLabel = "DIR", description = "where reports go, a folder per student (default: ${DEFAULT-VALUE})")
    Path out = Path.of("dlkit-reports");

    @ArgGroup(exclusive = true)
    Shape shape;

    static final class Shape {
        @Option(names = "--one", description = "PATH is one submission, whatever it holds")
        boolean one;
        @Option(names = "--class", description = "PATH is a class: each sub-folder or zip is a student")
        boolean isClass;
    }

    @Option(names = "--gradescope-results", paramLabel = "FILE",
            description = "also write Gradescope's results.json here (one submission only); a 0-point file is written first")
    Path gradescopeResults;

    @Option(names = "--gradebook-column", paramLabel = "NAME",
            description = "the assignment's name in the Canvas, Gradescope, Brightspace and Blackboard gradebooks; a new name "
                    + "makes a new assignment on import (Blackboard's: its column's heading with |<column id> to fill that "
                    + "column) (default: the --assignment's name, else dlkit)")
    String gradebookColumn;

    @Option(names = "--overrides", paramLabel = "FILE",
            description = "an instructor's overrides, CSV (student,exercise,points,reason) or YAML (a list of the same):"
                    + " each sets an exercise's points for a student, shown with its reason in every report")
    Path overridesFile;

    @Option(names = "--launcher", paramLabel = "PREFIX",
            description = "start the JVM that runs student code through this command prefix, for example "
                    + "\"runuser -u dlkit-student --\" to run it as an unprivileged user")
    String launcher;

    /** Beside report.html (the student's), the instructor's copy: the same page with the replay command. */
    static final String INSTRUCTOR_COPY = "report-instructor.html";

    /** A class this large makes a class-data sharing archive: below, making it costs more than it saves (GradingBenchmark). */
    public static final int SHARING_FROM = 20;

    @Option(names = "--no-plots", description = "leave the plots out of the HTML reports (the optimiser paths and training curves)")
    boolean noPlots;

    @Option(names = "--class-sharing", negatable = true,
            description = "test JVMs map a class-data sharing archive (on JDK 25 and later an ahead-of-time cache): made for "
                    + SHARING_FROM + " submissions or more (in some 5 to 10 s), or for any number with --class-sharing, and"
                    + " kept in the cache for the next runs, which use it for any number; --no-class-sharing: never")
    Boolean classSharing;

    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    CourseOptions course = new CourseOptions();

    @Mixin
    Shard.Option sharding = new Shard.Option();

    /** The share of the class this run grades ({@code --shard}), or null for all of it. */
    private Shard shard;

    @Option(names = "--submitted-at", paramLabel = "TIME",
            description = "when the submission came (one submission, with --assignment): 2026-10-10 08:00 in the course's "
                    + "time zone, or with an offset, 2026-10-10T08:00+02:00; late work is charged as the course file says")
    String submittedAt;

    @Option(names = "--submission-metadata", paramLabel = "FILE",
            description = "Gradescope's submission_metadata.json (one submission, with --assignment): its created_at is "
                    + "when the submission came")
    Path submissionMetadata;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter outText = spec.commandLine().getOut();
        checkUsage();
        Assignment assignment;
        Lateness lateness;
        try {
            assignment = course.assignment();
            lateness = lateness(assignment);
        } catch (CourseOptions.Problem p) {
            throw new ParameterException(spec.commandLine(), p.getMessage());
        }
        long seed = run.seed();
        long started = System.nanoTime();
        try (Kit kit = Kit.open()) {
            run.keepWork(kit, outText);
            List<Exercise> exercises = chosen(kit, assignment);
            readOverrides(kit);
            // Blackboard's and Brightspace's times come without a zone: the course's is a better guess than this machine's.
            Collector collector = new Collector(kit.exercises(), kit.newWorkFolder("collect-"));
            if (assignment != null) {
                collector.inZone(assignment.due().getZone());
            }
            List<Submission> collected = asTheClassNamedThem(outsideAssignment(collect(collector, lateness), assignment));
            List<Submission> submissions = shard == null ? collected : shard.take(collected);
            outText.printf("Grading %d submission%s with seed %d (replay with --seed %d)%n",
                    submissions.size(), submissions.size() == 1 ? "" : "s", seed, seed);
            if (shard != null) {
                outText.printf("Shard %s: %d of the class's %d students%n", shard, submissions.size(), collected.size());
            }
            outText.flush();
            // Per the course file: Gradescope's visibilities, and the quiz's answers shown to students
            // (console, report.json, report.html) only when its explanations may be.
            GradescopeWriter.Terms terms = assignment == null ? GradescopeWriter.Terms.DEFAULT
                    : new GradescopeWriter.Terms(assignment.results(), assignment.explanations(), assignment.due());
            Map<String, String> teaches = new LinkedHashMap<>();
            kit.exercises().forEach(e -> teaches.put(e.file(), e.summary()));
            // Folder names over the whole class, so that a shard names each student as one run would.
            output = new ClassOutput(out, ReportFiles.folders(collected.stream().map(Submission::name).toList()), teaches,
                    terms, assignment == null || terms.answers().shownAt(java.time.Instant.now(), assignment.due()));

            String mixed = output.otherExercises(exercises.stream().map(Exercise::file).toList(),
                    submissions.stream().map(Submission::name).toList());
            if (mixed != null) {
                throw new ParameterException(spec.commandLine(), mixed);
            }
            Grader grader = grader(kit, submissions.size(), seed, exercises, outText);
            List<GradeReport> full = gradeAll(grader, submissions, seed, exercises,
                    (r, sub) -> assignment == null ? overrides.apply(r) : assignment.applyLate(overrides.apply(assignment.scale(r)),
                            latenessOf(lateness, sub.identity())));
            if (gradescopeResults != null) {
                GradescopeWriter.write(full.get(0), terms, gradescopeResults);
            }
            ClassOutput.Gradebooks gradebooks = gradebooks(submissions, assignment);
            writeReports(full.stream().map(output::forStudents).toList(), submissions,
                    shard == null ? submissions : shard.comparedWith(collected), collector, kit, exercises, gradebooks, outText);
            if (shard != null) {
                ShardManifest.write(out, shard, seed, assignment == null ? null : assignment.name(),
                        exercises.stream().map(Exercise::file).toList(), gradebooks, collected, submissions,
                        collector.entries());
            }
            outText.printf(Locale.ROOT, "Graded in %.1f s.%n", (System.nanoTime() - started) / 1e9);
            if (failures.get() > 0) {
                spec.commandLine().getErr().println("dlkit: internal error: the grader failed on " + failures.get()
                        + " submission(s), graded 0 with the error in their report");
                return ExitCode.SOFTWARE;
            }
            return ExitCode.OK;
        }
    }

    /**
     * The checks that need no kit: a 0-point Gradescope file first (a crash must never leave full
     * marks), then the path, the output folder and the run's options.
     *
     * @throws ParameterException a usage error (exit code 2), saying what is wrong
     */
    private void checkUsage() throws IOException {
        if (gradescopeResults != null) {
            GradescopeWriter.writePlaceholder(gradescopeResults);
        }
        if (!Files.exists(path)) {
            throw new ParameterException(spec.commandLine(), "no such file or folder: " + path);
        }
        if (!gradable(path)) {
            throw new ParameterException(spec.commandLine(), path + " is neither a folder, a zip nor a .java file: give a student's folder or zip,"
                    + " a .java file, or a folder of students");
        }
        String unwritable = StudentFolders.prepare(out);
        if (unwritable != null) {
            throw new ParameterException(spec.commandLine(), unwritable);
        }
        InternalErrors.logIn(out);
        run.check(spec.commandLine());
        shard = sharding.shard(spec);
        if (shard != null && shape != null && shape.one) {
            throw new ParameterException(spec.commandLine(), "--shard grades a share of a class; it does not go with --one");
        }
    }

    /** The exercises to grade: those {@code --exercise} names, else all the assignment's (all the kit's without one). */
    private List<Exercise> chosen(Kit kit, Assignment assignment) {
        List<Exercise> exercises = run.exercises(kit, spec.commandLine()).stream()
                .filter(e -> run.exercisesChosen() || CourseOptions.holds(assignment, e)).toList();
        for (Exercise e : exercises) {
            if (!CourseOptions.holds(assignment, e)) {
                throw new ParameterException(spec.commandLine(), e.simpleName() + " is not an exercise of " + assignment.name());
            }
        }
        return exercises;
    }

    /** The instructor's {@code --overrides}, if given; a file that cannot be read or holds a wrong row is a usage error. */
    private void readOverrides(Kit kit) {
        if (overridesFile == null) {
            return;
        }
        try {
            overrides = Overrides.read(overridesFile, kit.exercises(), kit.catalog().pointsByExercise());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read the overrides file " + overridesFile + ": " + e.getMessage());
        }
    }

    /** The submissions in {@code path}, each entry not simply graded named on the console with its reason. */
    private List<Submission> collect(Collector collector, Lateness lateness) throws IOException {
        Collector.Mode mode = shape == null ? Collector.Mode.AUTO : shape.one ? Collector.Mode.ONE : Collector.Mode.CLASS;
        List<Submission> submissions;
        try {
            submissions = collector.collect(path, mode);
        } catch (Collector.RefusedClass e) {
            throw new ParameterException(spec.commandLine(), "the class's zip " + path + " was not graded: " + e.getMessage()
                    + "; nothing was graded (unzip it and grade the folder with --class)");
        }
        collector.entries().stream().filter(e -> e.fate() != Entry.Fate.GRADED || !e.reason().isEmpty())
                .forEach(e -> spec.commandLine().getErr().println("dlkit: " + ConsoleTable.printable(e.describe())));
        if (submissions.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "found no submissions in " + path + " (use --one if it is a single submission)");
        }
        if (lateness != Lateness.UNKNOWN && submissions.size() > 1) {
            throw new ParameterException(spec.commandLine(), "--submitted-at and --submission-metadata are for one submission, but "
                    + path + " holds " + submissions.size());
        }
        if (gradescopeResults != null && submissions.size() > 1) {
            throw new ParameterException(spec.commandLine(), "--gradescope-results needs one submission, but " + path + " holds "
                    + submissions.size() + " (use --one if it is a single submission)");
        }
        return submissions;
    }

    /**
     * One submission graded again into a class's {@code --out}, under the name the class run gave
     * that student ({@link ClassOutput#keptName}), so that it replaces the student's reports and row.
     */
    private List<Submission> asTheClassNamedThem(List<Submission> submissions) {
        if (submissions.size() != 1) {
            return submissions;
        }
        Submission s = submissions.get(0);
        return ClassOutput.keptName(out, s.identity())
                .map(name -> List.of(new Submission(name, s.files(), s.notes(), s.refusal(), s.identity())))
                .orElse(submissions);
    }

    /** Each submission with a note for every file of an exercise outside {@code --assignment}: it is not graded, and says so. */
    private static List<Submission> outsideAssignment(List<Submission> submissions, Assignment assignment) {
        if (assignment == null) {
            return submissions;
        }
        return submissions.stream().map(s -> {
            List<String> notes = new ArrayList<>(s.notes());
            s.files().forEach((file, source) -> {
                if (!assignment.exercises().contains(file)) {
                    notes.add(source.origin() + " is not part of this assignment (" + assignment.name() + "): not graded");
                }
            });
            return notes.size() == s.notes().size() ? s : new Submission(s.name(), s.files(), notes, s.refusal(), s.identity());
        }).toList();
    }

    /** The grader, its test JVMs started through {@code --launcher} in the sandbox, sharing class data for a large class. */
    private Grader grader(Kit kit, int submissions, long seed, List<Exercise> exercises, PrintWriter outText)
            throws IOException, InterruptedException {
        List<String> prefix = launcher == null || launcher.isBlank() ? List.of() : List.of(launcher.strip().split("\\s+"));
        if (!prefix.isEmpty()) {
            kit.shareWithOtherUsers();
        }
        Sandbox sandbox = run.sandbox(prefix, spec.commandLine());
        outText.println(sandbox.describe());
        outText.flush();
        Grader grader = new Grader(kit, run.limits(), prefix, sandbox, false);
        if (!Boolean.FALSE.equals(classSharing)) {
            boolean make = Boolean.TRUE.equals(classSharing) || submissions >= SHARING_FROM;
            Grader.ClassSharing sharing = grader.shareClassData(seed, exercises, Kit.cacheFolder(), make);
            if (sharing.archive() != null) {
                String kind = TestRunner.AHEAD_OF_TIME ? "ahead-of-time cache" : "archive";
                outText.println(sharing.fromCache()
                        ? "Test JVMs share their classes' data (the " + kind + " an earlier run made, from " + sharing.archive().getParent() + ")"
                        : String.format(Locale.ROOT, "Test JVMs share their classes' data (%s made in %.1f s%s)", kind, sharing.seconds(),
                        sharing.archive().startsWith(Kit.cacheFolder()) ? ", kept for the next runs in " + sharing.archive().getParent() : ""));
            } else if (make) {
                outText.println("Test JVMs start without class-data sharing: no archive: " + sharing.problem());
            }
            outText.flush();
        }
        return grader;
    }

    /**
     * After grading: the overrides that matched no one, the one student's summary, or the class's
     * gradebook and index, with the pairs that look alike among {@code compared} that have one of
     * the {@code submissions} graded in them (a shard: its share of the class's pairs).
     */
    private void writeReports(List<GradeReport> reports, List<Submission> submissions, List<Submission> compared,
                              Collector collector, Kit kit, List<Exercise> exercises, ClassOutput.Gradebooks gradebooks,
                              PrintWriter outText)
            throws IOException {
        // An override names the student as the gradebook's row does: two namesakes are "leejin (1003)" and "leejin (1004)".
        List<String> students = reports.stream().map(GradeReport::student).toList();
        overrides.unmatched(reports).forEach(o -> {
            String like = Kit.suggestion(o.student(), students);
            spec.commandLine().getErr().println("dlkit: the override for " + ConsoleTable.printable(o.student())
                    + " matches no student graded in this run" + (like.startsWith("did you mean")
                    ? " (" + ConsoleTable.printable(like) + ")" : ""));
        });
        Map<String, GradeReport> wholeClass = output.classReports(reports);
        // A class, even of one student (--class, or a class folder found as such), always gets its gradebooks and index.
        boolean isClass = shape != null && shape.isClass || !collector.entries().isEmpty();
        if (reports.size() == 1 && !isClass) {
            outText.print(ConsoleTable.summary(reports.get(0)));
            outText.printf("%nReports (report.json, results.json): %s%n",
                    output.folder(reports.get(0).student()).toAbsolutePath().normalize());
        }
        if (wholeClass.size() > 1 || shard != null || isClass) {
            writeClass(wholeClass, reports.size(), compared.size() > 1 ? alike(compared, submissions, kit, exercises) : shard != null ? List.of() : null,
                    collector, gradebooks, outText);
        }
    }

    /** The gradebooks' identities of the students graded, their column and the due time. */
    private ClassOutput.Gradebooks gradebooks(List<Submission> submissions, Assignment assignment) {
        Map<String, Identity> identities = new LinkedHashMap<>();
        submissions.forEach(sub -> identities.put(sub.name(), sub.identity()));
        return new ClassOutput.Gradebooks(r -> identities.getOrDefault(r.student(), Identity.named(r.student())),
                gradebookColumn != null ? gradebookColumn : assignment != null ? assignment.name() : "dlkit",
                assignment == null ? null : assignment.due().toInstant());
    }

    private static long count(Collector collector, Entry.Fate fate) {
        return collector.entries().stream().filter(e -> e.fate() == fate).count();
    }

    /** The late-work evidence for one submission: the command line's, else its export's own time, else its late flag. */
    private static Lateness latenessOf(Lateness given, Identity who) {
        if (given != Lateness.UNKNOWN) {
            return given;
        }
        if (who.submittedAt() != null) {
            return Lateness.at(who.submittedAt(), who.lms().source);
        }
        return who.late() ? Lateness.flagged(who.lms().source) : Lateness.UNKNOWN;
    }

    /**
     * When the one submission came, from {@code --submitted-at} or {@code --submission-metadata};
     * {@link Lateness#UNKNOWN} if neither is given or the metadata has no time (then it is graded as on time).
     */
    private Lateness lateness(Assignment assignment) throws CourseOptions.Problem {
        if (submittedAt == null && submissionMetadata == null) {
            return Lateness.UNKNOWN;
        }
        if (assignment == null) {
            throw new CourseOptions.Problem("--submitted-at and --submission-metadata need --assignment: its due date says what is late");
        }
        if (submittedAt != null) {
            try {
                return Lateness.at(Course.time(submittedAt, assignment.due().getZone()).toInstant(), "--submitted-at");
            } catch (java.time.DateTimeException e) {
                throw new CourseOptions.Problem("--submitted-at '" + submittedAt + "' is not a date and time such as 2026-10-10 08:00");
            }
        }
        try {
            com.fasterxml.jackson.databind.JsonNode metadata = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(submissionMetadata.toFile());
            String gradescopeDue = metadata.path("assignment").path("due_date").asText("");
            if (!gradescopeDue.isEmpty() && !java.time.OffsetDateTime.parse(gradescopeDue).toInstant().equals(assignment.due().toInstant())) {
                // Gradescope's after_due_date follows its own due date: the two should agree.
                System.err.println("dlkit: Gradescope's due date " + gradescopeDue + " is not the course file's "
                        + assignment.due() + "; late work is charged from the course file's");
            }
            return Lateness.at(java.time.OffsetDateTime.parse(metadata.path("created_at").asText()).toInstant(),
                    "submission_metadata.json");
        } catch (IOException | java.time.DateTimeException e) {
            // On Gradescope a grader that stops scores 0: a missing time is graded as on time, and said.
            System.err.println("dlkit: no submission time in " + submissionMetadata + " (" + e.getMessage()
                    + "), so it is graded as on time");
            return Lateness.UNKNOWN;
        }
    }

    /**
     * The class's gradebook and index, of {@code wholeClass} (this run's students and those graded
     * before in the same {@code --out}), and what the console says of them.
     */
    private void writeClass(Map<String, GradeReport> wholeClass, int gradedNow, List<Similarity.Pair> alike, Collector collector,
                            ClassOutput.Gradebooks gradebooks, PrintWriter outText) throws IOException {
        List<Path> written = output.writeClass(wholeClass, alike, collector.entries(), gradebooks);
        Path index = out.resolve("index.html").toAbsolutePath().normalize();
        if (gradedNow == 1 && wholeClass.size() > 1) {
            outText.printf("Class gradebook and overview updated, the other %d students' reports kept: %s%n",
                    wholeClass.size() - 1, index);
            return;
        }
        outText.print(ConsoleTable.classSummary(new ArrayList<>(wholeClass.values())));
        outText.printf("%nGradebook (a column per exercise): %s%n", written.get(0).toAbsolutePath().normalize());
        // Wrapped, so the console stays narrow enough for a terminal however many gradebooks there are.
        StringBuilder line = new StringBuilder("Gradebooks to import as they are, beside it:");
        for (Path g : written.subList(1, written.size())) {
            String name = " " + g.getFileName() + (g.equals(written.get(written.size() - 1)) ? "" : ",");
            if (line.length() + name.length() > 100) {
                outText.println(line);
                line.setLength(0);
                line.append(" ");
            }
            line.append(name);
        }
        outText.println(line);
        ClassOutput.importAdvice(wholeClass.values().stream().map(gradebooks.identityOf()).toList())
                .forEach(advice -> spec.commandLine().getErr().println("dlkit: " + advice));
        outText.printf("Entries of the class folder: %d graded, %d merged into a student, %d not graded%n",
                count(collector, Entry.Fate.GRADED), count(collector, Entry.Fate.MERGED), count(collector, Entry.Fate.REFUSED));
        outText.printf("Reports, a folder per student (report.html to read, report.json with every test's feedback): %s%n",
                out.toAbsolutePath().normalize());
        outText.printf("Class overview: %s%n", index);
    }

    /** A folder, a zip or a {@code .java} file: what {@code grade} takes. */
    private static boolean gradable(Path path) {
        String file = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isDirectory(path) || file.endsWith(".zip") || file.endsWith(".java");
    }

    /**
     * The pairs of {@code compared} with one of {@code graded} in them that look alike ({@link Similarity}), from the files they
     * handed in of the run's {@code exercises} only: a file the run does not grade (another week's, or one left out by
     * {@code --exercise}) is compared by no run, so the pairs of a shard are those {@code merge} accepts.
     */
    private static List<Similarity.Pair> alike(List<Submission> compared, List<Submission> graded, Kit kit, List<Exercise> exercises)
            throws IOException {
        Map<String, Map<String, String>> files = new LinkedHashMap<>();
        for (Submission s : compared) {
            Map<String, String> own = new LinkedHashMap<>();
            s.files().forEach((file, source) -> own.put(file, source.text()));
            files.put(s.name(), own);
        }
        return Similarity.flagged(files, graded.stream().map(Submission::name).collect(Collectors.toSet()), exercises,
                kit.newWorkFolder("similarity-"));
    }

    /** Submissions the grader failed on, graded 0 and reported; the command then exits with 1. */
    private final AtomicInteger failures = new AtomicInteger();

    /** Where the reports go: each student's folder, whole, and the class's files. */
    private ClassOutput output;

    /** The instructor's overrides, applied to each report before it is written. */
    private Overrides overrides = Overrides.none();

    /** The plots drawn for each student's page, by student, then exercise file. */
    private final Map<String, Map<String, List<HtmlReport.Figure>>> figures = new ConcurrentHashMap<>();

    /**
     * After a submission's tests, in the same test JVM: its optimisers traced and the history of
     * its digit classifier's graded training run written; then drawn beside the reference's into
     * the student's report folder. Nothing if neither is graded.
     */
    private Grader.AfterTests plots(Submission s, List<Exercise> exercises, long seed) {
        List<String> files = exercises.stream().map(Exercise::file).toList();
        boolean paths = Stream.of(OptimizerKind.values()).anyMatch(k -> files.contains(k.file()));
        boolean curves = files.contains(StudentCurves.FILE);
        if (noPlots || !paths && !curves) {
            return null;
        }
        return new Grader.AfterTests() {
            @Override
            public List<String> options(Path work, TestRunner runner) throws IOException {
                List<String> options = new ArrayList<>();
                if (paths) {
                    options.addAll(StudentPaths.afterTests(runner, work));
                }
                if (curves) {
                    options.addAll(StudentCurves.afterTests(runner, work, StudentCurves.TIME_LIMIT));
                }
                return options;
            }

            @Override
            public void finish(Path work) {
                Path folder = output.staging(s.name());
                Map<String, List<HtmlReport.Figure>> drawn = new LinkedHashMap<>();
                try {
                    if (paths) {
                        drawn.putAll(OptimizerFigures.write(StudentPaths.read(work), files, folder));
                    }
                    if (curves) {
                        drawn.put(StudentCurves.FILE, StudentCurves.write(StudentCurves.read(work), StudentCurves.reference(seed),
                                seed, folder));
                    }
                } catch (IOException | RuntimeException e) {
                    // A plot that cannot be drawn costs the page that plot, never the grade.
                    InternalErrors.report(spec.commandLine().getErr(), "not every plot drawn for " + ConsoleTable.printable(s.name()), e);
                }
                figures.put(s.name(), drawn);
            }
        };
    }

    /** Whether a person watches: a log file or Gradescope's output would keep every redraw of the progress bar. */
    private static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22 and later have a console even when redirected; isTerminal tells.
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /**
     * Grades submissions {@code --jobs} at a time, with a progress bar on stderr for a class on a terminal; each
     * report is {@code finished} (the course's points and late work, the overrides) and written as
     * soon as it is graded.
     */
    private List<GradeReport> gradeAll(Grader grader, List<Submission> submissions, long seed, List<Exercise> exercises,
                                       java.util.function.BiFunction<GradeReport, Submission, GradeReport> finished) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(run.jobs(), submissions.size())));
        ProgressBar bar = submissions.size() < 2 || !onTerminal() ? null : new ProgressBarBuilder().setTaskName("Grading")
                .setInitialMax(submissions.size()).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        try {
            List<Future<GradeReport>> futures = new ArrayList<>();
            for (Submission s : submissions) {
                futures.add(pool.submit(() -> {
                    GradeReport r;
                    try {
                        output.begin(s.name());
                        r = grader.grade(s, seed, exercises, plots(s, exercises, seed));
                    } catch (Exception | LinkageError e) {
                        // One submission the grader cannot handle must not cost the class its gradebook.
                        failures.incrementAndGet();
                        InternalErrors.report(spec.commandLine().getErr(), "internal error on " + ConsoleTable.printable(s.name()), e);
                        r = grader.zero(s, seed, exercises, "the grader failed on this submission ("
                                + e.getClass().getSimpleName() + "); please tell your instructor");
                    }
                    r = finished.apply(r, s);
                    try {
                        output.write(r, figures.getOrDefault(r.student(), Map.of()));
                    } catch (IOException e) {
                        // One student's reports that cannot be written cost that student's folder, not the class's.
                        failures.incrementAndGet();
                        InternalErrors.report(spec.commandLine().getErr(), "the reports of " + ConsoleTable.printable(r.student())
                                + " could not be written (the folder keeps its last complete reports)", e);
                    }
                    if (bar != null) {
                        bar.step();
                    }
                    return r;
                }));
            }
            List<GradeReport> reports = new ArrayList<>();
            for (Future<GradeReport> f : futures) {
                reports.add(f.get());
            }
            return reports;
        } finally {
            pool.shutdownNow();
            if (bar != null) {
                bar.close();
            }
        }
    }
}
