package dlkit.grader.collect;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One student's work as collected: a source per exercise file found, and notes about what was
 * done to it (a package line fixed, a file ignored). A submission that could not be read at all
 * (a broken or unsafe zip) has a {@code refusal} and no files; it scores 0 with that reason.
 *
 * @param name     the student, from the folder or zip name, unique within a class
 * @param files    the sources by exercise file ({@code dlkit/optim/Adam.java}), kept in the order of their paths
 *                 (so that what is worked out from them, such as the identical files of two students, is the same in every run)
 * @param identity who it belongs to as the export named them (ids, login, late flag), for gradebooks and late penalties
 */
public record Submission(String name, Map<String, SourceFile> files, List<String> notes, String refusal, Identity identity) {

    public Submission {
        // Not Map.copyOf: its order changes from one JVM to the next.
        files = Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(files)));
        notes = List.copyOf(notes);
        identity = identity == null ? Identity.named(name) : identity;
    }

    /** A submission known by its name only. */
    public Submission(String name, Map<String, SourceFile> files, List<String> notes, String refusal) {
        this(name, files, notes, refusal, null);
    }

    public static Submission refused(String name, String reason) {
        return new Submission(name, Map.of(), List.of(), reason);
    }

    /** The same work under another name and identity. */
    Submission as(String newName, Identity newIdentity) {
        return new Submission(newName, files, notes, refusal, newIdentity);
    }
}
