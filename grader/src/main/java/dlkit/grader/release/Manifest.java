package dlkit.grader.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kit's manifest, {@value #FILE} at the top folder: per exercise what cannot be found by
 * convention (the source list's questions it serves; for the quiz, the question of each answer
 * method), and the source list's questions. Everything else about an exercise (solution, public
 * and hidden tests, variants, points) is found from its class name; {@code ManifestTest} proves
 * the conventions hold for every exercise. The README's curriculum table is written from it
 * ({@link #withCurriculumTable}).
 *
 * @param questions the source list's questions, number to question, in the table's order
 * @param exercises per exercise (by simple class name, in the manifest's order) its entry
 */
public record Manifest(Map<Integer, String> questions, Map<String, Entry> exercises) {

    /** The manifest's file name, at the kit's top folder (beside solutions/). */
    public static final String FILE = "exercises.yaml";
    /** The README's table lies between these lines. */
    static final String TABLE_BEGIN = "<!-- The curriculum table, written by release from " + FILE + ": do not edit it here. -->";
    static final String TABLE_END = "<!-- End of the table from " + FILE + ". -->";

    /**
     * @param questions the questions the exercise serves (may be empty: an exercise beyond the source list)
     * @param items     the quiz's answer methods and the question each serves; empty for other exercises
     * @param note      a few words after its name in the table, such as "trained on the digits"; may be null
     */
    public record Entry(List<Integer> questions, Map<String, Integer> items, String note) {
        public Entry {
            questions = questions == null ? List.of() : List.copyOf(questions);
            items = items == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(items));
        }
    }

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public Manifest {
        questions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(questions == null ? Map.of() : questions));
        exercises = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exercises == null ? Map.of() : exercises));
    }

    /** The manifest of the kit whose top folder is {@code root}. */
    public static Manifest read(Path root) throws IOException {
        Path file = root.resolve(FILE);
        try {
            Manifest m = YAML.readValue(Files.readString(file), Manifest.class);
            return m == null ? new Manifest(null, null) : m;
        } catch (JsonProcessingException e) {
            throw new IOException(file + ":" + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The README's curriculum table: a row per question, naming the exercises that serve it (in
     * the manifest's order) and then the quiz's answer methods; a last row for the exercises that
     * serve none.
     */
    public String curriculumTable() {
        StringBuilder table = new StringBuilder("| Q | question | graded work |\n|---|---|---|\n");
        questions.forEach((q, text) -> table.append("| ").append(q).append(" | ").append(text).append(" | ")
                .append(String.join(", ", workOf(q))).append(" |\n"));
        List<String> beyond = exercises.entrySet().stream()
                .filter(e -> e.getValue().questions().isEmpty() && e.getValue().items().isEmpty())
                .map(e -> "`" + e.getKey() + "`").toList();
        if (!beyond.isEmpty()) {
            table.append("| - | beyond the source list | ").append(String.join(", ", beyond)).append(" |\n");
        }
        return table.toString();
    }

    private List<String> workOf(int question) {
        List<String> work = new ArrayList<>();
        exercises.forEach((name, entry) -> {
            if (entry.questions().contains(question)) {
                work.add("`" + name + "`" + (entry.note() == null ? "" : " (" + entry.note() + ")"));
            }
        });
        exercises.forEach((name, entry) -> entry.items().forEach((item, q) -> {
            if (q == question) {
                work.add("`" + name + "." + item + "`");
            }
        }));
        return work;
    }

    /**
     * {@code readme} with its curriculum table (between {@link #TABLE_BEGIN} and
     * {@link #TABLE_END}) replaced by this manifest's.
     *
     * @throws IllegalArgumentException if the README lacks the two marker lines
     */
    public String withCurriculumTable(String readme) {
        int begin = readme.indexOf(TABLE_BEGIN);
        int end = readme.indexOf(TABLE_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the README has no curriculum table to write: put the lines '" + TABLE_BEGIN
                    + "' and '" + TABLE_END + "' where it goes");
        }
        return readme.substring(0, begin + TABLE_BEGIN.length()) + "\n" + curriculumTable() + "\n" + readme.substring(end);
    }

    /** Rewrites the README.md of the kit at {@code root} with this manifest's table; false if it was already so. */
    public boolean writeCurriculumTable(Path root) throws IOException {
        Path readme = root.resolve("README.md");
        String before = Files.readString(readme);
        String after = withCurriculumTable(before);
        if (after.equals(before)) {
            return false;
        }
        Files.writeString(readme, after);
        return true;
    }
}
