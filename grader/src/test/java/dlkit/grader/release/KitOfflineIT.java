package dlkit.grader.release;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Main;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The released kit works offline after {@code mvn dependency:go-offline}, as its README promises:
 * the zip unpacked, a local repository that only go-offline filled (it needs the network, once:
 * Maven Central), then {@code mvn -o clean test -Dtest=AdamTest} with the reference Adam passes,
 * and {@code mvn -o test} runs every public test without fetching anything. The repository is
 * kept in {@code grader/target/kit-offline-repo}, so a second run fetches nothing; go-offline
 * runs every time, so what is in it is always what go-offline brings for the current pom.
 */
class KitOfflineIT {

    static final Path ROOT = ExercisesInSyncTest.ROOT;
    static final Path REPO = ROOT.resolve("grader/target/kit-offline-repo");
    static final String MVN = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";

    @Test
    void theReleasedKitTestsOfflineWithOnlyWhatGoOfflineFetched(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("kit.zip");
        assertThat(Main.commandLine().execute("release", "--solutions", ROOT.resolve("solutions").toString(),
                "--out", tmp.resolve("released").toString(), "--zip", zip.toString())).as("release --zip exit code").isZero();
        Path kit = unzip(zip, tmp.resolve("unpacked")).resolve("exercises");

        Result primed = mvn(kit, "dependency:go-offline");
        assertThat(primed.exit()).as("mvn dependency:go-offline (needs Maven Central once); output:\n" + primed.output()).isZero();

        Files.copy(ROOT.resolve("solutions/src/main/java/dlkit/optim/Adam.java"),
                kit.resolve("src/main/java/dlkit/optim/Adam.java"), StandardCopyOption.REPLACE_EXISTING);
        Result adam = mvn(kit, "-o", "-q", "clean", "test", "-Dtest=AdamTest");
        assertThat(adam.exit()).as("mvn -o -q clean test -Dtest=AdamTest with the reference Adam; output:\n" + adam.output()).isZero();
        assertThat(adam.output()).as("its summary").contains("dlkit: 1 passed, 0 failed, 0 not started")
                .containsPattern("passed +Adam +5 of 5 tests");

        Result all = mvn(kit, "-o", "test");
        assertThat(all.output()).as("mvn -o test: every public test ran, offline")
                .contains("There are test failures", "passed       Adam", "not started  Dense")
                .containsPattern("dlkit: \\d+ passed, 0 failed, \\d+ not started")
                .doesNotContain("offline mode", "Could not resolve", "Cannot access", "Downloading from");
    }

    record Result(int exit, String output) {}

    private static Result mvn(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(MVN, "-B", "-Dmaven.repo.local=" + REPO.toAbsolutePath()));
        command.addAll(List.of(args));
        return run(dir, command);
    }

    /** Runs {@code command} in {@code dir}, its output (stdout and stderr) in a log beside {@code dir}; at most 15 minutes. */
    static Result run(Path dir, List<String> command) throws Exception {
        Path log = Files.createTempFile(dir.getParent(), "run", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 15 minutes");
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    private static Path unzip(Path zip, Path to) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                Path file = to.resolve(e.getName()).normalize();
                Files.createDirectories(file.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, file);
                }
            }
        }
        return to;
    }
}
