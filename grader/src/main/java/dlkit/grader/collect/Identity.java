package dlkit.grader.collect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a submission belongs to, as the learning-management system named them in its export.
 * Gradebooks match students by these, and late penalties use {@code late} and
 * {@code submittedAt}; any part the export does not give is null (or false).
 *
 * @param lms         where the export came from
 * @param userId      the system's id of the student: Canvas's user id ({@code 4711}) or
 *                    {@code anon_<id>} under anonymous grading, Moodle's participant number, the student id
 *                    ({@code :sid}) of Gradescope's export, the two numbers that start a Brightspace download's
 *                    folder ({@code 27236-46025}: Brightspace's own ids, not the OrgDefinedId or Username its
 *                    grade import matches)
 * @param login       a login: Blackboard's username, the GitHub user of a Classroom repository
 * @param displayName the name as the export writes it (Canvas's lower-cased sortable name, Moodle's full name)
 * @param email       an e-mail address (Gradescope's metadata gives one)
 * @param late        the export marks the submission late (Canvas's {@code LATE}, or after Gradescope's due date)
 * @param submittedAt when it was handed in, if the export says (Blackboard's attempt, Brightspace's folder,
 *                    Gradescope's {@code created_at})
 * @param group       the other members of a group submission (Gradescope's further submitters), each with
 *                    their id, name and e-mail; empty for a submission of one
 */
public record Identity(Lms lms, String userId, String login, String displayName, String email, boolean late,
                       Instant submittedAt, List<Identity> group) {

    public Identity {
        group = group == null ? List.of() : List.copyOf(group);
    }

    /** A submission of one student. */
    public Identity(Lms lms, String userId, String login, String displayName, String email, boolean late, Instant submittedAt) {
        this(lms, userId, login, displayName, email, late, submittedAt, List.of());
    }

    /**
     * Everyone the submission is graded for, each a row of the gradebooks: this student, then each
     * other member of the group, handed in when and as late as the submission.
     */
    public List<Identity> everyone() {
        List<Identity> all = new ArrayList<>(List.of(this));
        group.forEach(m -> all.add(new Identity(m.lms(), m.userId(), m.login(), m.displayName(), m.email(), late, submittedAt)));
        return List.copyOf(all);
    }

    /** The systems whose exports the collector reads by their naming. */
    public enum Lms {
        NONE("the folder's name"), CANVAS("Canvas's export"), MOODLE("Moodle's export"), BLACKBOARD("Blackboard's export"),
        GRADESCOPE("Gradescope's metadata"), GITHUB_CLASSROOM("GitHub Classroom's clones"), BRIGHTSPACE("Brightspace's download");

        /** Where a time or late flag came from, as reports say it. */
        public final String source;

        Lms(String source) {
            this.source = source;
        }
    }

    /** A submission that came with nothing but its folder's or file's name. */
    public static Identity named(String name) {
        return new Identity(Lms.NONE, null, null, name, null, false, null);
    }

    /**
     * What tells this student apart within one export: the system's id, else the login, else the
     * e-mail, else the name. Brightspace's download is the exception: its numbers are not known to
     * stay the same over one student's submissions, so its students are told apart by name.
     */
    public String key() {
        if (lms == Lms.BRIGHTSPACE) {
            return lms + ":name:" + displayName;
        }
        if (userId != null) {
            return lms + ":id:" + userId;
        }
        if (login != null) {
            return lms + ":login:" + login;
        }
        return email != null ? lms + ":email:" + email : lms + ":name:" + displayName;
    }

    /** This identity marked late or not, with the time handed in if known. */
    Identity withLate(boolean late, Instant submittedAt) {
        return new Identity(lms, userId, login, displayName, email, late, submittedAt, group);
    }
}
