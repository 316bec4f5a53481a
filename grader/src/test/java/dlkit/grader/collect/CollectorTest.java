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
    void aFolderWithSourcesIsOneSubmissionFoundInNestedFolders() throws IOException {
        write("jo/project/src/main/java/dlkit/optim/Adam.java", ADAM_SOURCE);
        write("jo/project/src/main/java/dlkit/layers/Dense.java", "package dlkit.layers;\nclass Dense {}\n");
        write("jo/project/src/main/java/dlkit/core/Matrices.java", "package dlkit.core;\nclass Matrices {}\n");

        List<Submission> found = collector().collect(tmp.resolve("jo"), Collector.Mode.AUTO);

        assertThat(found).hasSize(1);
        assertThat(found.get(0).name()).isEqualTo("jo");
        assertThat(found.get(0).files()).containsOnlyKeys(ADAM.file(), DENSE.file());
        assertThat(found.get(0).notes()).containsExactly(
                "ignored project/src/main/java/dlkit/core/Matrices.java, which is not among the files students complete");
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

        assertThat(found).extracting(Submission::name).containsExactly("ann", "Jo Smith_123");
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
        assertThat(collector().readOne(zip).refusal()).isEqualTo("bomb.zip is larger than 100 MB once uncompressed; refused");
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
}
