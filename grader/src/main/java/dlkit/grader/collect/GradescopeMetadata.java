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
    /** The list of submitters at the top of Gradescope's "Export Submissions" download. */
    static final String EXPORT_FILE = "submission_metadata.yml";
    private static final ObjectMapper YAML = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 256 * 1024;

    private GradescopeMetadata() {}

    /** What the metadata says: the first submitter as the identity, and notes (other group members, unreadable parts). */
    record Read(Identity identity, List<String> notes) {}

    private static final java.util.regex.Pattern SUBMISSION_FOLDER = java.util.regex.Pattern.compile("submission_\\d+");

    /**
     * The metadata that speaks for the submission in {@code folder}, or null: on Gradescope's
     * autograder the file beside the student's {@code submission} folder (in {@code /autograder},
     * which the student's upload cannot write); in a folder of Gradescope's export
     * ({@code submission_<id>}) its own file. A {@code submission_metadata.json} a student put among
     * their files in any other folder is not read, so no one can set their own name or time handed in.
     * The rest of a group counts only from the autograder's file: the file in an export's folder
     * sits among the student's files, so the others it names get no gradebook rows (a note names
     * them) and no one hands their score to a classmate. A file that cannot be read is a note, never a crash.
     */
    static Read forFolder(Path folder) {
        String name = folder.getFileName() == null ? "" : folder.getFileName().toString();
        Path parent = folder.toAbsolutePath().getParent();
        if (name.equals("submission") && parent != null) {
            return read(parent.resolve(FILE), true);
        }
        return SUBMISSION_FOLDER.matcher(name).matches() ? read(folder.resolve(FILE), false) : null;
    }

    /** @param groups whether the rest of a group it names counts ({@link #forFolder}) */
    private static Read read(Path file, boolean groups) {
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
        // users[].id is Gradescope's own user id, no student id: the e-mail tells students apart.
        List<Identity> others = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (int i = 1; i < users.size(); i++) {
            JsonNode m = users.get(i);
            others.add(new Identity(Lms.GRADESCOPE, null, null, text(m.path("name")), text(m.path("email")), late, created));
            named.add(text(m.path("name")) + " <" + text(m.path("email")) + ">");
        }
        Identity identity = new Identity(Lms.GRADESCOPE, null, null, text(first.path("name")), text(first.path("email")), late,
                created, groups ? others : List.of());
        if (!others.isEmpty()) {
            notes.add(groups ? groupNote(identity, named) : "names " + String.join(", ", named) + " as the rest of a group;"
                    + " a file among the submission's own files may be the student's upload, so they get no gradebook rows:"
                    + " give them their scores by hand, or grade the export with Gradescope's " + EXPORT_FILE);
        }
        return new Read(identity, notes);
    }

    /**
     * Gradescope's export index, {@code submission_metadata.yml}: for each submission's folder
     * ({@code submission_123456}), {@code :submitters} with {@code :name}, {@code :sid} and
     * {@code :email}, and {@code :created_at}. The identity of each folder's first submitter, by
     * folder name; empty if the file cannot be read (then said in {@code notes}).
     */
    static java.util.Map<String, Read> readExport(Path file, List<String> notes) {
        java.util.Map<String, Read> byFolder = new java.util.LinkedHashMap<>();
        JsonNode root;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(16 * 1024 * 1024 + 1);
            if (bytes.length > 16 * 1024 * 1024) {
                notes.add("is larger than 16 MB; it was not read, so the submissions are known by their folders' names");
                return byFolder;
            }
            root = YAML.readTree(bytes);
        } catch (IOException e) {
            notes.add("could not be read as YAML (" + e.getClass().getSimpleName() + "); the submissions are known by their "
                    + "folders' names");
            return byFolder;
        }
        if (root == null || !root.isObject()) {
            return byFolder;
        }
        root.fields().forEachRemaining(submission -> {
            JsonNode submitters = submission.getValue().path(":submitters");
            if (!submitters.isArray() || submitters.isEmpty()) {
                return;
            }
            JsonNode first = submitters.get(0);
            Instant created = yamlTime(text(submission.getValue().path(":created_at")));
            List<Identity> others = new ArrayList<>();
            List<String> named = new ArrayList<>();
            for (int i = 1; i < submitters.size(); i++) {
                JsonNode m = submitters.get(i);
                others.add(new Identity(Lms.GRADESCOPE, text(m.path(":sid")), null, text(m.path(":name")), text(m.path(":email")),
                        false, created));
                named.add(text(m.path(":name")) + " <" + text(m.path(":email")) + ">");
            }
            Identity who = new Identity(Lms.GRADESCOPE, text(first.path(":sid")), null, text(first.path(":name")),
                    text(first.path(":email")), false, created, others);
            List<String> groupNote = others.isEmpty() ? List.of() : List.of(groupNote(who, named));
            byFolder.put(submission.getKey(), new Read(who, groupNote));
        });
        return byFolder;
    }

    /** The note on a group submission: everyone it is graded for. */
    private static String groupNote(Identity first, List<String> others) {
        return "a group submission: graded for " + first.displayName() + " and for " + String.join(", ", others)
                + ", each a row of the gradebooks with this score";
    }

    /** {@code 2026-01-30 14:22:32.365935000 -08:00}, as Gradescope's YAML writes a time; null if it is none. */
    private static Instant yamlTime(String t) {
        if (t == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t.strip().replaceFirst(" ", "T").replace(" ", "")).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
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
