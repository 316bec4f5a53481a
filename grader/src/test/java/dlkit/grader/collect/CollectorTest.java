package dlkit.grader.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.kit.Exercise;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorTest {

    static final Exercise ADAM = new Exercise("dlkit/optim/Adam.java", "");
    static final Exercise DENSE = new Exercise("dlkit/layers/Dense.java", "");
    static final String ADAM_SOURCE = "package dlkit.optim;\nclass Adam {}\n";

    @TempDir
    Path tmp;

    Collector collector() throws IOException {
        return new Collector(List.of(ADAM, DENSE), Files.createDirectories(tmp.resolve("work")));
    }

    Path write(String relative, String text) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    static void zip(Path zip, String... namesAndTexts) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < namesAndTexts.length; i += 2) {
                out.putNextEntry(new ZipEntry(namesAndTexts[i]));
                out.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    @Test
    void aSubmissionsFilesAreInTheOrderOfTheirPathsWhateverOrderTheyCameIn() {
        java.util.Map<String, SourceFile> given = new java.util.LinkedHashMap<>();
        List<String> paths = dlkit.grader.kit.Kit.packagedExercises().stream().map(Exercise::file).toList();
        List<String> backwards = new java.util.ArrayList<>(paths);
        java.util.Collections.reverse(backwards);
        for (String path : backwards) {
            given.put(path, new SourceFile(path, "// " + path, path));
        }
        Submission s = new Submission("ann", given, List.of(), null);
        // Reports and the similar pairs list files in this order: it must not change from run to run.
        assertThat(s.files().keySet()).containsExactlyElementsOf(paths.stream().sorted().toList());
    }

    @Test
    void aFolderWithSourcesIsOneSubmissionFoundInNestedFolders() throws IOException {
        write("jo/project/src/main/java/dlkit/optim/Adam.java", ADAM_SOURCE);
        write("jo/project/src/main/java/dlkit/layers/Dense.java", "package dlkit.layers;\nclass Dense {}\n");
        write("jo/project/src/main/java/dlkit/core/Matrices.java", "package dlkit.core;\nclass Matrices {}\n");

        List<Submission> found = collector().collect(tmp.resolve("jo"), Collector.Mode.AUTO);

        assertThat(found).hasSize(1);
        assertThat(found.get(0).name()).isEqualTo("jo");
        assertThat(found.get(0).files()).containsOnlyKeys(ADAM.file(), DENSE.file());
        // Matrices.java is the kit's own given code, handed in with the kit: ignored without a note.
        assertThat(found.get(0).notes()).isEmpty();
    }

    @Test
    void onlyFilesThatAreNotTheKitsOwnGetTheIgnoredNote() throws IOException {
        write("jo/exercises/src/main/java/dlkit/optim/Adam.java", ADAM_SOURCE);
        write("jo/exercises/src/main/java/dlkit/core/Parameter.java", "package dlkit.core;\nclass Parameter {}\n");
        write("jo/exercises/src/test/java/dlkit/optim/AdamTest.java", "package dlkit.optim;\nclass AdamTest {}\n");
        write("jo/exercises/src/main/java/dlkit/optim/MyHelper.java", "package dlkit.optim;\nclass MyHelper {}\n");

        assertThat(collector().readOne(tmp.resolve("jo")).notes()).containsExactly(
                "ignored exercises/src/main/java/dlkit/optim/MyHelper.java, which is not among the files students complete");
    }

    @Test
    void manyIgnoredFilesMakeOneNote() throws IOException {
        write("jo/Adam.java", ADAM_SOURCE);
        for (int i = 1; i <= 7; i++) {
            write("jo/test/T" + i + "Test.java", "class T" + i + "Test {}");
        }
        assertThat(collector().readOne(tmp.resolve("jo")).notes()).containsExactly("ignored 7 files that are not among the "
                + "files students complete: test/T1Test.java, test/T2Test.java, test/T3Test.java, test/T4Test.java, "
                + "test/T5Test.java and 2 more");
    }

    @Test
    void aClassFolderHoldsStudentFoldersAndZipsWithLmsNames() throws IOException {
        write("class/Jo Smith_123_assignsubmission_file_/Adam.java", ADAM_SOURCE);
        Files.createDirectories(tmp.resolve("class"));
        zip(tmp.resolve("class/ann.zip"), "hw/Adam (1).java", "class Adam {}", "hw/Dense.java", "package x;\nclass Dense {}");

        List<Submission> found = collector().collect(tmp.resolve("class"), Collector.Mode.AUTO);

        assertThat(found).extracting(Submission::name).containsExactly("ann", "Jo Smith");
        Submission ann = found.get(0);
        assertThat(ann.files().get(ADAM.file()).text()).isEqualTo("package dlkit.optim;\nclass Adam {}");
        assertThat(ann.files().get(DENSE.file()).text()).isEqualTo("package dlkit.layers;\nclass Dense {}");
        assertThat(ann.notes()).hasSize(2).allSatisfy(n -> assertThat(n).contains("it was graded as package"));
    }

    @Test
    void studentsAreInNaturalOrder() {
        List<String> names = new java.util.ArrayList<>(List.of("st10", "St2", "st1", "ann", "st2b"));
        names.sort(Collector::naturalOrder);
        assertThat(names).containsExactly("ann", "st1", "St2", "st2b", "st10");
    }

    @Test
    void looseCanvasFilesAreSplitByStudent() throws IOException {
        write("canvas/smithj_111_222_Adam.java", ADAM_SOURCE);
        write("canvas/smithj_111_223_Dense-1.java", "package dlkit.layers;\nclass Dense {}\n");
        write("canvas/doea_LATE_333_444_Adam.java", ADAM_SOURCE);

        List<Submission> found = collector().collect(tmp.resolve("canvas"), Collector.Mode.AUTO);

        assertThat(found).extracting(Submission::name).containsExactly("doea", "smithj");
        assertThat(found.get(1).files()).containsOnlyKeys(ADAM.file(), DENSE.file());
    }

    @Test
    void twoCopiesOfAFileKeepTheOneAtTheKitsPath() throws IOException {
        write("jo/Adam.java", ADAM_SOURCE.replace("{}", "{ int old; }"));
        write("jo/src/main/java/dlkit/optim/Adam.java", ADAM_SOURCE);

        Submission jo = collector().readOne(tmp.resolve("jo"));

        assertThat(jo.files().get(ADAM.file()).text()).isEqualTo(ADAM_SOURCE);
        assertThat(jo.notes()).containsExactly("ignored Adam.java: src/main/java/dlkit/optim/Adam.java was graded as "
                + "Adam.java instead (newer, or at the kit's path)");
    }

    @Test
    void aZipEntryEscapingTheFolderIsRefused() throws IOException {
        Path zip = tmp.resolve("evil.zip");
        zip(zip, "Adam.java", ADAM_SOURCE, "../../outside.java", "class X {}");

        List<Submission> found = collector().collect(zip, Collector.Mode.AUTO);

        assertThat(found).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("evil");
            assertThat(s.files()).isEmpty();
            assertThat(s.refusal()).isEqualTo("evil.zip holds the entry '../../outside.java', which would be written "
                    + "outside the submission folder; refused");
        });
        assertThat(tmp.resolve("outside.java")).doesNotExist();
    }

    @Test
    void anAbsolutePathInAZipIsRefused() throws IOException {
        Path zip = tmp.resolve("abs.zip");
        zip(zip, "/etc/Adam.java", ADAM_SOURCE);

        assertThat(collector().readOne(zip).refusal()).contains("absolute path");
    }

    @Test
    void aBrokenZipIsAClearMessageNotACrash() throws IOException {
        Path zip = tmp.resolve("broken.zip");
        zip(zip, "Adam.java", ADAM_SOURCE);
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(zip, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        Submission s = collector().readOne(zip);

        assertThat(s.refusal()).startsWith("broken.zip could not be read as a zip file");
    }

    @Test
    void aZipWithTooManyEntriesIsRefused() throws IOException {
        Path zip = tmp.resolve("many.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i <= SafeUnzip.MAX_ENTRIES; i++) {
                out.putNextEntry(new ZipEntry("f" + i + ".txt"));
                out.closeEntry();
            }
        }
        assertThat(collector().readOne(zip).refusal())
                .isEqualTo("many.zip has " + (SafeUnzip.MAX_ENTRIES + 1) + " entries; at most " + SafeUnzip.MAX_ENTRIES + " are accepted");
    }

    @Test
    void aZipTooLargeOnceUncompressedIsRefused() throws IOException {
        Path zip = tmp.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("zeros.txt"));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written <= SafeUnzip.MAX_BYTES; written += zeros.length) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertThat(collector().readOne(zip).refusal())
                .isEqualTo("bomb.zip was refused: with it, this submission would hold more than 100 MB once uncompressed and read");
        assertThat(tmp.resolve("work")).as("what the refused zip had written is removed").isEmptyDirectory();
    }

    @Test
    void aLatin1FileIsRead() throws IOException {
        Path p = tmp.resolve("jo/Adam.java");
        Files.createDirectories(p.getParent());
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write("package dlkit.optim;\n// Ã©tÃ© caf\u00e9\nclass Adam {}\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        assertThat(collector().readOne(tmp.resolve("jo")).files().get(ADAM.file()).text()).contains("caf\u00e9");
    }

    // ------------------------------------------------------------------ links and special files

    @Test
    void noSymbolicLinkIsFollowedWhereverItPointsAndEachIsNamed() throws IOException {
        Path classmate = write("class/bob/Adam.java", ADAM_SOURCE);
        Path outside = write("outside/Dense.java", "package dlkit.layers;\nclass Dense { String secret = \"canary words\"; }\n");
        write("class/eve/Notes.java", "class Notes {}");
        Path eve = tmp.resolve("class/eve");
        Files.createSymbolicLink(eve.resolve("Adam.java"), classmate);
        Files.createSymbolicLink(eve.resolve("Dense.java"), outside);
        Files.createSymbolicLink(eve.resolve("Mem.java"), Path.of("/proc/self/mem"));
        Files.createSymbolicLink(eve.resolve("src"), classmate.getParent());
        Files.createSymbolicLink(eve.resolve("Loop.java"), eve.resolve("Loop.java"));

        Submission s = collector().readOne(eve);

        assertThat(s.files()).as("nothing of what the links point at is read").isEmpty();
        assertThat(s.notes()).contains(
                "Adam.java is a symbolic link, which the grader never follows; it was treated as not submitted",
                "Dense.java is a symbolic link, which the grader never follows; it was treated as not submitted",
                "Mem.java is a symbolic link, which the grader never follows; it was treated as not submitted",
                "src is a symbolic link, which the grader never follows; it was treated as not submitted",
                "Loop.java is a symbolic link, which the grader never follows; it was treated as not submitted");
        assertThat(String.join("\n", s.notes())).doesNotContain("canary").doesNotContain(tmp.toString());
    }

    @Test
    void aStudentFolderThatIsALinkIsRefusedAndTheClassGoesOn() throws IOException {
        write("class/ann/Adam.java", ADAM_SOURCE);
        Files.createSymbolicLink(tmp.resolve("class/zed"), tmp.resolve("class/ann"));

        List<Submission> found = collector().collect(tmp.resolve("class"), Collector.Mode.CLASS);

        assertThat(found).extracting(Submission::name).containsExactly("ann", "zed");
        assertThat(found.get(0).files()).containsOnlyKeys(ADAM.file());
        assertThat(found.get(1).refusal()).isEqualTo("zed is a symbolic link, which the grader never follows; nothing was graded");
    }

    @Test
    void aFifoIsLeftOutWithoutHangingTheGrader() throws Exception {
        write("jo/Adam.java", ADAM_SOURCE);
        Path fifo = tmp.resolve("jo/Dense.java");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        Submission jo = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> collector().readOne(tmp.resolve("jo")));

        assertThat(jo.files()).containsOnlyKeys(ADAM.file());
        assertThat(jo.notes()).containsExactly("Dense.java is not a regular file (a pipe, a device or a socket); it was left out");
    }

    @Test
    void aSymbolicLinkInAZipIsLeftOutWithANote() throws IOException {
        Path zip = tmp.resolve("eve.zip");
        try (org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream out =
                     new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(zip.toFile())) {
            org.apache.commons.compress.archivers.zip.ZipArchiveEntry link =
                    new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("Adam.java");
            link.setUnixMode(0120777);
            out.putArchiveEntry(link);
            out.write("/proc/self/mem".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
            out.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("Dense.java"));
            out.write("package dlkit.layers;\nclass Dense {}\n".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }

        Submission eve = collector().readOne(zip);

        assertThat(eve.files()).containsOnlyKeys(DENSE.file());
        assertThat(eve.notes()).containsExactly(
                "eve.zip: Adam.java is a symbolic link, which the grader never follows; it was left out (treated as not submitted)");
    }

    // ------------------------------------------------------------------ budgets and zips

    @Test
    void manyZipsWithinTheCapEachStillCannotExceedTheSubmissionsBudget() throws IOException {
        Path jo = Files.createDirectories(tmp.resolve("class/jo"));
        byte[] zeros = new byte[100_000];
        for (int i = 1; i <= 12; i++) {
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jo.resolve("part" + (i < 10 ? "0" : "") + i + ".zip")))) {
                out.putNextEntry(new ZipEntry("zeros" + i + ".bin"));
                out.write(zeros);
                out.closeEntry();
            }
        }
        Collector collector = new Collector(List.of(ADAM, DENSE), Files.createDirectories(tmp.resolve("work")), 1 << 20, 10 << 20);

        Submission s = collector.collect(tmp.resolve("class"), Collector.Mode.CLASS).get(0);

        assertThat(s.notes()).as("ten zips fit in 1 MB, the eleventh does not").contains(
                "part11.zip was refused: with it, this submission would hold more than 1 MB once uncompressed and read");
        assertThat(tmp.resolve("work")).as("extracted zips are removed once read, refused ones at once").isEmptyDirectory();
    }

    @Test
    void theRunsBudgetRefusesWhatNoSingleSubmissionExceeds() throws IOException {
        for (String name : List.of("ann", "bob", "cyd")) {
            zip(Files.createDirectories(tmp.resolve("class")).resolve(name + ".zip"), "Adam.java", ADAM_SOURCE + "//" + "x".repeat(600_000));
        }
        Collector collector = new Collector(List.of(ADAM, DENSE), Files.createDirectories(tmp.resolve("work")), 1 << 20, 1 << 20);

        List<Submission> found = collector.collect(tmp.resolve("class"), Collector.Mode.CLASS);

        assertThat(found).extracting(Submission::name).containsExactly("ann", "bob", "cyd");
        assertThat(found.get(0).files()).containsOnlyKeys(ADAM.file());
        assertThat(found.get(1).refusal()).isEqualTo("bob.zip was refused: with it, this run's submissions would hold more than 1 MB "
                + "once uncompressed and read");
    }

    @Test
    void theFilesAndFoldersOfZipsInsideZipsCountAgainstOneBudgetAndOnceItIsSpentNoOtherZipIsOpened() throws IOException {
        Path outer = Files.createDirectories(tmp.resolve("class")).resolve("jo.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(outer))) {
            out.putNextEntry(new ZipEntry("Adam.java"));
            out.write(ADAM_SOURCE.getBytes(StandardCharsets.UTF_8));
            for (int z = 1; z <= 5; z++) {
                // Each within the 5,000 entries of one zip: 1,000 empty folders and 1,000 empty files.
                java.io.ByteArrayOutputStream inner = new java.io.ByteArrayOutputStream();
                try (ZipOutputStream in = new ZipOutputStream(inner)) {
                    for (int i = 0; i < 1_000; i++) {
                        in.putNextEntry(new ZipEntry("d" + i + "/"));
                        in.putNextEntry(new ZipEntry("f" + i));
                    }
                }
                out.putNextEntry(new ZipEntry("parts/part" + z + ".zip"));
                out.write(inner.toByteArray());
            }
        }

        Submission jo = collector().collect(tmp.resolve("class"), Collector.Mode.CLASS).get(0);

        assertThat(jo.files()).containsOnlyKeys(ADAM.file());
        assertThat(jo.notes()).containsExactly(
                "parts/part3.zip was refused: with it, this submission would hold more than 5,000 files and folders once extracted",
                "2 more zips were not opened, as the submission's budget was spent: parts/part4.zip, parts/part5.zip");
        assertThat(tmp.resolve("work")).as("what was extracted is removed").isEmptyDirectory();
    }

    @Test
    void aClassZipWithMoreEntriesThanOneSubmissionMayHoldIsReadStudentByStudent() throws IOException {
        Path zip = tmp.resolve("submissions.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String student : List.of("ann", "bob", "cyd")) {
                out.putNextEntry(new ZipEntry(student + "/Adam.java"));
                out.write(ADAM_SOURCE.getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 2_000; i++) {
                    out.putNextEntry(new ZipEntry(student + "/notes/n" + i + ".txt"));
                }
            }
        }

        List<Submission> found = collector().collect(zip, Collector.Mode.CLASS);

        assertThat(found).extracting(Submission::name).containsExactly("ann", "bob", "cyd");
        assertThat(found).allSatisfy(s -> assertThat(s.files()).containsOnlyKeys(ADAM.file()));
    }

    @Test
    void aClassZipLargerThanOneSubmissionMayBeIsReadStudentByStudent() throws IOException {
        Path zip = tmp.resolve("submissions.zip");
        byte[] noise = new byte[1 << 20];
        new java.util.Random(7).nextBytes(noise);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            for (String student : List.of("ann", "bob")) {
                out.putNextEntry(new ZipEntry(student + "/Adam.java"));
                out.write(ADAM_SOURCE.getBytes(StandardCharsets.UTF_8));
                out.putNextEntry(new ZipEntry(student + "/data.bin"));
                for (int m = 0; m < 52; m++) {
                    out.write(noise);
                }
            }
        }
        assertThat(Files.size(zip)).isGreaterThan(SafeUnzip.MAX_BYTES);

        List<Submission> found = collector().collect(zip, Collector.Mode.CLASS);

        assertThat(found).extracting(Submission::name).containsExactly("ann", "bob");
        assertThat(found).allSatisfy(s -> assertThat(s.files()).containsOnlyKeys(ADAM.file()));
    }

    @Test
    void aClassZipOverTheRunsLimitsIsRefusedAsAClassNotReadAsAStudent() throws IOException {
        Path zip = tmp.resolve("submissions.zip");
        zip(zip, "ann/Adam.java", ADAM_SOURCE, "bob/Adam.java", ADAM_SOURCE, "cyd/Adam.java", ADAM_SOURCE);
        Collector collector = new Collector(List.of(ADAM, DENSE), Files.createDirectories(tmp.resolve("work")), 1 << 20, 10 << 20, 100, 2);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> collector.collect(zip, Collector.Mode.CLASS))
                .isInstanceOf(Collector.RefusedClass.class).hasMessage("submissions.zip has 3 entries; at most 2 are accepted");
        assertThat(tmp.resolve("work")).isEmptyDirectory();
    }

    @Test
    void ofTwoCopiesInAZipTheNewerByTheZipsOwnDatesIsGradedWhateverTheOrderOfTheEntries() throws IOException {
        Path zip = tmp.resolve("jo.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String[] copy : new String[][] {{"hw/new/Adam.java", "2024-05-01T12:00:00Z", "newer"},
                    {"hw/Adam.java", "2020-05-01T12:00:00Z", "older"}}) {
                ZipEntry entry = new ZipEntry(copy[0]);
                entry.setTime(java.time.Instant.parse(copy[1]).toEpochMilli());
                out.putNextEntry(entry);
                out.write(("package dlkit.optim;\nclass Adam { int " + copy[2] + "; }\n").getBytes(StandardCharsets.UTF_8));
            }
        }

        Submission jo = collector().readOne(zip);

        assertThat(jo.files().get(ADAM.file()).text()).contains("newer");
        assertThat(jo.notes()).containsExactly("ignored hw/Adam.java: hw/new/Adam.java was graded as Adam.java instead "
                + "(newer, or at the kit's path)");
    }

    @Test
    void aDuplicatedZipEntryKeepsTheLastCopyAndSaysSo() throws IOException {
        Path zip = tmp.resolve("jo.zip");
        try (org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream out =
                     new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(zip.toFile())) {
            for (String body : List.of("{ int first; }", "{ int second; }")) {
                out.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("hw/Adam.java"));
                out.write(("package dlkit.optim;\nclass Adam " + body + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeArchiveEntry();
            }
        }

        Submission jo = collector().readOne(zip);

        assertThat(jo.files().get(ADAM.file()).text()).contains("second").doesNotContain("first");
        assertThat(jo.notes()).containsExactly(
                "jo.zip holds hw/Adam.java 2 times; the last copy in the zip was kept (as unzip tools keep the copy written last)");
    }

    @Test
    void aZipInsideAZipIsReadAndNamedAsTheStudentSeesIt() throws IOException {
        Path inner = tmp.resolve("inner.zip");
        zip(inner, "Adam.java", ADAM_SOURCE, "Helper.java", "class Helper {}");
        Path outer = tmp.resolve("jo.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(outer))) {
            out.putNextEntry(new ZipEntry("hw/inner.zip"));
            out.write(Files.readAllBytes(inner));
            out.closeEntry();
        }

        Submission jo = collector().readOne(outer);

        assertThat(jo.files()).containsOnlyKeys(ADAM.file());
        assertThat(jo.files().get(ADAM.file()).origin()).isEqualTo("hw/inner.zip/Adam.java");
        assertThat(jo.notes()).containsExactly("ignored hw/inner.zip/Helper.java, which is not among the files students complete");
        assertThat(tmp.resolve("work")).isEmptyDirectory();
    }

    @Test
    void anEntryThatCannotBeReadCostsThatFileOnly() throws IOException {
        Path zip = tmp.resolve("jo.zip");
        zip(zip, "Adam.java", ADAM_SOURCE, "Dense.java", "package dlkit.layers;\nclass Dense { int[] many = {" + "1, 2, 3, ".repeat(500) + "}; }\n");
        long denseData;
        try (org.apache.commons.compress.archivers.zip.ZipFile file =
                     org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(zip).get()) {
            denseData = file.getEntry("Dense.java").getDataOffset();
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(zip, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}), denseData);
        }

        Submission jo = collector().readOne(zip);

        assertThat(jo.files()).containsOnlyKeys(ADAM.file());
        assertThat(jo.notes()).singleElement().asString().startsWith("jo.zip: Dense.java could not be extracted (")
                .endsWith("); it was left out").doesNotContain(tmp.toString());
    }

    @Test
    void aDamagedEntryThatStillReadsIsCaughtByItsChecksum() throws IOException {
        Path zip = tmp.resolve("jo.zip");
        byte[] dense = "package dlkit.layers;\nclass Dense {}\n".getBytes(StandardCharsets.UTF_8);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            ZipEntry stored = new ZipEntry("Dense.java");
            stored.setMethod(ZipEntry.STORED);
            stored.setSize(dense.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(dense);
            stored.setCrc(crc.getValue());
            out.putNextEntry(stored);
            out.write(dense);
            out.closeEntry();
        }
        long data;
        try (org.apache.commons.compress.archivers.zip.ZipFile file =
                     org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(zip).get()) {
            data = file.getEntry("Dense.java").getDataOffset();
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(zip, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap("X".getBytes(StandardCharsets.UTF_8)), data + dense.length - 3);
        }

        Submission jo = collector().readOne(zip);

        assertThat(jo.files()).isEmpty();
        assertThat(jo.notes()).containsExactly("jo.zip: Dense.java could not be extracted (it is damaged: its checksum does not match); "
                + "it was left out", "no .java file of the kit's exercises was found");
    }

    @Test
    void zipEntryNamesAreCleaned() {
        assertThat(SafeUnzip.cleanName("hw\u001b[2J/Ad:am?.java")).isEqualTo("hw[2J/Ad_am_.java");
        assertThat(SafeUnzip.cleanName("a/b./c ")).isEqualTo("a/b_/c_");
        assertThat(SafeUnzip.cleanName("a/../../x")).isEqualTo("a/../../x");
    }

    // ------------------------------------------------------------------ what is not Java

    @Test
    void aTextFileHandedInIsRefusedInWords() throws IOException {
        Path txt = write("Adam.txt", "my answers");

        assertThat(collector().readOne(txt).refusal()).isEqualTo("Adam.txt is neither a .java file nor a zip, so nothing in it "
                + "could be graded: only .java files, or zips of them, are graded");
    }

    @Test
    void aFolderWithoutJavaFilesSaysWhatItHolds() throws IOException {
        write("jo/Adam.txt", "my answers");

        assertThat(collector().readOne(tmp.resolve("jo")).notes()).containsExactly("no .java file of the kit's exercises was "
                + "found; the submission holds Adam.txt, but only .java files, or zips of them, are graded");
    }

    @Test
    void looseFilesOfNoStudentAreNamedForTheInstructor() throws IOException {
        write("class/ann/Adam.java", ADAM_SOURCE);
        write("class/README.md", "grading notes");
        write("class/grades.xlsx", "a spreadsheet");
        Collector collector = collector();

        assertThat(collector.collect(tmp.resolve("class"), Collector.Mode.CLASS)).extracting(Submission::name).containsExactly("ann");
        // Even the README that describes the folder is accounted for.
        assertThat(collector.skipped()).containsExactly("README.md describes the class folder; it is no one's submission",
                "grades.xlsx is not a folder, a zip or a .java file; it was not graded");
    }

    // ------------------------------------------------------------------ encodings

    @Test
    void utf16IsReadAndNamedWithOrWithoutAByteOrderMark() {
        byte[] withMark = ("\uFEFF" + ADAM_SOURCE).getBytes(StandardCharsets.UTF_16LE);
        byte[] withoutMark = ADAM_SOURCE.getBytes(StandardCharsets.UTF_16BE);
        String note = "Adam.java is saved as UTF-16; it was read as UTF-16, but save it as UTF-8 (the kit's build reads UTF-8 only)";

        assertThat(Collector.decode(withMark, "Adam.java")).isEqualTo(new Collector.Decoded(ADAM_SOURCE, note));
        assertThat(Collector.decode(withoutMark, "Adam.java")).isEqualTo(new Collector.Decoded(ADAM_SOURCE, note));
    }

    @Test
    void aUtf8ByteOrderMarkIsDroppedSilentlyAndLatin1IsNamed() {
        assertThat(Collector.decode(("\uFEFF" + ADAM_SOURCE).getBytes(StandardCharsets.UTF_8), "Adam.java"))
                .isEqualTo(new Collector.Decoded(ADAM_SOURCE, null));
        assertThat(Collector.decode("// caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1), "Adam.java"))
                .isEqualTo(new Collector.Decoded("// caf\u00e9\n", "Adam.java is not saved as UTF-8; it was read as Windows-1252 "
                        + "(Latin-1), but save it as UTF-8 (the kit's build reads UTF-8 only)"));
    }
}
