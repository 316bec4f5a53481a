package dlkit.grader.grade;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dlkit.grader.collect.Entry;
import dlkit.grader.collect.Identity;
import dlkit.grader.kit.InternalErrors;
import dlkit.grader.report.Explanations;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradescopeWriter;
import dlkit.grader.report.Gradebook;
import dlkit.grader.report.HtmlReport;
import dlkit.grader.report.JsonReportWriter;
import dlkit.grader.report.ReportFiles;
import dlkit.grader.report.Similarity;
import dlkit.grader.report.StudentFolders;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * What {@code grade} writes under {@code --out}: each student's folder, whole (see
 * {@link StudentFolders}), as soon as the student is graded; and for a class the gradebook and
 * {@code index.html} of every student there, those graded before included: grading one student
 * again into a class's folder updates that student's row and keeps the others'.
 */
final class ClassOutput {

    /** Writes one student's reports into a folder (the staging folder); a test's stand-in may fail on purpose. */
    interface Writer {
        void write(GradeReport report, Map<String, List<HtmlReport.Figure>> figures, Path folder) throws IOException;
    }

    /**
     * The class's gradebooks: who each student is to the LMS, the assignment's column name and due
     * time (null: none) for Canvas's and Gradescope's.
     */
    record Gradebooks(Function<GradeReport, Identity> identityOf, String column, Instant due) {}

    private final Path out;
    private final StudentFolders folders;
    private final Map<String, String> folderOf;
    private final Writer writer;
    private final UnaryOperator<GradeReport> forStudents;

    /** With every answer shown and Gradescope's default visibilities (no course file). */
    ClassOutput(Path out, Map<String, String> folderOf, Map<String, String> teaches) {
        this(out, folderOf, teaches, GradescopeWriter.Terms.DEFAULT, true);
    }

    /**
     * @param folderOf     each student of this run's folder below {@code out} ({@code ReportFiles.folders})
     * @param teaches      what each exercise file teaches, for the HTML page
     * @param terms        the course file's visibilities for Gradescope's results.json
     * @param answersShown false while the quiz's right answers are withheld from students: report.json,
     *                     report.html and the console then hold the reports {@link #forStudents} makes;
     *                     results.json and the instructor's copy keep them
     */
    ClassOutput(Path out, Map<String, String> folderOf, Map<String, String> teaches, GradescopeWriter.Terms terms,
                boolean answersShown) {
        this(out, folderOf, teaches, terms,
                answersShown ? r -> r : r -> Explanations.withheld(r, terms.answers().when(terms.due())));
    }

    private ClassOutput(Path out, Map<String, String> folderOf, Map<String, String> teaches, GradescopeWriter.Terms terms,
                        UnaryOperator<GradeReport> forStudents) {
        this(out, folderOf, (r, figures, folder) -> {
            GradeReport shown = forStudents.apply(r);
            GradescopeWriter.write(r, terms, folder.resolve("results.json"));
            JsonReportWriter.write(shown, folder.resolve("report.json"));
            HtmlReport.Extras extras = new HtmlReport.Extras(teaches, figures, Map.of(), "grade SUBMISSION --one --seed " + r.seed());
            HtmlReport.write(shown, extras, folder.resolve("report.html"));
            HtmlReport.writeInstructorCopy(r, extras, folder.resolve(GradeCommand.INSTRUCTOR_COPY));
        }, forStudents);
    }

    ClassOutput(Path out, Map<String, String> folderOf, Writer writer) {
        this(out, folderOf, writer, r -> r);
    }

    private ClassOutput(Path out, Map<String, String> folderOf, Writer writer, UnaryOperator<GradeReport> forStudents) {
        this.out = out;
        this.folders = new StudentFolders(out);
        this.folderOf = Map.copyOf(folderOf);
        this.writer = writer;
        this.forStudents = forStudents;
    }

    /** The report as students may see it: the quiz's answers withheld until the course file allows. */
    GradeReport forStudents(GradeReport report) {
        return forStudents.apply(report);
    }

    /** Where a student's plots and reports go while the student is graded: a new, empty staging folder. */
    Path begin(String student) throws IOException {
        return folders.begin(folderOf.get(student));
    }

    /** The staging folder of a student begun with {@link #begin}. */
    Path staging(String student) {
        return folders.staging(folderOf.get(student));
    }

    /** The student's folder once written. */
    Path folder(String student) {
        return folders.folder(folderOf.get(student));
    }

    /**
     * Writes the student's reports beside the plots already staged, then puts the whole folder in
     * place of the old one; if anything fails, the old folder stays as it was.
     */
    void write(GradeReport report, Map<String, List<HtmlReport.Figure>> figures) throws IOException {
        String folder = folderOf.get(report.student());
        try {
            Path staging = folders.staging(folder);
            Files.createDirectories(staging);
            writer.write(report, figures, staging);
            folders.commit(folder);
        } catch (IOException | RuntimeException e) {
            folders.discard(folder);
            throw e;
        }
    }

    /**
     * Why this run cannot grade {@code students} into {@code out} on {@code exerciseFiles}, or
     * null if it can: a report an earlier run left there, of another student, grades other
     * exercises, so the class's gradebooks would mix two sets of columns. The folders of the
     * students graded now are replaced, so theirs do not count.
     */
    String otherExercises(List<String> exerciseFiles, List<String> students) throws IOException {
        Set<String> now = new TreeSet<>(exerciseFiles);
        Set<String> replaced = new HashSet<>();
        students.forEach(s -> replaced.add(folderOf.get(s)));
        if (!Files.isDirectory(out)) {
            return null;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(out)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                Path report = p.resolve("report.json");
                if (name.startsWith(".") || replaced.contains(name) || !Files.isRegularFile(report)) {
                    continue;
                }
                Set<String> before;
                try {
                    before = new TreeSet<>(JsonReportWriter.read(report).exercises().stream().map(ExerciseReport::file).toList());
                } catch (IOException | RuntimeException e) {
                    continue; // left out of the gradebook with a note at the end, as classReports does
                }
                if (!before.equals(now)) {
                    List<String> names = before.stream().map(f -> f.substring(f.lastIndexOf('/') + 1).replaceFirst("\\.java$", "")).toList();
                    String options = names.size() > 10 ? "" : " (" + String.join(" ", names.stream().map(e -> "--exercise " + e).toList())
                            + ", or the --assignment it was graded on)";
                    return "--out " + out + " holds reports of an earlier run on " + before.size() + " exercise"
                            + (before.size() == 1 ? "" : "s") + (names.size() > 10 ? "" : ", " + String.join(", ", names)) + " (" + name
                            + "'s, for one), and this run grades " + now.size() + " exercise" + (now.size() == 1 ? "" : "s")
                            + ", not the same: the class's gradebooks would mix the two; grade on that run's exercises" + options
                            + ", or grade into a new --out";
                }
            }
        }
        return null;
    }

    /**
     * The class: this run's reports, then (by folder name) those of every other student whose
     * folder under {@code out} holds a {@code report.json} from an earlier run.
     *
     * @return report by its folder
     */
    Map<String, GradeReport> classReports(List<GradeReport> thisRun) throws IOException {
        Map<String, GradeReport> byFolder = new LinkedHashMap<>();
        thisRun.forEach(r -> byFolder.put(folderOf.get(r.student()), r));
        Map<String, GradeReport> earlier = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(out)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                Path report = p.resolve("report.json");
                if (!name.startsWith(".") && !byFolder.containsKey(name) && Files.isRegularFile(report)) {
                    try {
                        earlier.put(name, JsonReportWriter.read(report));
                    } catch (IOException e) {
                        InternalErrors.report("left out of the class's gradebook, its report.json unreadable: " + p, e);
                    }
                }
            }
        }
        byFolder.putAll(earlier);
        return byFolder;
    }

    /**
     * The class's gradebook and index, of {@code reports} by folder ({@link #classReports}), with
     * the pairs that look alike ({@code similarity.json} beside them); null for pairs not checked in
     * this run (one student graded again): those of the last class run are shown.
     */
    List<Path> writeClass(Map<String, GradeReport> reports, List<Similarity.Pair> alike, List<Entry> entries,
                          Gradebooks gradebooks) throws IOException {
        List<GradeReport> all = new ArrayList<>(reports.values());
        Map<String, String> links = new LinkedHashMap<>();
        reports.forEach((folder, r) -> links.put(r.student(), folder));
        Path pairs = out.resolve(SIMILARITY);
        List<Similarity.Pair> shown = alike;
        if (shown != null) {
            ReportFiles.writeAtomically(pairs, JSON.writeValueAsString(shown));
        } else if (Files.isRegularFile(pairs)) {
            shown = JSON.readValue(pairs.toFile(), new TypeReference<List<Similarity.Pair>>() {});
        }
        Function<GradeReport, Identity> identityOf = keptIdentities(all, gradebooks.identityOf());
        List<Path> written = Gradebook.writeAll(Gradebook.Row.forClass(all, identityOf),
                gradebooks.column(), Instant.now(), gradebooks.due(), out);
        HtmlReport.writeIndex(all, links, shown, entries, out.resolve("index.html"));
        return written;
    }

    /**
     * Each student's identity in the LMS export (ids, login, e-mail), as this run read it or, for
     * a student this run did not collect (one student graded again into the class's folder), as
     * the run that did kept it in {@value #IDENTITIES}; kept there again for the next run. Without
     * it, the Canvas and Moodle gradebooks written after a regrade would lose everyone else's ids.
     */
    private Function<GradeReport, Identity> keptIdentities(List<GradeReport> all, Function<GradeReport, Identity> thisRun)
            throws IOException {
        Path file = out.resolve(IDENTITIES);
        Map<String, Identity> kept = keptIdentities(out);
        Map<String, Identity> now = new TreeMap<>();
        for (GradeReport r : all) {
            Identity read = thisRun.apply(r);
            now.put(r.student(), read.equals(Identity.named(r.student())) && kept.containsKey(r.student()) ? kept.get(r.student()) : read);
        }
        ReportFiles.writeAtomically(file, ShardManifest.JSON.writeValueAsString(now));
        return r -> now.getOrDefault(r.student(), thisRun.apply(r));
    }

    /**
     * The name an earlier class run in {@code out} gave the student {@code who} is ({@value #IDENTITIES}), if
     * another: two students of one name were told apart by their ids ({@code leejin (1004)}), which the entry
     * graded again alone does not show, so under its own name it would be a second row with the same id.
     */
    static java.util.Optional<String> keptName(Path out, Identity who) {
        if (who.lms() == Identity.Lms.NONE) {
            return java.util.Optional.empty();
        }
        return keptIdentities(out).entrySet().stream().filter(e -> e.getValue().key().equals(who.key())).map(Map.Entry::getKey)
                .filter(name -> !name.equals(who.displayName())).findFirst();
    }

    /** The identities an earlier run in {@code out} kept ({@value #IDENTITIES}), by student; empty if none could be read. */
    private static Map<String, Identity> keptIdentities(Path out) {
        Path file = out.resolve(IDENTITIES);
        Map<String, Identity> kept = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            try {
                kept.putAll(ShardManifest.JSON.readValue(file.toFile(), new TypeReference<Map<String, Identity>>() {}));
            } catch (IOException | RuntimeException e) {
                InternalErrors.report("the students' export ids of the earlier run could not be read: " + file, e);
            }
        }
        return kept;
    }

    /**
     * What to do before importing the class's gradebooks, each a line for the console ({@code grade}
     * and {@code merge} alike): the ids an LMS's import matches by that the export did not give.
     */
    static List<String> importAdvice(List<Identity> identities) {
        List<String> advice = new ArrayList<>();
        // Moodle's names do not tell a team's folder from a participant's unless one team is its "Default group".
        Predicate<Identity> participant = who -> who.lms() == Identity.Lms.MOODLE && who.userId() != null;
        if (identities.stream().anyMatch(participant)) {
            advice.add("gradebook-moodle.csv takes each Moodle folder's number for the participant number; if the assignment is "
                    + "handed in by teams, that number is the group's: do not upload the worksheet then, enter each member's grade by hand");
        }
        if (identities.stream().anyMatch(who -> who.lms() == Identity.Lms.BRIGHTSPACE)) {
            // Brightspace's download names students, but its import matches only by OrgDefinedId or Username.
            advice.add("gradebook-brightspace.csv leaves OrgDefinedId and Username empty for all " + identities.size()
                    + " students, as Brightspace's download gives neither: fill them in from the course's grades export (Grades, "
                    + "Export, Key Field: Both) before importing it");
        }
        Predicate<Identity> canvas = who -> who.lms() == Identity.Lms.CANVAS;
        withoutIds(advice, identities, canvas, canvas.and(who -> who.userId() != null && who.userId().matches("\\d+")),
                "gradebook-canvas.csv has no Canvas user id for %d of %d students (their ID cell is empty): Canvas's import "
                + "matches by ID and asks about each row it cannot match, so match those by hand there or enter their grades by hand");
        // A download of participants: a team's folders have no participant number either, but their own notes say so.
        withoutIds(advice, identities, participant, participant,
                "gradebook-moodle.csv has no participant number for %d of %d students (their Identifier cell is empty): "
                + "Moodle's upload skips those rows, so enter their grades by hand");
        Predicate<Identity> blackboard = who -> who.lms() == Identity.Lms.BLACKBOARD;
        withoutIds(advice, identities, blackboard, blackboard.and(who -> who.login() != null),
                "gradebook-blackboard.csv has no Blackboard username for %d of %d students (their Username cell is empty): "
                + "Blackboard's upload matches by username, so fill those in or enter their grades by hand");
        return advice;
    }

    /** How many students an LMS's gradebook has no id for, in {@code message}, if the class came from its export and any. */
    private static void withoutIds(List<String> advice, List<Identity> identities, Predicate<Identity> exported,
                                   Predicate<Identity> hasId, String message) {
        long without = identities.stream().filter(hasId.negate()).count();
        if (without > 0 && identities.stream().anyMatch(exported)) {
            advice.add(String.format(java.util.Locale.ROOT, message, without, identities.size()));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The class output's file of each student's identity in the LMS export. */
    static final String IDENTITIES = "identities.json";

    /** The class output's file of the pairs that look alike. */
    static final String SIMILARITY = "similarity.json";
}
