package dlkit.grader.grade;

import dlkit.grader.collect.Collector;
import dlkit.grader.collect.Submission;
import dlkit.grader.explore.OptimizerFigures;
import dlkit.grader.explore.OptimizerKind;
import dlkit.grader.explore.StudentCurves;
import dlkit.grader.explore.StudentPaths;
import dlkit.grader.kit.InternalErrors;
import dlkit.grader.kit.Kit;
import dlkit.grader.report.HtmlReport;
import dlkit.grader.report.HtmlReport.Figure;
import dlkit.grader.report.ReportFiles;
import dlkit.grader.run.Sandbox;
import dlkit.grader.run.TestRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code explore SUBMISSION}: draws a submission's plots without grading it: the paths of its
 * optimisers (gradient descent, momentum, RMSprop, Adam) beside the reference's, on an
 * ill-conditioned quadratic and on Rosenbrock's function, and its digit classifier's training
 * curves, with a small HTML page showing them.
 * The student's code runs only in a sandboxed JVM, compiled and checked as for grading.
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Draws a submission's plots (optimiser paths and training curves against the reference's) without grading it.",
                "The plots are PNG files with an explore.html page. Exit code 0 when the plots were drawn, 2 for a usage error."})
public final class ExploreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SUBMISSION", description = "a student's folder or zip")
    Path path;

    @Option(names = "--out", paramLabel = "DIR", description = "where the page and the PNGs go (default: ${DEFAULT-VALUE})")
    Path out = Path.of("dlkit-explore");

    @Option(names = "--launcher", paramLabel = "PREFIX",
            description = "start the JVM that runs student code through this command prefix, as for grade")
    String launcher;

    @Mixin
    SandboxOption sandboxOption = new SandboxOption();

    @Mixin
    KeepWorkOption keepWork = new KeepWorkOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter outText = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(path)) {
            throw new ParameterException(spec.commandLine(), "no such file or folder: " + path);
        }
        InternalErrors.logIn(out);
        try (Kit kit = Kit.open()) {
            keepWork.apply(kit, outText);
            List<Submission> found = new Collector(kit.exercises(), kit.newWorkFolder("collect-")).collect(path, Collector.Mode.ONE);
            if (found.isEmpty() || found.get(0).refusal() != null) {
                throw new ParameterException(spec.commandLine(), "could not read " + path + (found.isEmpty() ? "" : ": " + found.get(0).refusal()));
            }
            Submission submission = found.get(0);
            List<String> prefix = launcher == null || launcher.isBlank() ? List.of() : List.of(launcher.strip().split("\\s+"));
            if (!prefix.isEmpty()) {
                kit.shareWithOtherUsers();
            }
            Sandbox sandbox = sandboxOption.sandbox(prefix, spec.commandLine());
            Grader grader = new Grader(kit, new TestRunner.Limits(Duration.ofSeconds(10), Duration.ofMinutes(2)), prefix, sandbox, false);
            List<StudentPaths.Pair> pairs = new ArrayList<>();
            List<StudentCurves.Result> curves = new ArrayList<>();
            Map<String, List<String>> fileNotes = grader.withClasses(submission, (classes, work, runner) -> {
                pairs.addAll(StudentPaths.trace(runner, classes, work));
                curves.add(StudentCurves.trace(runner, classes, work, StudentCurves.EXPLORE_SEED, StudentCurves.TIME_LIMIT));
            });

            List<String> optimizerFiles = List.of(OptimizerKind.values()).stream().map(OptimizerKind::file).toList();
            Map<String, List<Figure>> byFile = OptimizerFigures.write(pairs, optimizerFiles, out);
            Map<String, List<Figure>> sections = new LinkedHashMap<>();
            for (OptimizerKind kind : OptimizerKind.values()) {
                String heading = kind.simpleName() + (submission.files().containsKey(kind.file()) ? "" : " (not in this submission: the stub)");
                sections.put(heading, byFile.getOrDefault(kind.file(), List.of()));
            }
            byFile.put(StudentCurves.FILE, StudentCurves.write(curves.get(0), StudentCurves.reference(StudentCurves.EXPLORE_SEED),
                    StudentCurves.EXPLORE_SEED, out));
            sections.put("DigitClassifier" + (submission.files().containsKey(StudentCurves.FILE) ? ""
                    : " (not in this submission: the stub)"), byFile.get(StudentCurves.FILE));
            List<String> notes = new ArrayList<>(submission.notes());
            fileNotes.forEach((file, lines) -> {
                if (optimizerFiles.contains(file) || file.equals(StudentCurves.FILE)) {
                    notes.add(file + ":");
                    notes.addAll(lines);
                }
            });
            Path page = out.resolve("explore.html");
            ReportFiles.writeAtomically(page, HtmlReport.figuresPage("dlkit explore: " + submission.name(),
                    "Your optimisers (orange, dashed) and the reference's (blue, solid), from the same start with the "
                            + "same settings: where the lines part, your update differs. Then your digit classifier's "
                            + "training curves, with the reference's validation curve in grey. Nothing here is graded.",
                    notes, sections));
            outText.printf("Drew %d plots for %s: %s%n", byFile.values().stream().mapToInt(List::size).sum(),
                    submission.name(), page);
            return ExitCode.OK;
        }
    }
}
