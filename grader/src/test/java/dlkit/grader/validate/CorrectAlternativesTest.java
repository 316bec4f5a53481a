package dlkit.grader.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Main;
import dlkit.grader.Submissions;
import dlkit.grader.kit.TestCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Correct solutions written another way than the reference (an equal formula, another order of
 * summation, a course's other derivation) score full marks: each is a patch of the reference in the
 * variant format, kept as {@code grader/src/test/resources/alternatives/<Exercise>/<name>.variant},
 * and is graded on the seeds where a tolerance tighter than its rounding once failed one of them
 * (Sigmoid's (1 + tanh(x / 2)) / 2 and 1 - 1 / (1 + exp(x)) on 4 and 176, Gan's -sigmoid(-r) on
 * 99, Standardizer's Welford on 157). A hidden test that fails one of them fails
 * a student who did what the Javadoc says. The alternatives make as few students as they can (the
 * k-th alternative of every exercise is student {@code alternatives-k}), so a seed costs a test JVM
 * per round, not per alternative.
 */
class CorrectAlternativesTest {

    private static final Path ALTERNATIVES = Submissions.ROOT.resolve("grader/src/test/resources/alternatives");
    private static final long[] SEEDS = {4, 99, 157, 176};

    @TempDir
    Path tmp;

    @Test
    void everyCorrectAlternativeScoresFullMarks() throws IOException {
        List<Variant> alternatives = alternatives();
        assertThat(alternatives).isNotEmpty();
        Path klass = tmp.resolve("class");
        TreeSet<String> files = new TreeSet<>();
        Map<Variant, String> students = new HashMap<>();
        Map<String, Integer> rounds = new HashMap<>();
        for (Variant v : alternatives) {
            students.put(v, "alternatives-" + rounds.merge(v.file(), 1, Integer::sum));
        }
        for (Variant v : alternatives) {
            Path file = klass.resolve(students.get(v)).resolve(Path.of(v.file()).getFileName().toString());
            Files.createDirectories(file.getParent());
            Files.writeString(file, v.apply(Submissions.solution(v.file())));
            files.add(v.file());
        }
        Map<String, Double> points = TestCatalog.ofGrader().pointsByExercise();
        for (long seed : SEEDS) {
            Path reports = tmp.resolve("reports-" + seed);
            List<String> args = new ArrayList<>(List.of("grade", klass.toString(), "--class", "--seed", Long.toString(seed),
                    "--no-plots", "--out", reports.toString()));
            files.forEach(f -> args.addAll(List.of("--exercise", f)));
            assertThat(Main.commandLine().execute(args.toArray(String[]::new))).as("grade's exit code").isZero();

            List<String> rows = Files.readAllLines(reports.resolve("gradebook.csv"), StandardCharsets.UTF_8);
            List<String> header = Arrays.asList(rows.get(0).split(","));
            for (Variant v : alternatives) {
                String exercise = Path.of(v.file()).getFileName().toString().replace(".java", "");
                String row = rows.stream().filter(r -> r.startsWith(students.get(v) + ",")).findFirst().orElseThrow();
                double score = Double.parseDouble(row.split(",")[header.indexOf(exercise)]);
                assertThat(score).as("%s (%s) with seed %d; its report:%n%s", v.name(), v.mistake(), seed,
                        Files.readString(reports.resolve(students.get(v)).resolve("report.json")))
                        .isEqualTo(points.get(v.file()));
            }
        }
    }

    private static List<Variant> alternatives() throws IOException {
        try (Stream<Path> found = Files.walk(ALTERNATIVES)) {
            List<Variant> out = new ArrayList<>();
            for (Path p : found.filter(p -> p.toString().endsWith(".variant")).sorted().toList()) {
                String name = ALTERNATIVES.relativize(p).toString().replace(".variant", "");
                out.add(Variant.parse(name, Files.readString(p)));
            }
            return out;
        }
    }
}
