package dlkit.grader.validate;

import dlkit.grader.collect.SourceFile;
import dlkit.grader.collect.Submission;
import dlkit.grader.compile.SubmissionCompiler;
import dlkit.grader.grade.Grader;
import dlkit.grader.grade.RunOptions;
import dlkit.grader.run.Sandbox;
import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.kit.TestCatalog;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import dlkit.grader.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code validate}: proves the kit grades as it should. The reference solutions must earn full
 * marks, the untouched stubs nothing, and every known-wrong variant must lose points in the
 * exercise it patches. Each is graded exactly as a student's submission would be. A variant is
 * named when a failed check carries its own mistake's id (its {@code mistake:} line); validate
 * lists the variants named as another mistake or none, and fails if a variant names a mistake
 * no hidden test defines.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Grades the reference solutions (full marks expected), the stubs (0 expected) and every "
                + "known-wrong variant (a loss of points expected in its exercise).",
                "With --exercise, only the exercises named (their reference, stub, variants and battery; the other files the reference).",
                "Exit code 0 if all checks pass, " + ValidateCommand.CHECK_FAILED + " if one fails, 2 for a usage error, 1 for an internal error."})
public final class ValidateCommand implements Callable<Integer> {

    /** Exit code when the kit failed one of its checks. */
    public static final int CHECK_FAILED = 3;

    @Option(names = "--solutions", paramLabel = "DIR",
            description = "the solutions module or its src/main/java (default: solutions/ or ../solutions/, whichever exists)")
    Path solutions;

    @Mixin
    RunOptions run = new RunOptions();

    @Spec
    CommandSpec spec;

    /** One submission to grade and what it must score. */
    private record Job(String label, Submission submission, List<Exercise> exercises) {}

    /**
     * What validate grades: the reference, the stubs, each exercise as its stub, the variants and
     * the battery, as submissions (jobs); where each group of them starts, and each variant's job.
     */
    private record Plan(List<Job> jobs, int firstStubJob, int stubJobs, List<Variant> variants, int variantGroups,
                        Map<Variant, Integer> jobOf, Battery battery, int batteryGroups) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path sources = sourceFolder();
        if (sources == null) {
            throw new ParameterException(spec.commandLine(), "no solutions found (looked for solutions/src/main/java and ../solutions/src/main/java); pass --solutions DIR");
        }
        run.check(spec.commandLine());
        long started = System.nanoTime();
        long seed = run.seed();
        List<String> failures = new ArrayList<>();
        try (Kit kit = Kit.open()) {
            run.keepWork(kit, out);
            List<Exercise> chosen = run.exercises(kit, spec.commandLine());
            Map<String, SourceFile> reference = readSolutions(kit, sources, chosen, failures);
            Plan plan = plan(kit, chosen, reference, failures);
            out.printf("Validating the kit with seed %d: %d exercises, %d hidden tests, %d variants in %d submissions, "
                            + "a battery of %d degenerate solutions in %d%n", seed, chosen.size(), kit.catalog().tests().size(),
                    plan.variants().size(), plan.variantGroups(), plan.battery().cases().size(), plan.batteryGroups());
            out.flush();

            Sandbox sandbox = run.sandbox(List.of(), spec.commandLine());
            out.println(sandbox.describe());
            Grader grader = new Grader(kit, run.limits(), List.of(), sandbox, true);
            List<GradeReport> reports = gradeAll(grader, plan.jobs(), seed);

            out.println();
            checkReferenceAndStubs(plan, reports, out, failures);
            checkVariants(kit, plan, reports, out, failures);
            plan.battery().check(c -> reports.get(plan.jobOf().get(c.variant())), out, failures, !run.exercisesChosen());
            chosen.forEach(e -> {
                long count = plan.variants().stream().filter(v -> v.file().equals(e.file())).count();
                if (count < 2) {
                    out.printf("note: %s has %d variant%s; two or more are expected%n", e.file(), count, count == 1 ? "" : "s");
                }
            });
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failures.isEmpty()) {
            out.printf(Locale.ROOT, "%nvalidate: all checks passed in %.1f s%n", seconds);
            return ExitCode.OK;
        }
        out.printf(Locale.ROOT, "%nvalidate: %d problem%s (%.1f s):%n", failures.size(), failures.size() == 1 ? "" : "s", seconds);
        failures.forEach(f -> out.println("  - " + f));
        return CHECK_FAILED;
    }

    /** The reference solution of every exercise, by file; an exercise chosen without a hidden test is a failure. */
    private Map<String, SourceFile> readSolutions(Kit kit, Path sources, List<Exercise> chosen, List<String> failures)
            throws IOException {
        Map<String, SourceFile> reference = new LinkedHashMap<>();
        for (Exercise e : kit.exercises()) {
            Path file = sources.resolve(e.file());
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), "the solution " + file + " is missing, but the grader has a stub for it (rebuild the grader)");
            }
            reference.put(e.file(), new SourceFile(e.file(), Files.readString(file), e.file()));
            if (chosen.contains(e) && kit.catalog().testsOf(List.of(e.file())).isEmpty()) {
                failures.add(e.file() + " has no hidden test: add one in dlkit.hidden with @Grades(" + e.simpleName() + ".class)");
            }
        }
        return reference;
    }

    /** The jobs to grade; variants (and stubs) whose exercises cannot reach each other's code share a job. */
    private static Plan plan(Kit kit, List<Exercise> chosen, Map<String, SourceFile> reference, List<String> failures)
            throws IOException {
        Map<String, SourceFile> stubs = new LinkedHashMap<>();
        kit.exercises().forEach(e -> stubs.put(e.file(), new SourceFile(e.file(), e.stub(), e.file())));
        List<Job> jobs = new ArrayList<>();
        jobs.add(new Job("reference solutions", new Submission("reference", reference, List.of(), null), chosen));
        jobs.add(new Job("untouched stubs", new Submission("stubs", stubs, List.of(), null), chosen));
        List<Variant> variants = new ArrayList<>();
        Map<Variant, String> patchedSources = new LinkedHashMap<>();
        for (Variant v : Variant.packaged()) {
            if (kit.exercise(v.file()).isEmpty()) {
                failures.add("variant " + v.name() + " patches " + v.file() + ", which is not an exercise file");
                continue;
            }
            if (chosen.stream().noneMatch(e -> e.file().equals(v.file()))) {
                continue;
            }
            try {
                patchedSources.put(v, v.apply(reference.get(v.file()).text()));
                variants.add(v);
            } catch (IllegalArgumentException e) {
                failures.add(e.getMessage());
            }
        }
        // Variants that cannot influence each other's scores share a submission and a test JVM.
        Path referenceClasses = kit.newWorkFolder("reference-");
        Map<String, String> referenceSources = new LinkedHashMap<>();
        reference.forEach((file, source) -> referenceSources.put(file, source.text()));
        new SubmissionCompiler(kit).compile(referenceSources, referenceClasses);
        Map<String, Set<String>> reach = VariantBatches.reach(kit, referenceClasses);
        // Each exercise as its stub, the others the reference: it must score 0, which is what
        // grading gives an exercise graded as its stub without running its tests.
        Map<Variant, String> asStubs = new LinkedHashMap<>();
        chosen.forEach(e -> asStubs.put(
                new Variant(e.simpleName() + " as its stub", "handed in as the stub", e.file(), List.of()), e.stub()));
        int firstStubJob = jobs.size();
        addJobs("stubs", VariantBatches.group(List.copyOf(asStubs.keySet()), reach), asStubs, reference, kit, jobs, new HashMap<>());
        int stubJobs = jobs.size() - firstStubJob;
        List<List<Variant>> groups = VariantBatches.group(variants, reach);
        Map<Variant, Integer> jobOf = new LinkedHashMap<>();
        addJobs("variants", groups, patchedSources, reference, kit, jobs, jobOf);
        Battery battery = Battery.of(chosen, referenceSources);
        Map<Variant, String> batterySources = new LinkedHashMap<>();
        battery.cases().forEach(c -> batterySources.put(c.variant(), c.source()));
        List<List<Variant>> batteryGroups = VariantBatches.group(List.copyOf(batterySources.keySet()), reach);
        addJobs("battery", batteryGroups, batterySources, reference, kit, jobs, jobOf);
        return new Plan(jobs, firstStubJob, stubJobs, variants, groups.size(), jobOf, battery, batteryGroups.size());
    }

    /** The reference must score full marks, the stubs 0, and each exercise as its stub (the rest the reference) 0. */
    private static void checkReferenceAndStubs(Plan plan, List<GradeReport> reports, PrintWriter out, List<String> failures) {
        for (int i = 0; i < 2; i++) {
            GradeReport r = reports.get(i);
            boolean ok = i == 0 ? r.score() == r.maxScore() : r.score() == 0;
            out.printf("%-24s %9s  %s%n", plan.jobs().get(i).label(),
                    ReportFiles.points(r.score()) + "/" + ReportFiles.points(r.maxScore()), ok ? "ok" : "FAILED");
            if (!ok) {
                failures.add(plan.jobs().get(i).label() + " scored " + ReportFiles.points(r.score()) + "/"
                        + ReportFiles.points(r.maxScore()) + ", expected " + (i == 0 ? "full marks" : "0") + ":\n"
                        + problems(r, i == 0));
            }
        }
        List<String> scoredOnStub = new ArrayList<>();
        for (GradeReport r : reports.subList(plan.firstStubJob(), plan.firstStubJob() + plan.stubJobs())) {
            r.exercises().stream().filter(e -> e.score() > 0)
                    .forEach(e -> scoredOnStub.add(e.name() + " " + ReportFiles.points(e.score()) + ":\n" + problems(r, false)));
        }
        out.printf("%-24s %9s  %s%n", "each exercise as stub", plan.stubJobs() + " runs", scoredOnStub.isEmpty() ? "ok" : "FAILED");
        scoredOnStub.forEach(p -> failures.add("as its stub, the rest the reference, an exercise scored points: " + p));
    }

    /** Every variant must lose points in its exercise; the table says which mistake the failed checks named. */
    private static void checkVariants(Kit kit, Plan plan, List<GradeReport> reports, PrintWriter out, List<String> failures)
            throws IOException {
        int width = Math.max(8, plan.variants().stream().mapToInt(v -> v.name().length()).max().orElse(0));
        int exerciseWidth = Math.max(8, plan.jobs().get(0).exercises().stream().mapToInt(e -> e.simpleName().length()).max().orElse(0));
        String row = "%-" + width + "s  %-" + exerciseWidth + "s  %7s  %-6s  %s%s%n";
        out.printf("%n" + row, "variant", "exercise", "points", "named", "mistake", "");
        Map<Variant, ExerciseReport> exerciseOf = new LinkedHashMap<>();
        for (Variant v : plan.variants()) {
            ExerciseReport e = reports.get(plan.jobOf().get(v)).exercises().stream()
                    .filter(x -> x.file().equals(v.file())).findFirst().orElseThrow();
            exerciseOf.put(v, e);
            boolean lost = e.score() < e.maxScore();
            out.printf(row, v.name(), e.name(), ReportFiles.points(e.score()) + "/" + ReportFiles.points(e.maxScore()),
                    MistakeNaming.column(v, e), v.mistake(), lost ? "" : "   <- FAILED: no points lost");
            if (!lost) {
                failures.add("variant " + v.name() + " (" + v.mistake() + ") kept full marks: no hidden test catches it");
            }
        }
        MistakeNaming naming = MistakeNaming.of(plan.variants(), exerciseOf,
                MistakeNaming.knownIn(kit.graderClasses(), TestCatalog.HIDDEN_PACKAGE));
        out.printf("%n%d of %d variants named as their own mistake%s%n", naming.own().size(), plan.variants().size(),
                naming.own().isEmpty() ? "" : ": " + String.join(", ", naming.own()));
        if (!naming.notTold().isEmpty()) {
            out.printf("%d variants lose points but are named as another mistake or none: the checks cannot yet"
                    + " tell them apart%n", naming.notTold().size());
            naming.notTold().forEach((name, named) -> out.printf("  %-" + width + "s  %s%n", name,
                    named.isEmpty() ? "named as none" : "named as " + String.join(", ", named)));
        }
        failures.addAll(naming.undefined());
    }

    /**
     * One job per group: the reference with each variant's file replaced by its text in
     * {@code texts}, grading the variants' exercises; {@code jobOf} gets each variant's job index.
     */
    private static void addJobs(String name, List<List<Variant>> groups, Map<Variant, String> texts,
                                Map<String, SourceFile> reference, Kit kit, List<Job> jobs, Map<Variant, Integer> jobOf) {
        for (int g = 0; g < groups.size(); g++) {
            Map<String, SourceFile> patched = new LinkedHashMap<>(reference);
            List<Exercise> exercises = new ArrayList<>();
            for (Variant v : groups.get(g)) {
                patched.put(v.file(), new SourceFile(v.file(), texts.get(v), v.file()));
                exercises.add(kit.exercise(v.file()).orElseThrow());
                jobOf.put(v, jobs.size());
            }
            String label = name + " " + (g + 1);
            jobs.add(new Job(label, new Submission(label, patched, List.of(), null), exercises));
        }
    }

    private static String problems(GradeReport r, boolean failuresWanted) {
        StringBuilder s = new StringBuilder();
        for (ExerciseReport e : r.exercises()) {
            e.notes().forEach(n -> s.append("      ").append(e.name()).append(": ").append(n).append('\n'));
            for (TestReport t : e.tests()) {
                if (failuresWanted != t.passed()) {
                    String why = t.passed() ? "passed on the stub" : t.feedback().lines().findFirst().orElse("");
                    s.append("      ").append(t.name()).append(": ").append(why).append('\n');
                }
            }
        }
        return s.toString().stripTrailing();
    }

    private List<GradeReport> gradeAll(Grader grader, List<Job> jobs, long seed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(run.jobs());
        try {
            List<Future<GradeReport>> futures = new ArrayList<>();
            for (Job j : jobs) {
                futures.add(pool.submit(() -> grader.grade(j.submission(), seed, j.exercises())));
            }
            List<GradeReport> reports = new ArrayList<>();
            for (Future<GradeReport> f : futures) {
                reports.add(f.get());
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    private Path sourceFolder() {
        List<Path> candidates = solutions != null ? List.of(solutions) : List.of(Path.of("solutions"), Path.of("../solutions"));
        for (Path c : candidates) {
            if (Files.isDirectory(c.resolve("src/main/java"))) {
                return c.resolve("src/main/java");
            }
            if (solutions != null && Files.isDirectory(c.resolve("dlkit"))) {
                return c;
            }
        }
        return null;
    }
}
