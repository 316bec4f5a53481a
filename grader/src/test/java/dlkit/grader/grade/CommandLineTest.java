package dlkit.grader.grade;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Main;
import dlkit.grader.Submissions;
import dlkit.grader.kit.InternalErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's own behaviour: usage errors, {@code --debug} and the log, {@code --keep-work}. */
class CommandLineTest {

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {}

    static Run dlkit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** One student's folder holding the reference Adam, under a name no other run on this machine has. */
    private Path adamStudent() throws IOException {
        Path dir = tmp.resolve("keep-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("Adam.java"), Submissions.solution(Submissions.ADAM));
        return dir;
    }

    private Run grade(Path submission, String... options) {
        List<String> args = new ArrayList<>(List.of("grade", submission.toString(), "--one", "--seed", "7", "--no-plots",
                "--exercise", "Adam", "--timeout-per-test=30", "--out", tmp.resolve("reports").toString()));
        args.addAll(List.of(options));
        return dlkit(args.toArray(String[]::new));
    }

    @Test
    void dlkitHelpListsEachCommandWithAWholeSentence() {
        // dlkit --help shows only the first line of each command's description: it must not stop mid-sentence.
        Main.commandLine().getSubcommands().forEach((name, sub) -> {
            String[] description = sub.getCommandSpec().usageMessage().description();
            if (description.length > 0) {
                assertThat(description[0].strip()).as(name + "'s first line in dlkit --help").endsWith(".");
            }
        });
    }

    @Test
    void usageErrorsExitWith2AndSayWhatIsWrong() throws IOException {
        Path student = adamStudent();
        Run unknownExercise = dlkit("grade", student.toString(), "--exercise", "NoSuchThing", "--out", tmp.resolve("r").toString());
        assertThat(unknownExercise.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE).isEqualTo(2);
        assertThat(unknownExercise.err()).contains("dlkit: no exercise named NoSuchThing (there are: ", "Adam", "(see --help)");

        Run typo = dlkit("grade", student.toString(), "--exercise", "Adamm", "--out", tmp.resolve("r").toString());
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("dlkit: no exercise named Adamm (did you mean Adam or AdamW?) (see --help)");

        Run noJobs = dlkit("grade", student.toString(), "--jobs", "0", "--out", tmp.resolve("r").toString());
        assertThat(noJobs.exitCode()).isEqualTo(2);
        assertThat(noJobs.err()).contains("dlkit: --jobs must be at least 1");

        Run validateUnknown = dlkit("validate", "--exercise", "NoSuchThing", "--solutions", Submissions.ROOT.resolve("solutions").toString());
        assertThat(validateUnknown.exitCode()).isEqualTo(2);
        assertThat(validateUnknown.err()).contains("dlkit: no exercise named NoSuchThing");

        Run badOption = dlkit("grade", student.toString(), "--no-such-option");
        assertThat(badOption.exitCode()).isEqualTo(2);
        assertThat(badOption.err()).contains("Unknown option: '--no-such-option'");

        Run missing = dlkit("explore", tmp.resolve("nowhere").toString(), "--out", tmp.resolve("e").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("dlkit: no such file or folder: ");
    }

    @Test
    void anInternalErrorIsOneLineThatSaysHowToSeeMoreAndItsStackTraceIsInTheLog() throws IOException {
        Run run = grade(adamStudent(), "--launcher", "/nonexistent/launcher");

        assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        Path log = tmp.resolve("reports").resolve(InternalErrors.LOG).toAbsolutePath().normalize();
        assertThat(run.err()).contains("dlkit: internal error on keep-", "run again with --debug for the details",
                "the stack trace is in " + log).doesNotContain("\tat ");
        assertThat(Files.readString(log)).contains("internal error on keep-", "\tat dlkit.grader.");
    }

    @Test
    void withDebugTheStackTraceIsPrintedToo() throws IOException {
        Run before = dlkit(Stream.concat(Stream.of("--debug"), Stream.of("grade", adamStudent().toString(), "--one", "--no-plots",
                "--exercise", "Adam", "--launcher", "/nonexistent/launcher", "--out", tmp.resolve("a").toString())).toArray(String[]::new));
        // Inherited: after the subcommand's name as well.
        Run after = grade(adamStudent(), "--launcher", "/nonexistent/launcher", "--debug");

        for (Run run : List.of(before, after)) {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("dlkit: internal error on keep-", "\tat dlkit.grader.").doesNotContain("run again with --debug");
        }
        // A fresh command line is plain again.
        assertThat(grade(adamStudent(), "--launcher", "/nonexistent/launcher").err()).contains("run again with --debug")
                .doesNotContain("\tat ");
    }

    @Test
    void aClassZipThatCannotBeExtractedIsRefusedAsAClassNotGradedAsAStudent() throws IOException {
        Path zip = Files.writeString(tmp.resolve("submissions.zip"), "not a zip at all");
        Path reports = tmp.resolve("reports");

        Run run = dlkit("grade", zip.toString(), "--class", "--seed", "7", "--no-plots", "--exercise", "Adam",
                "--out", reports.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("dlkit: the class's zip " + zip + " was not graded: submissions.zip could not be read as a zip file",
                "nothing was graded (unzip it and grade the folder with --class)");
        assertThat(reports.resolve("submissions")).as("no student made up of the zip's name").doesNotExist();
    }

    @Test
    void aSubmissionsWorkFolderIsNamedInAsciiOnlyAfterTheStudent() {
        assertThat(Grader.asciiName("keep-1a2b_c.d")).isEqualTo("keep-1a2b_c.d");
        assertThat(Grader.asciiName("müllerjürgen")).matches("mullerjurgen-[0-9a-f]{8}");
        assertThat(Grader.asciiName("王小明")).matches("_-[0-9a-f]{8}");
        assertThat(Grader.asciiName("Jo Smith (101)")).matches("Jo_Smith_101_-[0-9a-f]{8}");
        assertThat(Grader.asciiName("王小明")).isNotEqualTo(Grader.asciiName("李小龙"));
    }

    @Test
    void keepWorkKeepsTheCompiledClassesAndSaysWhere() throws IOException {
        Path student = adamStudent();
        Run run = grade(student, "--keep-work");

        assertThat(run.exitCode()).isEqualTo(0);
        Matcher kept = Pattern.compile("Work folder kept \\(--keep-work\\): (.+)").matcher(run.out());
        assertThat(kept.find()).as(run.out()).isTrue();
        Path work = Path.of(kept.group(1).strip());
        try {
            List<Path> folders = submissionFolders(work, student);
            assertThat(folders).singleElement();
            assertThat(folders.get(0).resolve("classes/dlkit/optim/Adam.class")).isNotEmptyFile();
            if (folders.get(0).getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // Finished: the grader's user's alone, so a later test JVM run as another user cannot read it.
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folders.get(0)))).isEqualTo("rwx------");
            }
        } finally {
            dlkit.grader.kit.Kit.deleteRecursively(work);
        }
    }

    @Test
    void withoutKeepWorkNothingStays() throws IOException {
        Path student = adamStudent();
        Run run = grade(student);

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).doesNotContain("Work folder kept");
        // The submission's folder is named after the student: none is left in any run's folder.
        try (Stream<Path> runs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path r : runs.filter(p -> p.getFileName().toString().startsWith("dlkit-grading-")).toList()) {
                assertThat(submissionFolders(r, student)).isEmpty();
            }
        }
    }

    private static List<Path> submissionFolders(Path work, Path student) throws IOException {
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(work)) {
            return s.filter(p -> p.getFileName().toString().startsWith("submission-" + student.getFileName() + "-")).toList();
        } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException e) {
            return List.of(); // another run's folder, gone or not ours
        }
    }
}
