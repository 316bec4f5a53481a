package dlkit.grader.collect;

import dlkit.grader.collect.Identity.Lms;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads who a file or folder belongs to from the names learning-management systems give them
 * when an instructor downloads all submissions. Each rule is the system's own:
 * <ul>
 *   <li><b>Canvas</b> ({@code lib/content_zipper.rb}, {@code get_filename} and {@code add_upload_submission}):
 *       {@code [sortable name, "LATE" if late, user id].join("_")} with every non-word character removed
 *       ({@code gsub(/[^[[:word:]]]/, "")}, so Unicode letters and digits stay), the name lower-cased and
 *       {@code _digits_} in it joined up; under anonymous grading no name and {@code anon_<anonymous id>}
 *       for the id; then {@code _<attachment id>_<file name>}: {@code müllerjürgen_LATE_4711_90001_Adam.java};
 *       a text entry or a URL {@code _text.html} or {@code _link.html} ({@code add_text_or_url}).</li>
 *   <li><b>Moodle</b> ({@code mod/assign/classes/downloader.php}, {@code get_student_prefix} and
 *       {@code load_submissionplugin_filelist}): the full name with {@code _} turned into spaces, {@code _},
 *       the participant number; then {@code _assignsubmission_file} and the student's folders (download as
 *       folders, the default) or {@code _assignsubmission_file_<file name>} (flat). Blind marking writes
 *       {@code Participant} for the name. Moodle before 4.2 ended the folder with {@code _}.</li>
 *   <li><b>Blackboard</b> (the Grade Center's "Assignment File Download"):
 *       {@code <assignment>_<username>_attempt_<yyyy-MM-dd-HH-mm-ss>_<file name>} for each file, and
 *       {@code <assignment>_<username>_attempt_<date>.txt}, the receipt, naming the student.</li>
 * </ul>
 * Where a name reads two ways (a Canvas name may end in digits), every reading is returned, so the
 * collector can refuse the file rather than guess whose it is.
 */
final class LmsNames {

    private LmsNames() {}

    /** A loose file read as one student's: who, the file's own name, and whether it is Blackboard's receipt. */
    record Loose(Identity identity, String source, String fileName, boolean receipt) {}

    // Ruby's [[:word:]]: letters, marks, decimal digits and connector punctuation.
    private static final Pattern CANVAS_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}\\p{Pc}]*");
    private static final Pattern CANVAS_TAIL = Pattern.compile("_(LATE_)?(\\d+)_(\\d+)_(.+)", Pattern.DOTALL);
    private static final Pattern CANVAS_ANONYMOUS = Pattern.compile("(LATE_)?(anon_[A-Za-z0-9]+)_(\\d+)_(.+)", Pattern.DOTALL);
    // add_text_or_url: a text entry or a URL is "#{called}_text.html" or "#{called}_link.html", no attachment id.
    private static final Pattern CANVAS_TEXT_TAIL = Pattern.compile("_(LATE_)?(\\d+)_((?:text|link)\\.html)");
    private static final Pattern CANVAS_ANONYMOUS_TEXT = Pattern.compile("(LATE_)?(anon_[A-Za-z0-9]+)_((?:text|link)\\.html)");
    // sanitize_user_name joins up _digits_, so a name never holds one.
    private static final Pattern DIGITS_BETWEEN_UNDERSCORES = Pattern.compile("_\\d+_");

    private static final Pattern MOODLE_FILE = Pattern.compile("([^_]*)_(\\d+)_assignsubmission_([a-z]+)_(.+)", Pattern.DOTALL);
    private static final Pattern MOODLE_FOLDER = Pattern.compile("([^_]*)_(\\d+)_assignsubmission_([a-z]+)_?");

    private static final Pattern BLACKBOARD = Pattern.compile(
            "(.+)_([^_]+)_attempt_(\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2})(?:_(.+)|\\.txt)", Pattern.DOTALL);
    private static final Pattern BLACKBOARD_AFTER_TITLE = Pattern.compile(
            "(.+?)_attempt_(\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2})(?:_(.+)|\\.txt)", Pattern.DOTALL);
    private static final DateTimeFormatter BLACKBOARD_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss", Locale.ROOT);

    /** Every reading of {@code fileName} as a Canvas download's; empty if it is none. */
    static List<Loose> canvas(String fileName) {
        Map<String, Loose> readings = new LinkedHashMap<>();
        Matcher anonymous = CANVAS_ANONYMOUS.matcher(fileName);
        if (!anonymous.matches()) {
            anonymous = CANVAS_ANONYMOUS_TEXT.matcher(fileName);
        }
        if (anonymous.matches()) {
            // An anonymous id may be all digits; a name "anon" is rarer, so this reading alone is kept.
            return List.of(canvasReading("", anonymous.group(1) != null, anonymous.group(2), anonymous.group(anonymous.groupCount())));
        }
        for (int i = fileName.indexOf('_'); i >= 0; i = fileName.indexOf('_', i + 1)) {
            String name = fileName.substring(0, i);
            if (!CANVAS_NAME.matcher(name).matches() || DIGITS_BETWEEN_UNDERSCORES.matcher(name).find()
                    || !name.equals(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (Pattern p : List.of(CANVAS_TAIL, CANVAS_TEXT_TAIL)) {
                Matcher tail = p.matcher(fileName.substring(i));
                if (tail.matches()) {
                    add(readings, canvasReading(name, tail.group(1) != null, tail.group(2), tail.group(tail.groupCount())));
                }
            }
        }
        return List.copyOf(readings.values());
    }

    private static void add(Map<String, Loose> readings, Loose reading) {
        readings.putIfAbsent(reading.identity().key() + "/" + reading.identity().displayName(), reading);
    }

    private static Loose canvasReading(String name, boolean late, String id, String file) {
        String shown = !name.isEmpty() ? name : id.startsWith("anon_") ? id : "Canvas user " + id;
        String source = (name.isEmpty() ? "" : name + "_") + (late ? "LATE_" : "") + id;
        return new Loose(new Identity(Lms.CANVAS, id, null, shown, null, late, null), source, file, false);
    }

    /** A flat Moodle download's file ({@code Jo Smith_123_assignsubmission_file_Adam.java}). */
    static Optional<Loose> moodleFile(String fileName) {
        Matcher m = MOODLE_FILE.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        Identity who = moodle(m.group(1), m.group(2));
        return Optional.of(new Loose(who, m.group(1) + "_" + m.group(2), m.group(4), false));
    }

    /** A Moodle download's folder ({@code Jo Smith_123_assignsubmission_file}), if it is one. */
    static Optional<Identity> moodleFolder(String folderName) {
        Matcher m = MOODLE_FOLDER.matcher(folderName);
        return m.matches() ? Optional.of(moodle(m.group(1), m.group(2))) : Optional.empty();
    }

    private static Identity moodle(String fullName, String participant) {
        String shown = fullName.isBlank() || fullName.equals("Participant") ? "Participant " + participant : fullName;
        return new Identity(Lms.MOODLE, participant, null, shown, null, false, null);
    }

    /** The parts of a Blackboard download's name; {@code file} is null for the receipt. */
    record BlackboardName(String assignment, String username, LocalDateTime attempt, String file) {}

    /**
     * {@code fileName} as Blackboard's, the assignment's name known ({@code null}: read greedily, so
     * the username is the last part without {@code _}).
     */
    static Optional<BlackboardName> blackboard(String fileName, String assignment) {
        Matcher m = BLACKBOARD.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        // The username is what follows the assignment's name up to the first _attempt_: a file the
        // student named like another's attempt stays in the student's own attempt.
        String title = assignment != null && fileName.startsWith(assignment + "_") ? assignment : m.group(1);
        m = BLACKBOARD_AFTER_TITLE.matcher(fileName.substring(title.length() + 1));
        if (!m.matches()) {
            return Optional.empty();
        }
        LocalDateTime attempt;
        try {
            attempt = LocalDateTime.parse(m.group(2), BLACKBOARD_DATE);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.of(new BlackboardName(title, m.group(1), attempt, m.group(3)));
    }

    /**
     * The assignment's name common to these Blackboard file names: the shortest greedy reading that
     * starts every one of them; null if there is none.
     */
    static String blackboardAssignment(List<String> fileNames) {
        List<String> titles = new ArrayList<>();
        for (String f : fileNames) {
            blackboard(f, null).ifPresent(b -> titles.add(b.assignment()));
        }
        return titles.stream().sorted(java.util.Comparator.comparingInt(String::length))
                .filter(t -> fileNames.stream().allMatch(f -> f.startsWith(t + "_"))).findFirst().orElse(null);
    }

    /** Blackboard's attempt time, in this machine's zone: Blackboard writes its server's local time without one. */
    static Instant blackboardTime(LocalDateTime attempt) {
        return attempt.atZone(ZoneId.systemDefault()).toInstant();
    }

    /** The student's full name from Blackboard's receipt ({@code Name: Jo Smith (jsmith)}), if it has one. */
    static Optional<String> blackboardReceiptName(String receipt, String username) {
        Matcher m = Pattern.compile("(?m)^Name:\\s*(.+?)\\s*\\(" + Pattern.quote(username) + "\\)\\s*$").matcher(receipt);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
