package dlkit.grader.collect;

import dlkit.grader.collect.Identity.Lms;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
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
 *   <li><b>Brightspace</b> (D2L, the assignment's "Download" of its submissions): a folder per submission,
 *       {@code <number>-<number> - <First Last> - <date>} ({@code 27236-46025 - Mary-Ann Smith - Sep 24, 2024 926 PM}),
 *       the date in the downloader's language ({@code 05 March 2026 612 PM} too) and time zone, the time's
 *       colon dropped or, on Windows, a {@code _}; a group's submission has the group's name before the
 *       submitter's ({@code <numbers> - <group> - <First Last> - <date>}); an {@code index.html} lists them.
 *       A student who handed in twice has two folders. The two numbers are Brightspace's own, not the
 *       OrgDefinedId or Username its grade import matches by.</li>
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

    // A team submission's folder for those in no group: Moodle's "Default group", without an id.
    private static final Pattern MOODLE_WITHOUT_ID = Pattern.compile("([^_]+)_assignsubmission_([a-z]+)(?:_.*)?", Pattern.DOTALL);

    /**
     * True if these entries are a download of an assignment handed in by teams: Moodle then names
     * each folder by the group ({@code Team Rocket_42_assignsubmission_file}, 42 the group's id, not
     * a participant number) and those in no group {@code Default group_assignsubmission_file},
     * without an id. Only that folder tells a team download from one of participants.
     */
    static boolean moodleTeams(List<String> entryNames) {
        return entryNames.stream().anyMatch(n -> MOODLE_WITHOUT_ID.matcher(n).matches());
    }

    /** A Moodle identity read from a team download: the group's name, and no participant number (the number is the group's). */
    static Identity moodleTeam(Identity who) {
        return who.lms() != Lms.MOODLE || who.userId() == null ? who
                : new Identity(Lms.MOODLE, null, null, who.displayName(), null, who.late(), who.submittedAt(), who.group());
    }

    private static Identity moodle(String fullName, String participant) {
        String shown = fullName.isBlank() || fullName.equals("Participant") ? "Participant " + participant : fullName;
        return new Identity(Lms.MOODLE, participant, null, shown, null, false, null);
    }

    /**
     * The parts of a Brightspace download's folder name.
     *
     * @param numbers   the two numbers that start it ({@code 27236-46025})
     * @param group     the group's name for a group's submission, else null
     * @param name      the submitter's name as Brightspace shows it
     * @param time      the date and time as the name writes it
     * @param submitted that time read, in the downloader's zone; null if it could not be read
     */
    record BrightspaceName(String numbers, String group, String name, String time, LocalDateTime submitted) {}

    private static final Pattern BRIGHTSPACE_NUMBERS = Pattern.compile("\\d+-\\d+");
    // The time with its colon, without it (Brightspace's zip drops it) or with _ for it (Windows): 9:26, 926, 9_26.
    private static final Pattern BRIGHTSPACE_TIME = Pattern.compile("(.+) (\\d{1,2})[:_]?(\\d{2}) ([AaPp][Mm])");
    // Strict: a day the month does not have (Sep 31) is not read as another.
    private static final List<DateTimeFormatter> BRIGHTSPACE_DATES = List.of("MMM d, uuuu", "MMMM d, uuuu", "d MMMM uuuu", "d MMM uuuu")
            .stream().map(p -> new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern(p + " H:mm").toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT))
            .toList();

    /**
     * {@code folderName} as a Brightspace download's submission folder, if it starts like one (its
     * numbers, then {@code " - "}) and has a name and a time; the time unread if its form is unknown.
     */
    static Optional<BrightspaceName> brightspace(String folderName) {
        List<String> parts = List.of(folderName.split(" - ", -1));
        if (parts.size() < 3 || !BRIGHTSPACE_NUMBERS.matcher(parts.get(0)).matches()
                || parts.subList(1, parts.size() - 1).stream().anyMatch(String::isBlank)) {
            return Optional.empty();
        }
        String time = parts.get(parts.size() - 1);
        String group = parts.size() > 3 ? parts.get(1) : null;
        String name = String.join(" - ", parts.subList(parts.size() > 3 ? 2 : 1, parts.size() - 1));
        return Optional.of(new BrightspaceName(parts.get(0), group, name, time, brightspaceTime(time)));
    }

    /** {@code Sep 24, 2024 926 PM} (or {@code 9:26 PM}, {@code 9_26 PM}, {@code 24 September 2024 926 PM}) read; null if not. */
    private static LocalDateTime brightspaceTime(String text) {
        Matcher m = BRIGHTSPACE_TIME.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        int hour = Integer.parseInt(m.group(2));
        if (hour < 1 || hour > 12) {
            return null;
        }
        // 12 AM is midnight, 12 PM noon.
        int hour24 = hour % 12 + (m.group(4).equalsIgnoreCase("PM") ? 12 : 0);
        String date = m.group(1).strip() + " " + hour24 + ":" + m.group(3);
        for (DateTimeFormatter f : BRIGHTSPACE_DATES) {
            try {
                return LocalDateTime.parse(date, f);
            } catch (DateTimeParseException e) {
                // The next form.
            }
        }
        return null;
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
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.of(new BlackboardName(title, m.group(1), attempt, m.group(3)));
    }

    // The part before the first _attempt_<time>: the assignment's name, _, the username.
    private static final Pattern BLACKBOARD_HEAD = Pattern.compile(
            "(.+?)_attempt_\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}(?:_.+|\\.txt)", Pattern.DOTALL);

    /** {@link #blackboardAssignment(List, Map)} without receipts to read. */
    static String blackboardAssignment(List<String> fileNames) {
        return blackboardAssignment(fileNames, Map.of());
    }

    /**
     * The assignment's name that starts the Blackboard file names among {@code fileNames} (other
     * entries, such as {@code .DS_Store} or a README, aside); null if there are none. A receipt
     * ({@code receipts}: its file name and text) says it for certain: its first line names the user,
     * whose username ends the part before {@code _attempt_}. Without one, the name is the longest run
     * of whole {@code _}-separated parts that starts every file and leaves each a username: right
     * unless every username starts with the same part ({@code jo_smith} and {@code jo_brown}).
     */
    static String blackboardAssignment(List<String> fileNames, Map<String, String> receipts) {
        List<String> heads = new ArrayList<>();
        for (String f : fileNames) {
            Matcher m = BLACKBOARD_HEAD.matcher(f);
            if (m.matches()) {
                heads.add(m.group(1));
            }
        }
        if (heads.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, String> receipt : receipts.entrySet()) {
            Matcher m = BLACKBOARD_HEAD.matcher(receipt.getKey());
            Optional<String> user = blackboardReceiptUser(receipt.getValue());
            if (m.matches() && user.isPresent() && m.group(1).endsWith("_" + user.get())) {
                String title = m.group(1).substring(0, m.group(1).length() - user.get().length() - 1);
                if (heads.stream().allMatch(h -> h.startsWith(title + "_"))) {
                    return title;
                }
            }
        }
        List<String> common = sharedParts(heads, "_");
        return common.isEmpty() ? null : String.join("_", common);
    }

    /**
     * The whole parts, split at {@code separator}, that start every one of {@code names} and leave
     * each at least its last part ({@code hw1-ada}, {@code hw1-bob}: {@code [hw1]}); empty if none.
     */
    static List<String> sharedParts(List<String> names, String separator) {
        List<String> common = null;
        for (String name : names) {
            List<String> parts = List.of(name.split(Pattern.quote(separator), -1));
            parts = parts.subList(0, parts.size() - 1);
            int i = 0;
            while (common != null && i < Math.min(common.size(), parts.size()) && common.get(i).equals(parts.get(i))) {
                i++;
            }
            common = common == null ? parts : common.subList(0, i);
        }
        return common == null ? List.of() : common;
    }

    /** The receipt's name of the attempt a Blackboard file belongs to ({@code HW1_jsmith_attempt_<time>.txt}), if it is one's. */
    static Optional<String> blackboardReceiptOf(String fileName) {
        Matcher m = BLACKBOARD_ATTEMPT.matcher(fileName);
        return m.matches() && m.group(2) != null ? Optional.of(m.group(1) + ".txt") : Optional.empty();
    }

    private static final Pattern BLACKBOARD_ATTEMPT = Pattern.compile(
            "(.+?_attempt_\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2})(?:(_.+)|\\.txt)", Pattern.DOTALL);

    /** The username a Blackboard receipt's first {@code Name:} line gives ({@code Name: Jo Smith (jo_smith)}). */
    static Optional<String> blackboardReceiptUser(String receipt) {
        Matcher m = Pattern.compile("(?m)^Name:.*\\(([^()\\s]+)\\)\\s*$").matcher(receipt);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The student's full name from Blackboard's receipt ({@code Name: Jo Smith (jsmith)}), if it has one. */
    static Optional<String> blackboardReceiptName(String receipt, String username) {
        Matcher m = Pattern.compile("(?m)^Name:\\s*(.+?)\\s*\\(" + Pattern.quote(username) + "\\)\\s*$").matcher(receipt);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
