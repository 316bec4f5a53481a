package dlkit.grader.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.grader.collect.Identity.Lms;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradescope's {@code submission_metadata.json} beside a submission, as its autograder documentation
 * describes it (https://gradescope-autograders.readthedocs.io/en/latest/submission_metadata/):
 * {@code id}, {@code created_at} (the submission time, ISO-8601 with offset), {@code assignment.due_date}
 * and {@code assignment.late_due_date}, and {@code users}, each with {@code email}, {@code id} and
 * {@code name} (several for a group submission).
 */
final class GradescopeMetadata {

    static final String FILE = "submission_metadata.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 256 * 1024;

    private GradescopeMetadata() {}

    /** What the metadata says: the first submitter as the identity, and notes (other group members, unreadable parts). */
    record Read(Identity identity, List<String> notes) {}

    /** The metadata in {@code folder}, or null if it has none; a file that cannot be read is a note, never a crash. */
    static Read read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        List<String> notes = new ArrayList<>();
        JsonNode root;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return new Read(null, List.of(FILE + " is larger than " + MAX_BYTES / 1024 + " KB; it was not read"));
            }
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            return new Read(null, List.of(FILE + " could not be read as JSON (" + e.getClass().getSimpleName() + "); the "
                    + "submission is known by its folder's name"));
        }
        JsonNode users = root.path("users");
        if (!users.isArray() || users.isEmpty()) {
            return new Read(null, List.of(FILE + " names no user; the submission is known by its folder's name"));
        }
        JsonNode first = users.get(0);
        Instant created = time(root.path("created_at"), "created_at", notes);
        Instant due = time(root.path("assignment").path("due_date"), "assignment.due_date", notes);
        boolean late = created != null && due != null && created.isAfter(due);
        Identity identity = new Identity(Lms.GRADESCOPE, text(first.path("id")), null, text(first.path("name")),
                text(first.path("email")), late, created);
        if (users.size() > 1) {
            List<String> others = new ArrayList<>();
            for (int i = 1; i < users.size(); i++) {
                others.add(text(users.get(i).path("name")) + " <" + text(users.get(i).path("email")) + ">");
            }
            notes.add("a group submission: graded as " + identity.displayName() + "'s; also of " + String.join(", ", others)
                    + ", who are not in the gradebooks: enter their scores by hand");
        }
        return new Read(identity, notes);
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : SafeUnzip.printable(node.asText());
    }

    private static Instant time(JsonNode node, String field, List<String> notes) {
        String t = text(node);
        if (t == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            notes.add(FILE + ": " + field + " is not a date (" + SafeUnzip.printable(t) + "); it was not used");
            return null;
        }
    }
}
