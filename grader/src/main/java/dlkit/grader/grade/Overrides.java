package dlkit.grader.grade;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dlkit.grader.kit.Exercise;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.ExerciseReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An instructor's overrides ({@code grade --overrides FILE}): an exercise's points for a student,
 * with the reason, applied after grading and shown with that reason in every report. The file
 * is CSV with the header {@code student,exercise,points,reason}, or YAML, a list of maps with
 * the same keys:
 * <pre>
 * - student: alice
 *   exercise: Adam
 *   points: 6
 *   reason: the bias correction was right, the test's tolerance too tight (regraded by hand)
 * </pre>
 * {@code exercise} is the class name ({@code Adam}) or the file ({@code dlkit/optim/Adam.java}).
 */
public final class Overrides {

    /** One line of the file. */
    public record Entry(String student, String exercise, Double points, String reason) {}

    private final List<Entry> entries;

    private Overrides(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No overrides. */
    public static Overrides none() {
        return new Overrides(List.of());
    }

    /**
     * Reads and checks an overrides file: each entry names an exercise of the kit, its points are
     * between 0 and what the exercise is worth, and it gives a reason.
     *
     * @param points what each exercise file is worth
     * @throws IllegalArgumentException saying which entry is wrong and how, for the instructor
     */
    public static Overrides read(Path file, List<Exercise> exercises, Map<String, Double> points) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Entry> read;
        if (name.endsWith(".csv")) {
            CsvMapper csv = new CsvMapper();
            csv.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            try (MappingIterator<Entry> it = csv.readerFor(Entry.class).with(CsvSchema.emptySchema().withHeader())
                    .readValues(file.toFile())) {
                read = it.readAll();
            }
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            List<Entry> yaml = new YAMLMapper().readValue(file.toFile(), new TypeReference<List<Entry>>() {});
            read = yaml == null ? List.of() : yaml;
        } else {
            throw new IllegalArgumentException("the overrides file " + file + " must be .csv or .yaml");
        }
        List<Entry> checked = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            Entry e = read.get(i);
            String where = "overrides file " + file.getFileName() + ", entry " + (i + 1);
            if (e.student() == null || e.student().isBlank()) {
                throw new IllegalArgumentException(where + ": no student");
            }
            Exercise exercise = exercises.stream().filter(x -> x.simpleName().equals(e.exercise()) || x.file().equals(e.exercise()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(where + ": no exercise named " + e.exercise()));
            double max = points.getOrDefault(exercise.file(), 0.0);
            if (e.points() == null || !(e.points() >= 0 && e.points() <= max)) {
                throw new IllegalArgumentException(where + ": points must be between 0 and " + max + " for " + exercise.simpleName()
                        + ", but were " + e.points());
            }
            if (e.reason() == null || e.reason().isBlank()) {
                throw new IllegalArgumentException(where + ": give a reason (it is shown to the student)");
            }
            checked.add(new Entry(e.student().strip(), exercise.file(), e.points(), e.reason().strip()));
        }
        return new Overrides(checked);
    }

    /** The report with this file's overrides of its student applied, its total counted again. */
    public GradeReport apply(GradeReport r) {
        List<ExerciseReport> exercises = new ArrayList<>();
        boolean changed = false;
        for (ExerciseReport e : r.exercises()) {
            ExerciseReport now = e;
            for (Entry o : entries) {
                if (o.student().equals(r.student()) && o.exercise().equals(e.file())) {
                    now = now.overriddenTo(o.points(), o.reason());
                    changed = true;
                }
            }
            exercises.add(now);
        }
        if (!changed) {
            return r;
        }
        double score = exercises.stream().mapToDouble(ExerciseReport::score).sum();
        return new GradeReport(r.student(), r.seed(), r.jdk(), score, r.maxScore(), List.copyOf(exercises), r.notes(),
                r.output(), r.timings(), r.layers());
    }

    /** Entries whose student is none of {@code graded}: a misspelt name, said on the console. */
    public List<Entry> unmatched(Collection<GradeReport> graded) {
        return entries.stream().filter(o -> graded.stream().noneMatch(r -> r.student().equals(o.student()))).toList();
    }
}
