package dlkit.grader.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dlkit.grader.collect.Entry.Fate;
import dlkit.grader.collect.Identity.Lms;
import dlkit.grader.kit.Exercise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class folders as each system's "download all submissions" makes them, built from the system's
 * own naming rule, and what the collector makes of every entry in them.
 */
class LmsExportsTest {

    static final Exercise ADAM = new Exercise("dlkit/optim/Adam.java", "");
    static final Exercise DENSE = new Exercise("dlkit/layers/Dense.java", "");

    @TempDir
    Path tmp;

    Collector collector;

    List<Submission> collect(String folder) throws IOException {
        return collect(folder, Collector.Mode.AUTO);
    }

    List<Submission> collect(String folder, Collector.Mode mode) throws IOException {
        collector = new Collector(List.of(ADAM, DENSE), Files.createDirectories(tmp.resolve("work")));
        List<Submission> found = collector.collect(tmp.resolve(folder), mode);
        // No entry is ever dropped silently: each file and folder of the class folder has exactly one fate.
        try (Stream<Path> children = Files.list(tmp.resolve(folder))) {
            assertThat(collector.entries()).extracting(Entry::name)
                    .containsExactlyInAnyOrderElementsOf(children.map(p -> SafeUnzip.printable(p.getFileName().toString())).toList());
        }
        return found;
    }

    Path write(String relative, String text) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    static String adam(String marker) {
        return "package dlkit.optim;\nclass Adam { String who = \"" + marker + "\"; }\n";
    }

    static Submission named(List<Submission> found, String name) {
        return found.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                "no submission named " + name + " in " + found.stream().map(Submission::name).toList()));
    }

    static Entry entry(Collector c, String name) {
        return c.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ Canvas

    /**
     * Canvas's rule, as canvas-lms {@code lib/content_zipper.rb} writes it: {@code get_user_name} takes
     * the sortable name through {@code sanitize_user_name} ({@code gsub!(/_(\d+)_/, '\1')}, then
     * {@code downcase}); {@code get_filename} joins {@code [users_name, submission.late? ? "LATE" : nil, id]}
     * with {@code _}, the id being {@code user_id} or {@code "anon_#{anonymous_id}"} under anonymous
     * grading (no name then), and {@code sanitize_file_name} removes {@code /[^[[:word:]]]/}; then
     * {@code add_upload_submission} appends {@code _#{file.id}_#{display_name}}.
     */
    static String canvas(String sortableName, boolean late, String id, long attachment, String file) {
        String name = sortableName == null ? null : sortableName.replaceAll("_(\\d+)_", "$1").toLowerCase(Locale.ROOT);
        String joined = String.join("_", Stream.of(name, late ? "LATE" : null, id).filter(java.util.Objects::nonNull).toList());
        return joined.replaceAll("[^\\p{L}\\p{M}\\p{Nd}\\p{Pc}]", "") + "_" + attachment + "_" + file;
    }

    @Test
    void canvasNamesWithUnicodeLateAndAnonymousAreEachTheirStudent() throws IOException {
        write("canvas/" + canvas("Müller, Jürgen", false, "4711", 90001, "Adam.java"), adam("jürgen"));
        write("canvas/" + canvas("Müller, Jürgen", false, "4711", 90002, "Dense-1.java"), "package dlkit.layers;\nclass Dense {}\n");
        write("canvas/" + canvas("王, 小明", true, "4712", 90003, "Adam.java"), adam("xiaoming"));
        write("canvas/" + canvas(null, false, "anon_Xk3pQ", 90004, "Adam.java"), adam("anonymous"));
        write("canvas/" + canvas(null, true, "anon_b7Yz2", 90005, "Adam.java"), adam("anonymous, late"));
        write("canvas/" + canvas("☺, ☺", false, "4713", 90006, "Adam.java"), adam("emoji"));

        List<Submission> found = collect("canvas");

        assertThat(canvas("Müller, Jürgen", false, "4711", 90001, "Adam.java")).isEqualTo("müllerjürgen_4711_90001_Adam.java");
        assertThat(found).extracting(Submission::name)
                .containsExactly("anon_b7Yz2", "anon_Xk3pQ", "Canvas user 4713", "müllerjürgen", "王小明");
        Submission jurgen = named(found, "müllerjürgen");
        assertThat(jurgen.files()).containsOnlyKeys(ADAM.file(), DENSE.file());
        assertThat(jurgen.identity()).isEqualTo(new Identity(Lms.CANVAS, "4711", null, "müllerjürgen", null, false, null));
        assertThat(named(found, "王小明").identity().late()).isTrue();
        assertThat(named(found, "王小明").identity().userId()).isEqualTo("4712");
        assertThat(named(found, "anon_b7Yz2").identity().late()).isTrue();
        assertThat(named(found, "anon_Xk3pQ").identity().late()).isFalse();
        assertThat(named(found, "Canvas user 4713").files().get(ADAM.file()).text()).contains("emoji");
        assertThat(collector.entries()).allSatisfy(e -> assertThat(e.fate()).isEqualTo(Fate.GRADED));
    }

    @Test
    void aCanvasTextEntryIsTheStudentsAndSaysThatOnlyJavaIsGraded() throws IOException {
        // content_zipper.rb, add_text_or_url: "#{called}_text.html", called being get_filename's prefix.
        write("canvas/smithjo_LATE_4711_text.html", "<p>my answer is in the text box</p>");
        write("canvas/" + canvas("Doe, Jane", false, "4712", 100, "Adam.java"), adam("jane"));

        List<Submission> found = collect("canvas");

        assertThat(found).extracting(Submission::name).containsExactly("doejane", "smithjo");
        Submission jo = named(found, "smithjo");
        assertThat(jo.identity().late()).isTrue();
        assertThat(jo.files()).isEmpty();
        assertThat(jo.notes()).containsExactly("no .java file of the kit's exercises was found; the submission holds "
                + "smithjo_LATE_4711_text.html, but only .java files, or zips of them, are graded");
    }

    @Test
    void twoCanvasStudentsWhoseNamesCollideOnceStrippedStayTwo() throws IOException {
        write("canvas/" + canvas("O'Brien, Ann", false, "21", 1, "Adam.java"), adam("first"));
        write("canvas/" + canvas("OBrien, Ann", false, "22", 2, "Adam.java"), adam("second"));

        List<Submission> found = collect("canvas");

        assertThat(found).extracting(Submission::name).containsExactly("obrienann (21)", "obrienann (22)");
        assertThat(named(found, "obrienann (21)").files().get(ADAM.file()).text()).contains("first");
        assertThat(named(found, "obrienann (22)").files().get(ADAM.file()).text()).contains("second");
    }

    @Test
    void aFolderNamedAsAnotherStudentIsToldApartIsNamedOnceAndNoStudentIsDropped() throws IOException {
        write("moodle/" + moodle("Jo Smith", 101) + "/Adam.java", adam("participant 101"));
        write("moodle/" + moodle("Jo Smith", 102) + "/Adam.java", adam("participant 102"));
        // A plain folder whose name is the one participant 101 gets to be told apart from 102.
        write("moodle/Jo Smith (101)/Adam.java", adam("plain folder"));

        List<Submission> found = collect("moodle");

        assertThat(found).extracting(Submission::name).doesNotHaveDuplicates().hasSize(3);
        assertThat(found).extracting(s -> s.files().get(ADAM.file()).text()).anySatisfy(t -> assertThat(t).contains("participant 101"))
                .anySatisfy(t -> assertThat(t).contains("participant 102")).anySatisfy(t -> assertThat(t).contains("plain folder"));
        assertThat(named(found, "Jo Smith (102)").identity().userId()).isEqualTo("102");
        assertThat(collector.entries()).extracting(Entry::student).doesNotHaveDuplicates();
        for (Entry e : collector.entries()) {
            assertThat(named(found, e.student()).files().get(ADAM.file()).text()).as(e.name())
                    .contains(e.name().startsWith("Jo Smith_101") ? "participant 101" : e.name().startsWith("Jo Smith_102")
                            ? "participant 102" : "plain folder");
        }
    }

    @Test
    void aCanvasNameEndingInAnotherStudentsIdIsRefusedNotMergedIntoThem() throws IOException {
        // Jane is user 4711; the attacker, user 999, sets the sortable name "Doe, Jane_4711": Canvas keeps
        // "_4711" (sanitize_user_name joins up only _digits_), so the file names start alike.
        write("canvas/" + canvas("Doe, Jane", false, "4711", 100, "Adam.java"), adam("jane"));
        String forged = canvas("Doe, Jane_4711", false, "999", 555, "Adam.java");
        write("canvas/" + forged, adam("attacker"));
        assertThat(forged).isEqualTo("doejane_4711_999_555_Adam.java");

        List<Submission> found = collect("canvas");

        assertThat(found).extracting(Submission::name).containsExactly("doejane");
        assertThat(found.get(0).files().get(ADAM.file()).text()).contains("jane");
        Entry refused = entry(collector, forged);
        assertThat(refused.fate()).isEqualTo(Fate.REFUSED);
        assertThat(refused.reason()).contains("2 different students", "Canvas user 4711 (doejane)", "Canvas user 999 (doejane_4711)");
    }

    @Test
    void aFileNamedLikeAnotherStudentsStaysWithTheStudentWhoUploadedIt() throws IOException {
        write("canvas/" + canvas("Doe, Jane", false, "4711", 100, "Adam.java"), adam("jane"));
        write("canvas/" + canvas("Mallory, Eve", false, "999", 555, "doejane_4711_100_Adam.java"), adam("eve"));

        List<Submission> found = collect("canvas");

        assertThat(found).extracting(Submission::name).containsExactly("doejane", "malloryeve");
        assertThat(named(found, "doejane").files().get(ADAM.file()).text()).contains("jane");
        assertThat(named(found, "malloryeve").files().get(ADAM.file()).text()).contains("eve");
        assertThat(named(found, "malloryeve").identity().userId()).isEqualTo("999");
    }

    @Test
    void twoExportsOfOneCanvasStudentAreMergedWithTheReasonAndTheNewerFileGraded() throws IOException {
        Path before = write("exports/" + canvas("Smith, Jo", false, "4711", 1, "Adam.java"), adam("on time"));
        Path after = write("exports/" + canvas("Smith, Jo", true, "4711", 2, "Adam.java"), adam("resubmitted late"));
        Files.setLastModifiedTime(before, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(after, java.nio.file.attribute.FileTime.fromMillis(2_000_000));

        List<Submission> found = collect("exports");

        assertThat(found).extracting(Submission::name).containsExactly("smithjo");
        assertThat(found.get(0).files().get(ADAM.file()).text()).contains("resubmitted late");
        assertThat(found.get(0).identity().late()).as("late if any export says so").isTrue();
        Entry merged = entry(collector, after.getFileName().toString());
        assertThat(merged.fate()).isEqualTo(Fate.MERGED);
        assertThat(merged.student()).isEqualTo("smithjo");
        assertThat(merged.reason()).contains("same student's as smithjo_4711", "Canvas user 4711 (smithjo)");
    }

    // ------------------------------------------------------------------ Moodle

    /**
     * Moodle's rule, {@code mod/assign/classes/downloader.php}: {@code get_student_prefix} is
     * {@code clean_filename(str_replace('_', ' ', fullname) . '_' . get_uniqueid_for_user(id))}
     * ({@code Participant} for the name under blind marking); {@code load_submissionplugin_filelist}
     * adds {@code '_' . $subtype . '_' . $type} and then the file's path as a folder (download as
     * folders, the default since 3.1) or {@code '_' . $zipfilename} (flat).
     */
    static String moodle(String fullName, int participant) {
        return fullName.replace('_', ' ') + "_" + participant + "_assignsubmission_file";
    }

    @Test
    void moodleFoldersOneAStudentWhateverTheirNameAndTheOnlineTextJoinsTheirFiles() throws IOException {
        write("moodle/" + moodle("Jo Smith", 101) + "/Adam.java", adam("jo"));
        write("moodle/Jo Smith_101_assignsubmission_onlinetext/onlinetext.html", "<p>see my files</p>");
        write("moodle/" + moodle("سارة أحمد", 102) + "/src/Adam.java", adam("sara"));
        write("moodle/" + moodle("Participant", 103) + "/Adam.java", adam("blind"));
        write("moodle/" + moodle("Ann_Lee", 104) + "_/Adam.java", adam("moodle 4.1 ends the folder with _"));
        write("moodle/" + moodle("..Ann", 105) + "/Adam.java", adam("dots"));
        write("moodle/" + moodle("Jo \u202Ehtims", 106) + "/Adam.java", adam("right-to-left override"));
        CollectorTest.zip(tmp.resolve("moodle/" + moodle("Jo Smith", 101) + ".zip"), "Dense.java", "package dlkit.layers;\nclass Dense {}\n");

        List<Submission> found = collect("moodle");

        assertThat(found).extracting(Submission::name).containsExactlyInAnyOrder("..Ann", "Ann Lee", "Jo Smith",
                "Jo \uFFFDhtims", "Participant 103", "سارة أحمد");
        Submission jo = named(found, "Jo Smith");
        assertThat(jo.identity()).isEqualTo(new Identity(Lms.MOODLE, "101", null, "Jo Smith", null, false, null));
        assertThat(jo.files().get(ADAM.file()).text()).contains("jo");
        assertThat(jo.files()).as("a zip named as Moodle names the student's folder joins them").containsKey(DENSE.file());
        Entry onlineText = entry(collector, "Jo Smith_101_assignsubmission_onlinetext");
        assertThat(onlineText.fate()).isEqualTo(Fate.MERGED);
        assertThat(onlineText.reason()).contains("Moodle participant 101 (Jo Smith)");
        assertThat(named(found, "سارة أحمد").files().get(ADAM.file()).text()).contains("sara");
        assertThat(named(found, "Ann Lee").identity().userId()).isEqualTo("104");
        assertThat(named(found, "..Ann").files()).containsOnlyKeys(ADAM.file());
    }

    @Test
    void aFlatMoodleDownloadIsSplitByStudent() throws IOException {
        write("flat/" + moodle("Jo Smith", 101) + "_Adam.java", adam("jo"));
        write("flat/" + moodle("Jo Smith", 101) + "_Dense.java", "package dlkit.layers;\nclass Dense {}\n");
        write("flat/" + moodle("Ann Lee", 104) + "_Adam.java", adam("ann"));
        // Eve uploads a file named as Moodle would name Jo's: Moodle turns _ in names into spaces, so the
        // participant is the first number, Eve's.
        write("flat/" + moodle("Eve", 105) + "_" + moodle("Jo Smith", 101) + "_Dense.java",
                "package dlkit.layers;\nclass Dense { String who = \"eve\"; }\n");

        List<Submission> found = collect("flat");

        assertThat(found).extracting(Submission::name).containsExactly("Ann Lee", "Eve", "Jo Smith");
        assertThat(named(found, "Jo Smith").files()).containsOnlyKeys(ADAM.file(), DENSE.file());
        assertThat(named(found, "Jo Smith").files().get(DENSE.file()).text()).doesNotContain("eve");
        assertThat(named(found, "Eve").files().get(DENSE.file()).text()).contains("eve");
        assertThat(named(found, "Ann Lee").files().get(ADAM.file()).text()).contains("ann");
    }

    /**
     * A team submission's download, as Moodle's {@code downloader::get_student_prefix} names it: the
     * group's name (its {@code _} as spaces), {@code _}, the group's id; those in no group
     * {@code Default group}, without an id. The id is no participant number.
     */
    @Test
    void aMoodleTeamDownloadIsKnownByItsDefaultGroupAndGivesNoParticipantNumber() throws IOException {
        write("teams/" + moodle("Team_Rocket", 42) + "/Adam.java", adam("rocket"));
        write("teams/Default group_assignsubmission_file/Adam.java", adam("no group"));

        List<Submission> found = collect("teams");

        assertThat(found).extracting(Submission::name).containsExactly("Default group", "Team Rocket");
        assertThat(named(found, "Team Rocket").identity()).isEqualTo(new Identity(Lms.MOODLE, null, null, "Team Rocket", null, false, null));
        assertThat(entry(collector, moodle("Team_Rocket", 42)).reason()).contains("a team (a group), not of one participant",
                "gradebook-moodle.csv leaves its Identifier empty");
        assertThat(entry(collector, "Default group_assignsubmission_file").reason()).contains("a team");
        // Without a Default group, a team's folder reads as a participant's: Moodle's names cannot tell them apart.
        write("plain/" + moodle("Team_Rocket", 42) + "/Adam.java", adam("rocket"));
        assertThat(collect("plain")).extracting(sub -> sub.identity().userId()).containsExactly("42");
        assertThat(entry(collector, moodle("Team_Rocket", 42)).reason()).isEmpty();
    }

    // ------------------------------------------------------------------ Blackboard

    /**
     * Blackboard's Grade Center "Assignment File Download" names each file
     * {@code assignmentname_username_attempt_datetime_filename.ext} and writes a receipt
     * {@code assignmentname_username_attempt_datetime.txt} per attempt (as described by
     * github.com/terr-steak/bb-file-cleanup, README, and parsed the same way by
     * github.com/vangef/BBGradebookOrganiser), the receipt starting {@code Name: Full Name (username)}.
     */
    static String blackboard(String user, String attempt, String file) {
        return "Homework 3_" + user + "_attempt_" + attempt + (file == null ? ".txt" : "_" + file);
    }

    @Test
    void blackboardsLooseFilesAreSplitByUsernameWithTheLatestAttemptGraded() throws IOException {
        write("bb/" + blackboard("jsmith", "2026-01-10-09-00-00", "Adam.java"), adam("latest"));
        write("bb/" + blackboard("jsmith", "2026-01-10-09-00-00", null), "Name: Jo Smith (jsmith)\nAssignment: Homework 3\n");
        write("bb/" + blackboard("jsmith", "2026-01-09-08-00-00", "Adam.java"), adam("older"));
        write("bb/" + blackboard("jsmith", "2026-01-09-08-00-00", null), "Name: Jo Smith (jsmith)\n");
        write("bb/" + blackboard("a_lee", "2026-01-10-10-00-00", "Adam.java"), adam("a_lee"));
        write("bb/" + blackboard("b_lee", "2026-01-10-11-00-00", "Adam.java"), adam("b_lee"));
        // b_lee uploads a Dense named like jsmith's newest attempt: it stays in b_lee's own attempt.
        write("bb/" + blackboard("b_lee", "2026-01-10-11-00-00", blackboard("jsmith", "2026-01-11-00-00-00", "Dense.java")),
                "package dlkit.layers;\nclass Dense { String who = \"b_lee\"; }\n");

        List<Submission> found = collect("bb");

        assertThat(found).extracting(Submission::name).containsExactly("a_lee", "b_lee", "Jo Smith");
        Submission jo = named(found, "Jo Smith");
        assertThat(jo.files().get(ADAM.file()).text()).contains("latest");
        assertThat(jo.identity().login()).isEqualTo("jsmith");
        assertThat(jo.identity().submittedAt()).isEqualTo(java.time.LocalDateTime.of(2026, 1, 10, 9, 0).atZone(java.time.ZoneId.systemDefault()).toInstant());
        assertThat(named(found, "a_lee").files().get(ADAM.file()).text()).contains("a_lee");
        assertThat(named(found, "b_lee").files().get(ADAM.file()).text()).contains("b_lee");
        assertThat(named(found, "b_lee").files().get(DENSE.file()).text()).contains("b_lee");
        assertThat(jo.files()).containsOnlyKeys(ADAM.file());
        Entry older = entry(collector, blackboard("jsmith", "2026-01-09-08-00-00", "Adam.java"));
        assertThat(older.fate()).isEqualTo(Fate.MERGED);
        assertThat(older.reason()).contains("older attempt (2026-01-09 08:00)", "latest attempt (2026-01-10 09:00)");
        assertThat(entry(collector, blackboard("jsmith", "2026-01-10-09-00-00", null)).reason()).contains("receipt");
    }

    @Test
    void blackboardUsernamesWithUnderscoresAreReadFromTheReceiptWhateverElseTheFolderHolds() throws IOException {
        for (String user : List.of("jo_smith", "al_smith")) {
            String attempt = user.startsWith("jo") ? "2024-01-01-12-00-00" : "2024-01-02-12-00-00";
            String file = "HW1_" + user + "_attempt_" + attempt;
            write("bb/" + file + "_Adam.java", adam(user));
            write("bb/" + file + ".txt", "Name: " + (user.startsWith("jo") ? "Jo" : "Al") + " Smith (" + user + ")\nAssignment: HW1\n");
        }
        write("bb/.DS_Store", "finder");
        write("bb/README", "the class folder");

        List<Submission> found = collect("bb");

        assertThat(found).extracting(Submission::name).containsExactly("Al Smith", "Jo Smith");
        assertThat(found).extracting(sub -> sub.identity().login()).containsExactly("al_smith", "jo_smith");
        assertThat(named(found, "Jo Smith").files().get(ADAM.file()).text()).contains("jo_smith");
        assertThat(named(found, "Al Smith").files().get(ADAM.file()).text()).contains("al_smith");
    }

    @Test
    void withoutReceiptsTheAssignmentIsThePartsEveryBlackboardFileStartsWith() {
        List<String> names = List.of("HW 1_jo_smith_attempt_2024-01-01-12-00-00_Adam.java",
                "HW 1_al_smith_attempt_2024-01-02-12-00-00_Adam.java", ".DS_Store", "README");
        assertThat(LmsNames.blackboardAssignment(names)).isEqualTo("HW 1");
        assertThat(LmsNames.blackboard(names.get(0), "HW 1")).get().extracting(LmsNames.BlackboardName::username).isEqualTo("jo_smith");
        // One receipt says it for every file, even where every username starts alike.
        List<String> alike = List.of("HW_1_jo_smith_attempt_2024-01-01-12-00-00_Adam.java",
                "HW_1_jo_brown_attempt_2024-01-02-12-00-00_Adam.java", "HW_1_jo_brown_attempt_2024-01-02-12-00-00.txt");
        assertThat(LmsNames.blackboardAssignment(alike)).isEqualTo("HW_1_jo");
        assertThat(LmsNames.blackboardAssignment(alike, java.util.Map.of(alike.get(2), "Name: Jo Brown (jo_brown)\n")))
                .isEqualTo("HW_1");
        assertThat(LmsNames.blackboardAssignment(List.of(".DS_Store", "README"))).isNull();
    }

    // ------------------------------------------------------------------ Brightspace

    /**
     * Brightspace's (D2L's) assignment "Download": a folder per submission named
     * {@code <number>-<number> - <First Last> - <date>}, the time's colon dropped, and an {@code index.html}
     * beside them (github.com/cgmb/d2lmf, {@code parse_submission_dirname} and its tests; the dates with a
     * dropped colon as University of Limerick's grader_helper tests and a Brightspace rename script read
     * them); a group's submission has the group's name before the submitter's.
     */
    static String brightspace(String numbers, String name, String date) {
        return numbers + " - " + name + " - " + date;
    }

    @Test
    void brightspaceFoldersAreEachStudentsWithTheLatestSubmissionGradedAndTheIndexNamed() throws IOException {
        write("d2l/" + brightspace("27236-46025", "Mary-Ann Smith", "Sep 24, 2024 926 PM") + "/Adam.java", adam("older"));
        write("d2l/" + brightspace("27236-46031", "Mary-Ann Smith", "Sep 25, 2024 1005 AM") + "/Adam.java", adam("latest"));
        write("d2l/" + brightspace("27236-46026", "Chloé Dubois-Laurent", "Sep 24, 2024 1158 PM") + "/src/Adam.java", adam("chloé"));
        write("d2l/" + brightspace("27236-46027", "de la Cruz, Ana", "24 September 2024 1200 AM") + "/Adam.java", adam("ana"));
        write("d2l/" + brightspace("27236-46028", "Team Rocket - Jo Brown", "Sep 24, 2024 12_05 PM") + "/Adam.java", adam("team"));
        write("d2l/" + brightspace("27236-46029", "Pat Lee", "sometime on Tuesday") + "/Adam.java", adam("pat"));
        write("d2l/index.html", "<html><body><table><tr><td>Mary-Ann Smith</td></tr></table></body></html>");

        List<Submission> found = collect("d2l");

        assertThat(found).extracting(Submission::name).containsExactlyInAnyOrder("Mary-Ann Smith", "Chloé Dubois-Laurent",
                "de la Cruz, Ana", "Team Rocket", brightspace("27236-46029", "Pat Lee", "sometime on Tuesday"));
        Submission mary = named(found, "Mary-Ann Smith");
        assertThat(mary.files().get(ADAM.file()).text()).contains("latest");
        assertThat(mary.identity()).isEqualTo(new Identity(Lms.BRIGHTSPACE, "27236-46031", null, "Mary-Ann Smith", null, false,
                java.time.LocalDateTime.of(2024, 9, 25, 10, 5).atZone(java.time.ZoneId.systemDefault()).toInstant()));
        assertThat(named(found, "Chloé Dubois-Laurent").files().get(ADAM.file()).text()).contains("chloé");
        assertThat(named(found, "de la Cruz, Ana").identity().submittedAt())
                .isEqualTo(java.time.LocalDateTime.of(2024, 9, 24, 0, 0).atZone(java.time.ZoneId.systemDefault()).toInstant());
        assertThat(named(found, "Team Rocket").identity().submittedAt())
                .isEqualTo(java.time.LocalDateTime.of(2024, 9, 24, 12, 5).atZone(java.time.ZoneId.systemDefault()).toInstant());
        assertThat(named(found, brightspace("27236-46029", "Pat Lee", "sometime on Tuesday")).identity().lms()).isEqualTo(Lms.NONE);

        Entry older = entry(collector, brightspace("27236-46025", "Mary-Ann Smith", "Sep 24, 2024 926 PM"));
        assertThat(older.fate()).isEqualTo(Fate.MERGED);
        assertThat(older.student()).isEqualTo("Mary-Ann Smith");
        assertThat(older.reason()).isEqualTo("an older submission (2024-09-24 21:26) of Mary-Ann Smith; only the latest "
                + "submission (2024-09-25 10:05) is graded");
        assertThat(entry(collector, "index.html").describe())
                .isEqualTo("index.html is Brightspace's list of the download's submissions; it is no one's submission");
        assertThat(entry(collector, brightspace("27236-46028", "Team Rocket - Jo Brown", "Sep 24, 2024 12_05 PM")).reason())
                .startsWith("Brightspace's folder of a group's submission, handed in by Jo Brown:");
        assertThat(entry(collector, brightspace("27236-46029", "Pat Lee", "sometime on Tuesday")).reason())
                .isEqualTo("its name is Brightspace's, but the grader cannot read its time \"sometime on Tuesday\"; it is graded "
                        + "under the folder's name, with no submission time");
        assertThat(entry(collector, brightspace("27236-46031", "Mary-Ann Smith", "Sep 25, 2024 1005 AM")).fate()).isEqualTo(Fate.GRADED);
    }

    @Test
    void brightspaceTimesAreReadInEveryFormItsDownloadWrites() {
        assertThat(LmsNames.brightspace("840137-90210 - Johnny Cache - Sep 12, 2015 6:31 PM")).get()
                .isEqualTo(new LmsNames.BrightspaceName("840137-90210", null, "Johnny Cache", "Sep 12, 2015 6:31 PM",
                        java.time.LocalDateTime.of(2015, 9, 12, 18, 31)));
        assertThat(LmsNames.brightspace("928421-33831 - Mary-Kate Olsen - Oct 2, 2015 12:22 AM")).get()
                .extracting(LmsNames.BrightspaceName::name, LmsNames.BrightspaceName::submitted)
                .containsExactly("Mary-Kate Olsen", java.time.LocalDateTime.of(2015, 10, 2, 0, 22));
        assertThat(LmsNames.brightspace("942724-37311 - John Jacob Jingleheimer Schmidt - Jan 9, 2012 11_55 AM")).get()
                .extracting(LmsNames.BrightspaceName::submitted).isEqualTo(java.time.LocalDateTime.of(2012, 1, 9, 11, 55));
        assertThat(LmsNames.brightspace("27236-46025 - 23304308 Angood - 05 March 2026 612 PM")).get()
                .extracting(LmsNames.BrightspaceName::submitted).isEqualTo(java.time.LocalDateTime.of(2026, 3, 5, 18, 12));
        assertThat(LmsNames.brightspace("397063-2557369 - Mary-Ann Smith - Sep 24, 2024 1200 PM")).get()
                .extracting(LmsNames.BrightspaceName::submitted).isEqualTo(java.time.LocalDateTime.of(2024, 9, 24, 12, 0));
        assertThat(LmsNames.brightspace("1-2 - Jo - Sep 31, 2024 926 PM")).get().extracting(LmsNames.BrightspaceName::submitted)
                .as("no such day").isNull();
        assertThat(LmsNames.brightspace("Jo Smith_101_assignsubmission_file")).isEmpty();
        assertThat(LmsNames.brightspace("week 1 - notes - old")).isEmpty();
    }

    @Test
    void aBrightspaceDownloadAsItsZipIsAClassAndOneOfItsFoldersAloneIsNamedAsTheClassRunNamesIt() throws IOException {
        String jo = brightspace("27236-46025", "Jo Smith", "Sep 24, 2024 926 PM");
        Files.createDirectories(tmp.resolve("downloads"));
        CollectorTest.zip(tmp.resolve("downloads/Week 1 Download Sep 26, 2024 803 PM.zip"),
                jo + "/Adam.java", adam("jo"),
                brightspace("27236-46026", "Ann Lee", "Sep 24, 2024 1001 PM") + "/Adam.java", adam("ann"),
                "index.html", "<html></html>");
        Collector c = new Collector(List.of(ADAM, DENSE), Files.createDirectories(tmp.resolve("work")));

        assertThat(c.collect(tmp.resolve("downloads/Week 1 Download Sep 26, 2024 803 PM.zip"), Collector.Mode.AUTO))
                .extracting(Submission::name, s -> s.identity().lms()).containsExactly(
                        tuple("Ann Lee", Lms.BRIGHTSPACE), tuple("Jo Smith", Lms.BRIGHTSPACE));
        assertThat(c.entries()).extracting(Entry::fate).containsExactly(Fate.GRADED, Fate.GRADED, Fate.REFUSED);

        write("alone/" + jo + "/Adam.java", adam("jo"));
        Submission alone = c.readOne(tmp.resolve("alone/" + jo));
        assertThat(alone.name()).isEqualTo("Jo Smith");
        assertThat(alone.identity().userId()).isEqualTo("27236-46025");
    }

    // ------------------------------------------------------------------ Gradescope

    static String metadata(String created, String due, String... users) {
        StringBuilder u = new StringBuilder();
        for (int i = 0; i < users.length; i += 3) {
            u.append(i == 0 ? "" : ",").append("{\"email\": \"").append(users[i + 1]).append("\", \"id\": ").append(users[i + 2])
                    .append(", \"name\": \"").append(users[i]).append("\"}");
        }
        return "{\"id\": 123456, \"created_at\": \"" + created + "\", \"assignment\": {\"due_date\": \"" + due
                + "\", \"late_due_date\": null, \"title\": \"Week 1\", \"total_points\": \"20.0\"},"
                + " \"submission_method\": \"upload\", \"users\": [" + u + "], \"previous_submissions\": []}";
    }

    /**
     * The fields of Gradescope's {@code submission_metadata.json} as its documentation lists them
     * (https://gradescope-autograders.readthedocs.io/en/latest/submission_metadata/): {@code created_at},
     * {@code assignment.due_date}, and {@code users} with {@code email}, {@code id}, {@code name}.
     */
    @Test
    void aGradescopeExportKnowsEachSubmissionByItsMetadataAndItsLateness() throws IOException {
        String due = "2026-01-31T23:00:00.000000-08:00";
        write("gs/submission_111/submission_metadata.json", metadata("2026-01-30T14:22:32.365935-08:00", due,
                "Ada Lovelace", "ada@example.edu", "1001"));
        write("gs/submission_111/Adam.java", adam("ada"));
        write("gs/submission_112/submission_metadata.json", metadata("2026-02-01T01:00:00.000000-08:00", due,
                "Alan Turing", "alan@example.edu", "1002", "Grace Hopper", "grace@example.edu", "1003"));
        write("gs/submission_112/src/main/java/dlkit/optim/Adam.java", adam("alan"));
        write("gs/submission_113/submission_metadata.json", "{ not json");
        write("gs/submission_113/Adam.java", adam("unknown"));

        List<Submission> found = collect("gs");

        assertThat(found).extracting(Submission::name).containsExactly("Ada Lovelace", "Alan Turing", "submission_113");
        Submission ada = named(found, "Ada Lovelace");
        assertThat(ada.identity()).isEqualTo(new Identity(Lms.GRADESCOPE, null, null, "Ada Lovelace", "ada@example.edu", false,
                Instant.parse("2026-01-30T22:22:32.365935Z")));
        assertThat(ada.notes()).as("the metadata is not a stray file of the student").isEmpty();
        Submission alan = named(found, "Alan Turing");
        assertThat(alan.identity().late()).isTrue();
        // The file sits among Alan's own files, where an upload can write it: Grace is named, but gets no row.
        assertThat(alan.notes()).anySatisfy(n -> assertThat(n).contains("Grace Hopper <grace@example.edu>", "rest of a group",
                "no gradebook rows"));
        assertThat(alan.identity().everyone()).extracting(Identity::displayName).containsExactly("Alan Turing");
        assertThat(named(found, "submission_113").notes()).anySatisfy(n -> assertThat(n).contains("could not be read as JSON"));
    }

    @Test
    void onGradescopesAutograderOnlyTheMetadataBesideTheSubmissionCountsNeverOneTheStudentUploaded() throws IOException {
        String due = "2026-01-31T23:00:00.000000-08:00";
        write("autograder/submission_metadata.json", metadata("2026-02-01T01:00:00.000000-08:00", due,
                "Alan Turing", "alan@example.edu", "1002"));
        // The student's upload lands in /autograder/submission: a metadata file there claims an earlier time.
        write("autograder/submission/submission_metadata.json", metadata("2026-01-01T00:00:00.000000-08:00", due,
                "Alan Turing", "alan@example.edu", "1002"));
        write("autograder/submission/Adam.java", adam("alan"));
        write("moodle/" + moodle("Jo Smith", 101) + "/submission_metadata.json", metadata("2026-01-01T00:00:00.000000-08:00",
                due, "Ada Lovelace", "ada@example.edu", "1001"));
        write("moodle/" + moodle("Jo Smith", 101) + "/Adam.java", adam("jo"));

        Submission alan = new Collector(List.of(ADAM, DENSE), Files.createDirectories(tmp.resolve("work")))
                .readOne(tmp.resolve("autograder/submission"));
        List<Submission> moodle = collect("moodle");

        assertThat(alan.identity().late()).as("handed in after the due date, whatever the upload says").isTrue();
        assertThat(alan.identity().submittedAt()).isEqualTo(Instant.parse("2026-02-01T09:00:00Z"));
        assertThat(moodle).extracting(Submission::name).containsExactly("Jo Smith");
        assertThat(moodle.get(0).identity().lms()).isEqualTo(Lms.MOODLE);
    }

    /**
     * Gradescope's "Export Submissions" download: a folder per submission and, beside them,
     * {@code submission_metadata.yml} keyed by folder, each with {@code :submitters} ({@code :name},
     * {@code :sid}, {@code :email}) and {@code :created_at}. Gradescope documents no format for this
     * file; this is the layout public scripts that read such exports rely on
     * ({@code metadata[folder][':submitters'][0][':name']}, {@code [':sid']}, {@code [':email']}).
     */
    @Test
    void gradescopesExportIndexNamesEachSubmissionFolderWithItsStudentIdAndEmail() throws IOException {
        write("export/submission_metadata.yml", """
                submission_201:
                  :submitters:
                  - :name: Ada Lovelace
                    :sid: A1234567
                    :email: ada@example.edu
                  :created_at: 2026-01-30 14:22:32.365935000 -08:00
                  :score: 0.0
                submission_202:
                  :submitters:
                  - :name: Ada Lovelace
                    :sid: B7654321
                    :email: other.ada@example.edu
                  - :name: Grace Hopper
                    :sid: C1
                    :email: grace@example.edu
                  :created_at: 2026-01-31 09:00:00.000000000 -08:00
                """);
        write("export/submission_201/Adam.java", adam("first ada"));
        write("export/submission_202/Adam.java", adam("second ada"));
        write("export/submission_203/Adam.java", adam("not in the index"));

        List<Submission> found = collect("export");

        assertThat(found).extracting(Submission::name).containsExactly("Ada Lovelace (A1234567)", "Ada Lovelace (B7654321)",
                "submission_203");
        Submission first = named(found, "Ada Lovelace (A1234567)");
        assertThat(first.identity()).isEqualTo(new Identity(Lms.GRADESCOPE, "A1234567", null, "Ada Lovelace", "ada@example.edu",
                false, Instant.parse("2026-01-30T22:22:32.365935Z")));
        assertThat(first.files().get(ADAM.file()).text()).contains("first ada");
        assertThat(named(found, "Ada Lovelace (B7654321)").notes())
                .anySatisfy(n -> assertThat(n).contains("group submission", "Grace Hopper <grace@example.edu>"));
        assertThat(named(found, "Ada Lovelace (B7654321)").identity().everyone()).extracting(Identity::userId, Identity::email)
                .containsExactly(tuple("B7654321", "other.ada@example.edu"), tuple("C1", "grace@example.edu"));
        assertThat(first.identity().everyone()).as("a submission of one").hasSize(1);
        // A metadata file uploaded into a listed folder naming a classmate: the index speaks for the folder, the file not at all.
        write("export/submission_201/submission_metadata.json", metadata("2026-01-30T14:22:32.365935-08:00",
                "2026-01-31T23:00:00.000000-08:00", "Ada Lovelace", "ada@example.edu", "1", "Friend", "friend@example.edu", "2"));
        Submission forged = named(collect("export"), "Ada Lovelace (A1234567)");
        assertThat(forged.identity().everyone()).extracting(Identity::userId).containsExactly("A1234567");
        assertThat(forged.notes()).noneSatisfy(n -> assertThat(n).contains("Friend"));
        assertThat(entry(collector, "submission_metadata.yml").reason()).contains("Gradescope's list of the submitters");
    }

    @Test
    void anExerciseFileSavedWithTxtAfterItsJavaIsNamedInANoteWithWhatToDo() throws IOException {
        write("moodle/Bo Kim_2_assignsubmission_file/Adam.java.txt", adam("bo"));
        write("moodle/Bo Kim_2_assignsubmission_file/Dense.java", "package dlkit.layers;\nclass Dense {}\n");
        write("moodle/Bo Kim_2_assignsubmission_file/notes.txt", "my notes");

        Submission bo = collect("moodle").get(0);

        assertThat(bo.files()).containsOnlyKeys(DENSE.file());
        assertThat(bo.notes()).containsExactly("Adam.java.txt was not graded: only .java files are, and its name has .txt after"
                + " .java (as an editor, a browser or Windows may add); hand it in as Adam.java");
    }

    @Test
    void oneOfAStudentsCanvasFilesGradedAloneIsReadWithTheirOtherFilesAsTheClassRunReadsThem() throws IOException {
        Path adam = write("canvas/" + canvas("Doe, Jane", false, "12345", 67890, "Adam-1.java"), adam("jane"));
        write("canvas/" + canvas("Doe, Jane", false, "12345", 67891, "Dense.java"), "package dlkit.layers;\nclass Dense {}\n");
        write("canvas/" + canvas("Roe, Bob", false, "22222", 67892, "Dense.java"), "package dlkit.layers;\nclass Dense { int bob; }\n");
        collector = new Collector(List.of(ADAM, DENSE), Files.createDirectories(tmp.resolve("work")));

        List<Submission> found = collector.collect(adam, Collector.Mode.ONE);

        assertThat(found).singleElement().extracting(Submission::name).isEqualTo("doejane");
        assertThat(found.get(0).files()).containsOnlyKeys(ADAM.file(), DENSE.file());
        assertThat(found.get(0).files().get(DENSE.file()).text()).doesNotContain("bob");
        assertThat(found.get(0).identity().userId()).isEqualTo("12345");
        assertThat(collector.entries()).as("a single submission").isEmpty();
    }

    /** The export as Gradescope's zip holds it: the class inside one folder, {@code assignment_<id>_export}. */
    @Test
    void gradescopesExportInItsOwnFolderAsTheZipHoldsItIsReadAsTheClass() throws IOException {
        write("unzipped/assignment_4242_export/submission_metadata.yml", """
                submission_201:
                  :submitters:
                  - :name: Ada Lovelace
                    :sid: A1
                    :email: ada@example.edu
                submission_202:
                  :submitters:
                  - :name: Grace Hopper
                    :sid: G2
                    :email: grace@example.edu
                """);
        write("unzipped/assignment_4242_export/submission_201/Adam.java", adam("ada"));
        write("unzipped/assignment_4242_export/submission_202/Adam.java", adam("grace"));
        write("unzipped/__MACOSX/assignment_4242_export/._submission_metadata.yml", "");
        collector = new Collector(List.of(ADAM, DENSE), Files.createDirectories(tmp.resolve("work")));

        List<Submission> found = collector.collect(tmp.resolve("unzipped"), Collector.Mode.AUTO);

        assertThat(found).extracting(Submission::name).containsExactly("Ada Lovelace", "Grace Hopper");
        assertThat(named(found, "Grace Hopper").identity().userId()).isEqualTo("G2");
        assertThat(named(found, "Grace Hopper").files().get(ADAM.file()).text()).contains("grace");
        assertThat(collector.entries()).extracting(Entry::name)
                .containsExactlyInAnyOrder("__MACOSX", "submission_metadata.yml", "submission_201", "submission_202");
    }

    // ------------------------------------------------------------------ GitHub Classroom

    /**
     * {@code gh classroom clone student-repos} clones each student's repository into
     * {@code <assignment>-submissions/<assignment>-<github login>} (github/gh-classroom,
     * {@code cmd/gh-classroom/clone/student-repos}).
     */
    @Test
    void classroomClonesAreKnownByTheirGithubLogin() throws IOException {
        write("week1-submissions/week1-octocat/.git/HEAD", "ref: refs/heads/main\n");
        write("week1-submissions/week1-octocat/src/main/java/dlkit/optim/Adam.java", adam("octocat"));
        write("week1-submissions/week1-ada-l/.git/HEAD", "ref: refs/heads/main\n");
        write("week1-submissions/week1-ada-l/src/main/java/dlkit/optim/Adam.java", adam("ada"));

        List<Submission> found = collect("week1-submissions");

        assertThat(found).extracting(Submission::name).containsExactly("ada-l", "octocat");
        assertThat(named(found, "ada-l").identity()).isEqualTo(new Identity(Lms.GITHUB_CLASSROOM, null, "ada-l", "ada-l", null, false, null));
        assertThat(named(found, "octocat").files().get(ADAM.file()).text()).contains("octocat");
    }

    @Test
    void classroomClonesInAFolderOfAnotherNameShareTheirPrefix() throws IOException {
        write("clones/hw-2-octocat/.git/HEAD", "ref: refs/heads/main\n");
        write("clones/hw-2-octocat/src/main/java/dlkit/optim/Adam.java", adam("octocat"));
        write("clones/hw-2-ada/.git/HEAD", "ref: refs/heads/main\n");
        write("clones/hw-2-ada/src/main/java/dlkit/optim/Adam.java", adam("ada"));

        assertThat(collect("clones")).extracting(s -> s.identity().login()).containsExactly("ada", "octocat");
    }

    @Test
    void twoClassroomClonesWhoseLoginsStartAlikeKeepTheirWholeLogins() throws IOException {
        for (String repo : List.of("hw1-john-doe", "hw1-john-smith")) {
            write("week1/" + repo + "/.git/HEAD", "ref: refs/heads/main\n");
            write("week1/" + repo + "/src/main/java/dlkit/optim/Adam.java", adam(repo));
        }
        assertThat(collect("week1")).extracting(s -> s.identity().login()).containsExactly("john-doe", "john-smith");
        // Three or more clones: every part they share is the assignment's.
        for (String repo : List.of("lab-intro-ada", "lab-intro-bob-l", "lab-intro-cy")) {
            write("labs/" + repo + "/.git/HEAD", "ref: refs/heads/main\n");
            write("labs/" + repo + "/src/main/java/dlkit/optim/Adam.java", adam(repo));
        }
        assertThat(collect("labs")).extracting(s -> s.identity().login()).containsExactly("ada", "bob-l", "cy");
    }

    @Test
    void anExportsEntryGradedAloneIsNamedAsTheClassRunNamesIt() throws IOException {
        Files.createDirectories(tmp.resolve("class"));
        Path zip = tmp.resolve("class/Ken Thompson_20431_assignsubmission_file_.zip");
        CollectorTest.zip(zip, "Adam.java", adam("ken"));
        Path canvas = write("class/" + canvas("Doe, Jane", false, "12345", 67890, "Adam-1.java"), adam("jane"));
        Path folder = write("class/" + moodle("Ann Lee", 104) + "/Adam.java", adam("ann")).getParent();
        List<String> inClass = collect("class").stream().map(Submission::name).toList();
        assertThat(inClass).containsExactlyInAnyOrder("doejane", "Ann Lee", "Ken Thompson");

        for (Path alone : List.of(zip, canvas, folder)) {
            Submission one = new Collector(List.of(ADAM, DENSE), Files.createTempDirectory(tmp, "work")).readOne(alone);
            assertThat(inClass).as(alone.getFileName().toString()).contains(one.name());
            assertThat(one.files()).containsOnlyKeys(ADAM.file());
        }
        Submission jane = new Collector(List.of(ADAM), Files.createTempDirectory(tmp, "work")).readOne(canvas);
        assertThat(jane.identity().userId()).isEqualTo("12345");

        // Blackboard's file alone: the folder's other files and the attempt's receipt name the student.
        Path bb = write("bb/HW1_jo_smith_attempt_2024-01-01-12-00-00_Adam.java", adam("jo"));
        write("bb/HW1_jo_smith_attempt_2024-01-01-12-00-00.txt", "Name: Jo Smith (jo_smith)\nAssignment: HW1\n");
        write("bb/HW1_al_smith_attempt_2024-01-02-12-00-00_Adam.java", adam("al"));
        Submission jo = new Collector(List.of(ADAM), Files.createTempDirectory(tmp, "work")).readOne(bb);
        assertThat(jo.name()).isEqualTo("Jo Smith");
        assertThat(jo.identity().login()).isEqualTo("jo_smith");
    }

    @Test
    void aCanvasDownloadAsItsZipAndLooseBlackboardAndMoodleFilesUnderClassAreEachStudent() throws IOException {
        Files.createDirectories(tmp.resolve("downloads"));
        CollectorTest.zip(tmp.resolve("downloads/cs101-week-1 submissions.zip"),
                canvas("Müller, Jürgen", false, "4711", 1, "Adam.java"), adam("jürgen"),
                canvas(null, true, "anon_b7Yz2", 2, "Adam.java"), adam("anonymous"));
        write("bb/" + blackboard("jsmith", "2026-01-10-09-00-00", "Adam.java"), adam("jo"));
        write("bb/" + blackboard("alee", "2026-01-10-09-30-00", "Adam.java"), adam("ann"));
        write("flat/" + moodle("Jo Smith", 101) + "_Adam.java", adam("jo"));
        write("flat/" + moodle("Ann Lee", 104) + "_Adam.java", adam("ann"));
        Collector c = new Collector(List.of(ADAM, DENSE), Files.createDirectories(tmp.resolve("work")));

        assertThat(c.collect(tmp.resolve("downloads/cs101-week-1 submissions.zip"), Collector.Mode.AUTO))
                .extracting(s -> s.identity().userId()).containsExactly("anon_b7Yz2", "4711");
        assertThat(c.collect(tmp.resolve("bb"), Collector.Mode.CLASS)).extracting(Submission::name).containsExactly("alee", "jsmith");
        assertThat(c.collect(tmp.resolve("flat"), Collector.Mode.CLASS)).extracting(Submission::name)
                .containsExactly("Ann Lee", "Jo Smith");
        assertThat(c.entries()).hasSize(6).allSatisfy(e -> assertThat(e.fate()).isEqualTo(Fate.GRADED));
    }

    // ------------------------------------------------------------------ every entry accounted for

    @Test
    void everyEntryOfAClassFolderIsGradedMergedOrRefusedWithItsReason() throws IOException {
        write("class/ann/Adam.java", adam("ann"));
        Files.createDirectories(tmp.resolve("class"));
        CollectorTest.zip(tmp.resolve("class/ann.zip"), "Dense.java", "package dlkit.layers;\nclass Dense {}\n");
        write("class/.DS_Store", "finder");
        write("class/__MACOSX/._ann", "resource fork");
        write("class/README.md", "notes");
        write("class/grades.xlsx", "a spreadsheet");
        write("class/Adam.java", adam("whose?"));

        List<Submission> found = collect("class", Collector.Mode.CLASS);

        assertThat(found).extracting(Submission::name).containsExactly("ann");
        assertThat(found.get(0).files()).containsOnlyKeys(ADAM.file(), DENSE.file());
        assertThat(collector.entries()).extracting(Entry::describe).containsExactly(
                ".DS_Store is hidden, or clutter an archive tool adds (__MACOSX, target); it is no one's submission",
                "Adam.java is a loose file without a student's name (as Canvas, Moodle or Blackboard give it); it was not graded",
                "README.md describes the class folder; it is no one's submission",
                "__MACOSX is hidden, or clutter an archive tool adds (__MACOSX, target); it is no one's submission",
                "ann was graded as ann",
                "ann.zip was merged into ann: it has the same student's name as ann; for each exercise the newer file is graded",
                "grades.xlsx is not a folder, a zip or a .java file; it was not graded");
    }
}
