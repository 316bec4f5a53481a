package dlkit.grader.grade;

import dlkit.grader.Main;
import dlkit.grader.collect.Collector;
import dlkit.grader.collect.Submission;
import dlkit.grader.explore.OptimizerFigures;
import dlkit.grader.explore.OptimizerKind;
import dlkit.grader.explore.StudentCurves;
import dlkit.grader.explore.StudentPaths;
import dlkit.grader.kit.Exercise;
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
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(names = "--exercise", paramLabel = "NAME",
            description = "grade only this exercise (class name such as Adam, or file dlkit/optim/Adam.java); repeatable")
    List<String> only = new ArrayList<>();

    @Option(names = "--overrides", paramLabel = "FILE",
            description = "an instructor's overrides, CSV (student,exercise,points,reason) or YAML (a list of the same):"
                    + " each sets an exercise's points for a student, shown with its reason in every report")
    Path overridesFile;

    @Option(names = "--launcher", paramLabel = "PREFIX",
            description = "start the JVM that runs student code through this command prefix, for example "
                    + "\"runuser -u dlkit-student --\" to run it as an unprivileged user")
    String launcher;

    /** A class this large makes a class-data sharing archive: below, making it costs more than it saves (GradingBenchmark). */
    static final int SHARING_FROM = 20;

    @Option(names = "--no-plots", description = "leave the plots out of the HTML reports (the optimiser paths and training curves)")
    boolean noPlots;

    @Option(names = "--no-class-sharing",
            description = "do not make a class-data sharing archive for the test JVMs (made for " + SHARING_FROM
                    + " submissions or more: it takes about 3 s once and saves about 0.1 s per submission)")
    boolean noClassSharing;

    @Mixin
    RunOptions run = new RunOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter outText = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (gradescopeResults != null) {
            GradescopeWriter.writePlaceholder(gradescopeResults);
        }
        if (!Files.exists(path)) {
            err.println("dlkit: no such file or folder: " + path);
            return Main.USAGE_ERROR;
        }
        if (!gradable(path)) {
            err.println("dlkit: " + path + " is neither a folder, a zip nor a .java file: give a student's folder or zip,"
                    + " a .java file, or a folder of students");
            return Main.USAGE_ERROR;
        }
        String unwritable = StudentFolders.prepare(out);
        if (unwritable != null) {
            err.println("dlkit: " + unwritable);
            return Main.USAGE_ERROR;
        }
        if (run.problem() != null) {
            err.println("dlkit: " + run.problem());
            return Main.USAGE_ERROR;
        }
        long seed = run.seed();
        long started = System.nanoTime();
        try (Kit kit = Kit.open()) {
            List<Exercise> exercises = new ArrayList<>();
            for (String name : only) {
                Exercise e = kit.exercises().stream()
                        .filter(x -> x.simpleName().equals(name) || x.file().equals(name) || x.className().equals(name))
                        .findFirst().orElse(null);
                if (e == null) {
                    err.println("dlkit: no exercise named " + name + " (there are: "
                            + kit.exercises().stream().map(Exercise::simpleName).toList() + ")");
                    return Main.USAGE_ERROR;
                }
                exercises.add(e);
            }
            if (exercises.isEmpty()) {
                exercises.addAll(kit.exercises());
            }
            if (overridesFile != null) {
                try {
                    overrides = Overrides.read(overridesFile, kit.exercises(), kit.catalog().pointsByExercise());
                } catch (IllegalArgumentException | IOException e) {
                    err.println("dlkit: " + (e instanceof IllegalArgumentException ? e.getMessage()
                            : "cannot read the overrides file " + overridesFile + ": " + e.getMessage()));
                    return Main.USAGE_ERROR;
                }
            }
            Collector.Mode mode = shape == null ? Collector.Mode.AUTO : shape.one ? Collector.Mode.ONE : Collector.Mode.CLASS;
            Collector collector = new Collector(kit.exercises(), kit.newWorkFolder("collect-"));
            List<Submission> submissions = collector.collect(path, mode);
            collector.skipped().forEach(s -> err.println("dlkit: " + ConsoleTable.printable(s)));
            if (submissions.isEmpty()) {
                err.println("dlkit: found no submissions in " + path + " (use --one if it is a single submission)");
                return Main.USAGE_ERROR;
            }
            if (gradescopeResults != null && submissions.size() > 1) {
                err.println("dlkit: --gradescope-results needs one submission, but " + path + " holds "
                        + submissions.size() + " (use --one if it is a single submission)");
                return Main.USAGE_ERROR;
            }
            outText.printf("Grading %d submission%s with seed %d (replay with --seed %d)%n",
                    submissions.size(), submissions.size() == 1 ? "" : "s", seed, seed);
            outText.flush();
            Map<String, String> teaches = new LinkedHashMap<>();
            kit.exercises().forEach(e -> teaches.put(e.file(), e.summary()));
            output = new ClassOutput(out, ReportFiles.folders(submissions.stream().map(Submission::name).toList()), teaches);

            List<String> prefix = launcher == null || launcher.isBlank() ? List.of() : List.of(launcher.strip().split("\\s+"));
            if (!prefix.isEmpty()) {
                kit.shareWithOtherUsers();
            }
            Sandbox sandbox = run.sandbox(prefix, spec.commandLine());
            outText.println(sandbox.describe());
            outText.flush();
            Grader grader = new Grader(kit, run.limits(), prefix, sandbox, false);
            if (!noClassSharing && submissions.size() >= SHARING_FROM) {
                long t = System.nanoTime();
                String problem = grader.shareClassData(seed, exercises);
                if (problem == null) {
                    outText.printf(Locale.ROOT, "Test JVMs share their classes' data (archive made in %.1f s)%n",
                            (System.nanoTime() - t) / 1e9);
                } else {
                    outText.println("Test JVMs start without class-data sharing: no archive: " + problem);
                }
                outText.flush();
            }
            List<GradeReport> reports = gradeAll(grader, submissions, seed, exercises);

            if (gradescopeResults != null) {
                GradescopeWriter.write(reports.get(0), gradescopeResults);
            }
            overrides.unmatched(reports).forEach(o -> err.println("dlkit: the override for " + ConsoleTable.printable(o.student())
                    + " matches no student graded in this run"));
            Map<String, GradeReport> wholeClass = output.classReports(reports);
            if (reports.size() == 1) {
                outText.print(ConsoleTable.summary(reports.get(0)));
                outText.printf("%nReports (report.json, results.json): %s%n",
                        output.folder(reports.get(0).student()).toAbsolutePath().normalize());
            }
            if (wholeClass.size() > 1) {
                writeClass(wholeClass, reports.size(), submissions.size() > 1 ? alike(submissions, kit) : null, outText);
            }
            outText.printf(Locale.ROOT, "Graded in %.1f s.%n", (System.nanoTime() - started) / 1e9);
            if (failures.get() > 0) {
                err.println("dlkit: internal error: the grader failed on " + failures.get()
                        + " submission(s), graded 0 with the error in their report");
                return Main.INTERNAL_ERROR;
            }
            return Main.OK;
        }
    }

    /**
     * The class's gradebook and index, of {@code wholeClass} (this run's students and those graded
     * before in the same {@code --out}), and what the console says of them.
     */
    private void writeClass(Map<String, GradeReport> wholeClass, int gradedNow, List<Similarity.Pair> alike, PrintWriter outText)
            throws IOException {
        output.writeClass(wholeClass, alike);
        Path index = out.resolve("index.html").toAbsolutePath().normalize();
        if (gradedNow == 1) {
            outText.printf("Class gradebook and overview updated, the other %d students' reports kept: %s%n",
                    wholeClass.size() - 1, index);
            return;
        }
        outText.print(ConsoleTable.classSummary(new ArrayList<>(wholeClass.values())));
        outText.printf("%nGradebook (a column per exercise): %s%n", out.resolve("gradebook.csv").toAbsolutePath().normalize());
        outText.printf("Reports, a folder per student (report.html to read, report.json with every test's feedback): %s%n",
                out.toAbsolutePath().normalize());
        outText.printf("Class overview: %s%n", index);
    }

    /** A folder, a zip or a {@code .java} file: what {@code grade} takes. */
    private static boolean gradable(Path path) {
        String file = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isDirectory(path) || file.endsWith(".zip") || file.endsWith(".java");
    }

    /** The pairs of this run's students that look alike ({@link Similarity}), from the files they handed in. */
    private static List<Similarity.Pair> alike(List<Submission> submissions, Kit kit) throws IOException {
        Map<String, Map<String, String>> files = new LinkedHashMap<>();
        for (Submission s : submissions) {
            Map<String, String> own = new LinkedHashMap<>();
            s.files().forEach((file, source) -> own.put(file, source.text()));
            files.put(s.name(), own);
        }
        return Similarity.flagged(files, kit.exercises(), kit.newWorkFolder("similarity-"));
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
                    System.err.println("dlkit: not every plot drawn for " + s.name() + ": " + e);
                }
                figures.put(s.name(), drawn);
            }
        };
    }

    /** Grades submissions {@code --jobs} at a time, with a progress bar on stderr for a class. */

    private List<GradeReport> gradeAll(Grader grader, List<Submission> submissions, long seed, List<Exercise> exercises)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(run.jobs(), submissions.size()));
        ProgressBar bar = submissions.size() < 2 ? null : new ProgressBarBuilder().setTaskName("Grading")
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
                        System.err.println("dlkit: internal error on " + ConsoleTable.printable(s.name()) + ": " + e);
                        r = grader.zero(s, seed, exercises, "the grader failed on this submission ("
                                + e.getClass().getSimpleName() + "); please tell your instructor");
                    }
                    r = overrides.apply(r);
                    try {
                        output.write(r, figures.getOrDefault(r.student(), Map.of()));
                    } catch (IOException e) {
                        // One student's reports that cannot be written cost that student's folder, not the class's.
                        failures.incrementAndGet();
                        System.err.println("dlkit: the reports of " + ConsoleTable.printable(r.student())
                                + " could not be written (the folder keeps its last complete reports): " + e);
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
