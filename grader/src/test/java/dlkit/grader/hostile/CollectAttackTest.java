package dlkit.grader.hostile;

import static dlkit.grader.Submissions.ADAM;
import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Submissions;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.JsonReportWriter;
import dlkit.grader.report.ReportFiles;
import dlkit.grader.kit.TestCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on collecting and compiling, each its own submission in one class graded once through
 * the command line beside a clean classmate (Adam's reference): links to a classmate's file, to a
 * file outside, to {@code /proc/self/mem}, in a zip; a fifo; many zips within the cap each; duplicate zip
 * entries; a zip in a zip; UTF-16; a package line in a comment; an expression too deep for the compiler; a given
 * class redefined; names that clash once made safe for a folder, names that are spreadsheet
 * formulas; a text file handed in. Escape sequences in an exception message are graded alone
 * ({@code grade --one}), as the console then shows every test's feedback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollectAttackTest {

    static final String MOMENTUM = "dlkit/optim/Momentum.java";
    /** Adam's and Momentum's points in the kit. */
    static final double ADAM_POINTS = Submissions.ADAM_POINTS;
    static final String SECRET = "CANARY_WORDS_7f3c";
    static final String NOT_FOLLOWED = " is a symbolic link, which the grader never follows; it was treated as not submitted";

    @TempDir
    static Path tmp;

    Attack attack;
    Attack.Run run;
    double momentumPoints;

    @BeforeAll
    void gradeTheClass() throws Exception {
        attack = new Attack(tmp);
        String adam = Submissions.solution(ADAM);
        String momentum = Submissions.solution(MOMENTUM);
        Path clean = attack.student("clean", "src/main/java/" + ADAM, adam);

        Files.createSymbolicLink(Files.createDirectories(attack.classFolder.resolve("link_classmate")).resolve("Adam.java"),
                clean.resolve("src/main/java/" + ADAM));
        Path secret = attack.secretOutside("Adam.java", "package dlkit.optim; class Adam { " + SECRET + " }");
        Files.createSymbolicLink(Files.createDirectories(attack.classFolder.resolve("link_outside")).resolve("Adam.java"), secret);
        Path mem = attack.student("link_mem", "Momentum.java", momentum);
        Files.createSymbolicLink(mem.resolve("Adam.java"), Path.of("/proc/self/mem"));
        Files.createSymbolicLink(mem.resolve("src"), Path.of("/proc/self"));

        Path fifo = attack.student("fifo", "Momentum.java", momentum);
        assertThat(new ProcessBuilder("mkfifo", fifo.resolve("Adam.java").toString()).start().waitFor()).isZero();

        // Twelve zips of 9 MB of zeros each (9 KB compressed), within the 100 MB cap of one zip.
        Path zips = attack.student("many_zips", "Adam.java", adam);
        byte[] megabyte = new byte[1 << 20];
        for (int i = 1; i <= 12; i++) {
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zips.resolve(String.format("part%02d.zip", i))))) {
                out.putNextEntry(new ZipEntry("zeros.bin"));
                for (int m = 0; m < 9; m++) {
                    out.write(megabyte);
                }
                out.closeEntry();
            }
        }

        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(attack.classFolder.resolve("duplicates.zip").toFile())) {
            for (String copy : List.of(Submissions.stub(ADAM), adam)) {
                out.putArchiveEntry(new ZipArchiveEntry("Adam.java"));
                out.write(copy.getBytes(StandardCharsets.UTF_8));
                out.closeArchiveEntry();
            }
        }

        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(attack.classFolder.resolve("zip_link.zip").toFile())) {
            ZipArchiveEntry link = new ZipArchiveEntry("Adam.java");
            link.setUnixMode(0120777);
            out.putArchiveEntry(link);
            out.write("/proc/self/mem".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
            out.putArchiveEntry(new ZipArchiveEntry("Momentum.java"));
            out.write(momentum.getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }

        Path inner = attack.zipStudent("inner", "hw/Adam.java", adam);
        Path nested = attack.classFolder.resolve("nested.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(nested))) {
            out.putNextEntry(new ZipEntry("submission/inner.zip"));
            out.write(Files.readAllBytes(inner));
            out.closeEntry();
        }
        Files.delete(inner);

        Path utf16 = Files.createDirectories(attack.classFolder.resolve("utf16"));
        Files.write(utf16.resolve("Adam.java"), ("\uFEFF" + adam).getBytes(StandardCharsets.UTF_16LE));

        attack.student("comment_package", "Adam.java", "/*\npackage dlkit.evil;\n*/\n" + adam);
        // 3,000 deep compiles on the compiler's own 2 MB stack (it is valid Java); 30,000 is past it.
        attack.student("deep", "Adam.java", Submissions.adamWithStepPrefix(
                "        int deep = " + Submissions.nested(30_000) + ";\n"), "Momentum.java", momentum);
        attack.student("deep3000", "Adam.java", Submissions.adamWithStepPrefix(
                "        int deep = " + Submissions.nested(3000) + ";\n"));
        attack.student("redefined", "Adam.java", adam + "\ninterface Optimizer {}\n", "Momentum.java", momentum);
        attack.student("66_report+collision", "Adam.java", adam);
        attack.student("66_report_collision", "Momentum.java", momentum);
        attack.student("=2+5", "Adam.java", adam);
        attack.student("@SUM(1+1)", "Adam.java", adam);
        attack.student("text_only", "Adam.txt", adam);
        Files.writeString(attack.classFolder.resolve("notes.txt"), "not a submission");

        run = attack.gradeClass();
        momentumPoints = run.exercise("clean", "Momentum").maxScore();
    }

    @Test
    void theClassRunCompletesAndTheGradebookHasEveryone() throws IOException {
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> gradebook = Files.readAllLines(run.reports().resolve("gradebook.csv"));
        assertThat(gradebook).hasSize(1 + 19);
        assertThat(run.err()).contains("dlkit: notes.txt is not a folder, a zip or a .java file; it was not graded");
        attack.assertCanaryUntouched();
        run.assertNotInReports(SECRET);
        run.assertNotInReports(tmp.toString());
        run.assertNotInReports(System.getProperty("java.io.tmpdir") + "/dlkit-grading-");
    }

    @Test
    void theCleanClassmateScoresFullMarksBesideTheAttackers() throws IOException {
        assertThat(run.score("clean")).isEqualTo(ADAM_POINTS);
        assertThat(run.exercise("clean", "Adam").maxScore()).isEqualTo(ADAM_POINTS);
    }

    @Test
    void aLinkToAClassmatesFileScoresNothing() throws IOException {
        assertThat(run.score("link_classmate")).isZero();
        assertThat(run.report("link_classmate").notes()).contains("Adam.java" + NOT_FOLLOWED);
    }

    @Test
    void aLinkToAFileOutsideIsNeitherCompiledNorShown() throws IOException {
        assertThat(run.score("link_outside")).isZero();
        assertThat(run.report("link_outside").notes()).contains("Adam.java" + NOT_FOLLOWED);
    }

    @Test
    void linksToProcSelfMemAndProcSelfCostOnlyWhatTheyStandFor() throws IOException {
        assertThat(run.score("link_mem")).isEqualTo(momentumPoints);
        assertThat(run.report("link_mem").notes()).contains("Adam.java" + NOT_FOLLOWED, "src" + NOT_FOLLOWED);
    }

    @Test
    void aSymbolicLinkInAZipIsLeftOut() throws IOException {
        assertThat(run.score("zip_link")).isEqualTo(momentumPoints);
        assertThat(run.report("zip_link").notes()).containsExactly("zip_link.zip: Adam.java is a symbolic link, which the grader "
                + "never follows; it was left out (treated as not submitted)");
    }

    @Test
    void aFifoIsLeftOut() throws IOException {
        assertThat(run.score("fifo")).isEqualTo(momentumPoints);
        assertThat(run.report("fifo").notes()).contains("Adam.java is not a regular file (a pipe, a device or a socket); it was left out");
    }

    @Test
    void manyZipsWithinTheCapEachAreRefusedOnceTheSubmissionsBudgetIsSpent() throws IOException {
        assertThat(run.score("many_zips")).isEqualTo(ADAM_POINTS);
        assertThat(run.report("many_zips").notes())
                .contains("part12.zip was refused: with it, this submission would hold more than 100 MB once uncompressed and read");
    }

    @Test
    void ofADuplicatedZipEntryTheLastCopyIsGradedAndNoted() throws IOException {
        assertThat(run.score("duplicates")).isEqualTo(ADAM_POINTS);
        assertThat(run.report("duplicates").notes()).contains(
                "duplicates.zip holds Adam.java 2 times; the last copy in the zip was kept (as unzip tools keep the copy written last)");
    }

    @Test
    void aZipInAZipIsGradedAndNamedAsTheStudentSeesIt() throws IOException {
        assertThat(run.score("nested")).isEqualTo(ADAM_POINTS);
        assertThat(run.report("nested").notes()).isEmpty();
    }

    @Test
    void aUtf16FileIsGradedWithAPlainWordOnItsEncoding() throws IOException {
        assertThat(run.score("utf16")).isEqualTo(ADAM_POINTS);
        assertThat(run.report("utf16").notes()).containsExactly(
                "Adam.java is saved as UTF-16; it was read as UTF-16, but save it as UTF-8 (the kit's build reads UTF-8 only)");
    }

    @Test
    void aPackageLineInACommentIsNotTakenForThePackage() throws IOException {
        assertThat(run.score("comment_package")).isEqualTo(ADAM_POINTS);
        assertThat(run.report("comment_package").notes()).isEmpty();
    }

    @Test
    void anExpressionTooDeepForTheCompilerCostsItsFileOnlyWithAShortReason() throws IOException {
        assertThat(run.score("deep3000")).as("an expression 3,000 deep is valid Java, compiled as any other").isEqualTo(ADAM_POINTS);
        GradeReport deep = run.report("deep");
        assertThat(deep.score()).isEqualTo(momentumPoints);
        List<String> notes = run.exercise("deep", "Adam").notes();
        assertThat(notes.get(0)).startsWith("did not compile");
        assertThat(String.join("\n", notes)).contains("StackOverflowError").hasSizeLessThan(400);
    }

    @Test
    void aRedefinedGivenClassCostsTheFileThatRedefinesItOnly() throws IOException {
        assertThat(run.score("redefined")).isEqualTo(momentumPoints);
        assertThat(run.exercise("redefined", "Adam").notes()).contains("  Adam.java: declares dlkit.optim.Optimizer, which is a "
                + "class of the kit (given code); a file may declare only its own classes");
    }

    @Test
    void namesThatClashOnceMadeSafeGetAReportFolderEach() throws IOException {
        GradeReport plain = JsonReportWriter.read(run.reports().resolve("66_report_collision/report.json"));
        GradeReport plus = JsonReportWriter.read(run.reports().resolve("66_report_collision (2)/report.json"));
        assertThat(plain.student()).isEqualTo("66_report_collision");
        assertThat(plain.score()).isEqualTo(momentumPoints);
        assertThat(plus.student()).isEqualTo("66_report+collision");
        assertThat(plus.score()).isEqualTo(ADAM_POINTS);
        assertThat(Files.readString(run.reports().resolve("index.html")))
                .contains("href=\"66_report_collision/report.html\"", "href=\"66_report_collision%20%282%29/report.html\"");
    }

    @Test
    void aNameThatIsAFormulaIsTextInTheGradebook() throws IOException {
        List<String> gradebook = Files.readAllLines(run.reports().resolve("gradebook.csv"));
        assertThat(gradebook).anySatisfy(l -> assertThat(l).startsWith("'=2+5," ).endsWith("," + ReportFiles.points(ADAM_POINTS) + ","
                + ReportFiles.points(TestCatalog.ofGrader().pointsByExercise().values().stream().mapToDouble(Double::doubleValue).sum())));
        assertThat(gradebook).anySatisfy(l -> assertThat(l).startsWith("'@SUM(1+1),"));
        assertThat(gradebook).noneSatisfy(l -> assertThat(l).startsWith("="));
        assertThat(JsonReportWriter.read(run.reports().resolve("_2_5/report.json")).student()).isEqualTo("=2+5");
    }

    @Test
    void aTextFileHandedInGetsAClearNote() throws IOException {
        assertThat(run.score("text_only")).isZero();
        assertThat(run.report("text_only").notes()).containsExactly("no .java file of the kit's exercises was found; the submission "
                + "holds Adam.txt, but only .java files, or zips of them, are graded");
    }

    @Test
    void escapeSequencesInAnExceptionMessageNeverReachTheConsole(@TempDir Path alone) throws IOException {
        Attack one = new Attack(alone);
        Path eve = one.student("eve", "Adam.java", Submissions.adamWithStepPrefix(
                "        if (learningRate() >= 0) throw new IllegalStateException(\"\\033[2J\\033[H\\r\\033[32mevery test passed: 360 / 360\\033[0m\\b\\b\");\n"));

        Attack.Run r = one.gradeOne(eve);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.score("eve")).isZero();
        assertThat(r.out()).as("the message reached the console, made harmless").contains("every test passed: 360 / 360");
        assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\b");
        assertThat(Files.readString(r.reports().resolve("eve/report.html"))).doesNotContain("\u001b").doesNotContain("\r");
        one.assertCanaryUntouched();
    }

    @Test
    void anAssertionOfTheStudentsOwnCannotDrawLinesThatLookLikeTheGradersAnywhere(@TempDir Path alone) throws IOException {
        Attack one = new Attack(alone);
        String fake = "  - firstStepMatchesReference (2/2): passed";
        Path eve = one.student("eve", "Adam.java", Submissions.adamWithStepPrefix(
                "        if (learningRate() >= 0) throw new AssertionError(\"\\033[31m\\r\\n" + fake + "\\n" + fake + "\");\n"));

        Attack.Run r = one.gradeOne(eve);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.score("eve")).isZero();
        assertThat(r.out().lines()).as("the student's message is on the line of its test, not on lines of its own")
                .noneMatch(line -> line.strip().startsWith("- firstStepMatchesReference (2/2)"));
        assertThat(r.out()).contains("java.lang.AssertionError: ");
        String results = Files.readString(r.reports().resolve("eve/results.json"));
        assertThat(results).doesNotContain("\\u001B").doesNotContain("\\u001b").doesNotContain("\\n" + fake);
    }
}
