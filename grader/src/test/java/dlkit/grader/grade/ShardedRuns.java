package dlkit.grader.grade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlkit.grader.Main;
import dlkit.grader.Submissions;
import dlkit.grader.validate.Variant;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine;

/** A class cheap to grade in shards and whole, and what tells two class outputs apart (timings aside). */
final class ShardedRuns {

    static final String ADAM = "dlkit/optim/Adam.java";
    static final String RELU = "dlkit/layers/ReLU.java";
    /** Two exercises of a few tests each: a test JVM per student, quick. */
    static final List<String> EXERCISES = List.of("--exercise", "Adam", "--exercise", "ReLU");

    private ShardedRuns() {}

    record Result(int code, String out, String err) {}

    /**
     * {@code students} folders (student01, ...): Adam the solution or one of its known-wrong
     * variants in turn, ReLU the solution, a variant or absent; two students whose names differ
     * only in Unicode's form (José composed and decomposed), and a zip that cannot be read.
     */
    static Path makeClass(Path klass, int students) throws IOException {
        List<Variant> adam = Variant.packaged().stream().filter(v -> v.file().equals(ADAM)).toList();
        List<Variant> relu = Variant.packaged().stream().filter(v -> v.file().equals(RELU)).toList();
        for (int s = 1; s <= students; s++) {
            Path dir = Files.createDirectories(klass.resolve(String.format("student%02d", s)));
            String a = Submissions.solution(ADAM);
            Files.writeString(dir.resolve("Adam.java"), s % 3 == 0 ? a : adam.get(s % adam.size()).apply(a));
            if (s % 4 != 0) {
                String r = Submissions.solution(RELU);
                Files.writeString(dir.resolve("ReLU.java"), s % 4 == 1 ? r : relu.get(s % relu.size()).apply(r));
            }
        }
        for (Normalizer.Form form : new Normalizer.Form[] {Normalizer.Form.NFC, Normalizer.Form.NFD}) {
            Path dir = Files.createDirectories(klass.resolve(Normalizer.normalize("José", form)));
            Files.writeString(dir.resolve("Adam.java"), Submissions.solution(ADAM));
        }
        Files.write(klass.resolve("broken.zip"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        return klass;
    }

    static Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Every file of a class output that one run and a merge must agree on, by path, as text: the
     * gradebooks (Moodle's stamp of when it was written aside), index.html, similarity.json, and
     * each student's report.json and results.json with their timings taken out.
     */
    static Map<String, String> comparable(Path out) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = out.relativize(p).toString();
                String file = p.getFileName().toString();
                if (file.startsWith("gradebook") || file.equals("index.html") || file.equals("similarity.json")) {
                    String text = Files.readString(p);
                    files.put(name, file.equals("gradebook-moodle.csv") ? text.replaceAll(",[0-9T:+\\-Z]+\\n", ",STAMP\n") : text);
                } else if (file.equals("report.json") || file.equals("results.json")) {
                    files.put(name, withoutTimings(p));
                } else if (!file.startsWith("shard") && !file.equals(MergeCommand.FILE)) {
                    files.put(name, "present");
                }
            }
        }
        return files;
    }

    static String withoutTimings(Path json) {
        try {
            JsonNode tree = JSON.readTree(json.toFile());
            strip(tree);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(List.of("timings", "millis", "execution_time"));
        }
        for (Iterator<JsonNode> i = node.elements(); i.hasNext(); ) {
            strip(i.next());
        }
    }

    /** A copy of a folder and all below it. */
    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    static final ObjectMapper JSON = new ObjectMapper();
}
