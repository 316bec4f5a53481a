package dlkit.grader.grade;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dlkit.grader.collect.Entry;
import dlkit.grader.collect.Identity;
import dlkit.grader.collect.Submission;
import dlkit.grader.kit.Kit;
import dlkit.grader.kit.Resources;
import dlkit.grader.report.ReportFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code shard.json}, beside a shard's gradebook: what the shard is, what it graded with, the whole
 * class it was cut from (so {@code merge} knows every student, and which shard each belongs to) and
 * the students it took. The pairs that look alike are in the shard's {@code similarity.json}, as
 * in every class output: the shard's share of the class's pairs ({@link Shard#comparesWith}).
 *
 * @param shard           K, from 1
 * @param shards          N
 * @param seed            the run's seed
 * @param assignment      the course's assignment graded, or null
 * @param exercises       the exercise files graded, in the reports' order
 * @param kitVersion      the grader's version
 * @param kitSha256       {@link #kitFingerprint()}: shards graded by different kits do not merge
 * @param gradebookColumn the assignment's column in the LMS gradebooks
 * @param due             the assignment's due time, or null
 * @param wholeClass      every student of the class folder, in its order, with who the export says they are
 * @param took            the students this shard graded, in the class's order
 * @param entries         what became of each entry of the class folder
 */
record ShardManifest(int shard, int shards, long seed, String assignment, List<String> exercises, String kitVersion,
                     String kitSha256, String gradebookColumn, Instant due, List<Member> wholeClass, List<String> took,
                     List<Entry> entries) {

    static final String FILE = "shard.json";

    /** A student of the class and who the export says they are. */
    record Member(String student, Identity identity) {}

    /** Writes the manifest into {@code out}. */
    static void write(Path out, Shard shard, long seed, String assignment, List<String> exercises, ClassOutput.Gradebooks gradebooks,
                      List<Submission> wholeClass, List<Submission> took, List<Entry> entries) throws IOException {
        ShardManifest manifest = new ShardManifest(shard.index() + 1, shard.count(), seed, assignment, exercises, version(),
                kitFingerprint(), gradebooks.column(), gradebooks.due(),
                wholeClass.stream().map(s -> new Member(s.name(), s.identity())).toList(),
                took.stream().map(Submission::name).toList(), entries);
        ReportFiles.writeAtomically(out.resolve(FILE), JSON.writeValueAsString(manifest));
    }

    static ShardManifest read(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(FILE).toFile(), ShardManifest.class);
    }

    Shard asShard() {
        return new Shard(shard - 1, shards);
    }

    static String version() {
        return Kit.VERSION;
    }

    /**
     * The SHA-256 of what grades: the grader's classes with the hidden tests, and the reference
     * solutions with the given code (each a jar, or a folder whose files are read in order).
     */
    static String kitFingerprint() throws IOException {
        MessageDigest digest = Parts.sha256();
        for (Path location : List.of(Resources.location(Kit.class), Resources.location("dlkit.core.Matrices"))) {
            List<Path> files;
            if (Files.isDirectory(location)) {
                try (Stream<Path> walk = Files.walk(location)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
            } else {
                files = List.of(location);
            }
            for (Path f : files) {
                digest.update(location.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }


    /** Instants as ISO text, as the reports write times (the grader has no Java-time module for Jackson). */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule().addSerializer(Instant.class, new JsonSerializer<>() {
                @Override
                public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                    gen.writeString(value.toString());
                }
            }).addDeserializer(Instant.class, new JsonDeserializer<>() {
                @Override
                public Instant deserialize(JsonParser p, DeserializationContext context) throws IOException {
                    return Instant.parse(p.getValueAsString());
                }
            }));
}
