package dlkit.grader.collect;

import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the instructor points the grader at into submissions.
 *
 * <p>A submission is a folder or a zip. A folder that directly holds {@code .java} files (not
 * named by an LMS for a student) or a {@code src} folder is one submission; any other folder is a
 * class, whose sub-folders and zips are its students. Loose files and folders named the way
 * Canvas, Moodle, Blackboard, Brightspace, Gradescope and GitHub Classroom name them ({@link LmsNames},
 * {@link GradescopeMetadata}) are grouped by the student the name gives, who is kept on the
 * submission ({@link Identity}); entries of one student from several sources are merged, and a
 * name that reads as two students' is refused. Every entry of a class folder gets its fate
 * ({@link #entries()}). A zip is extracted (safely, see {@link SafeUnzip}) and then read by the
 * same rules, zips inside it too; a single {@code .java} file is a submission of its own.
 * {@link Mode#ONE} and {@link Mode#CLASS} override the guess.
 *
 * <p>What a student hands in is never trusted: a symbolic link anywhere below the path (a
 * student's folder, a class folder, a git clone, a zip entry) is never followed but noted and
 * treated as not submitted, as are pipes and devices; everything extracted or read counts
 * against a budget per submission ({@link SafeUnzip#MAX_BYTES}) and per run; a file or a
 * student that cannot be read costs that file or that student only, with a note. Extracted zips
 * are deleted once read. Notes name files as the submission holds them
 * ({@code hw.zip/src/Adam.java}), never by a path of the grading machine.
 */
public final class Collector {

    /** How to read the path: guess from its content, or force one submission or a class. */
    public enum Mode { AUTO, ONE, CLASS }

    /** What one run may extract and read over all its submissions, and what a class's own zip may hold. */
    public static final long MAX_RUN_BYTES = 4L * 1024 * 1024 * 1024;
    /** The files and folders one run may extract over all its submissions, and a class's own zip may hold. */
    public static final long MAX_RUN_ENTRIES = 500_000;
    /** The largest source file read; a larger one is left out with a note. */
    public static final int MAX_SOURCE_BYTES = 1024 * 1024;
    /** Zips inside zips are opened this deep (the submission's own zip counts as one). */
    static final int MAX_ZIP_DEPTH = 3;

    private static final String CLUTTER = "is hidden, or clutter an archive tool adds (__MACOSX, target); it is no one's submission";
    private static final String ONLY_JAVA = "only .java files, or zips of them, are graded";

    private final List<Exercise> exercises;
    private final Path workDir;
    private final long submissionBytes;
    private final long submissionEntries;
    private final Budget run;
    private final List<Entry> entries = new ArrayList<>();
    /**
     * The zone of the times Blackboard's and Brightspace's names write without one (Blackboard's
     * server's local time, Brightspace's downloader's): the course's, where one is known, else this machine's.
     */
    private ZoneId zone = ZoneId.systemDefault();

    /** @param workDir an empty folder for extracted zips */
    public Collector(List<Exercise> exercises, Path workDir) {
        this(exercises, workDir, SafeUnzip.MAX_BYTES, MAX_RUN_BYTES);
    }

    /**
     * Reads the times Blackboard's and Brightspace's names give in {@code zone} (the course's) rather
     * than this machine's: a grader in a container or on a CI runner is often on UTC.
     */
    public Collector inZone(ZoneId zone) {
        this.zone = zone;
        return this;
    }

    /** With other budgets, per submission and per run, in bytes. */
    Collector(List<Exercise> exercises, Path workDir, long submissionBytes, long runBytes) {
        this(exercises, workDir, submissionBytes, runBytes, SafeUnzip.MAX_ENTRIES, MAX_RUN_ENTRIES);
    }

    /** With other budgets, per submission and per run, in bytes and in files and folders extracted. */
    Collector(List<Exercise> exercises, Path workDir, long submissionBytes, long runBytes, long submissionEntries, long runEntries) {
        this.exercises = exercises;
        this.workDir = workDir;
        this.submissionBytes = submissionBytes;
        this.submissionEntries = submissionEntries;
        this.run = new Budget(runBytes, runEntries, "this run's submissions", null);
    }

    /**
     * A class's own zip ({@code grade submissions.zip --class}) that could not be extracted: no
     * student in it can be graded. The message says why, in words for the instructor.
     */
    public static final class RefusedClass extends IOException {
        RefusedClass(String message) {
            super(message);
        }
    }

    /**
     * What became of every file and folder directly inside the class folders read so far (graded,
     * merged into a named student, or refused with the reason), in the order found: known after
     * {@link #collect}. Empty for a single submission.
     */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * The entries of a class folder that went into no one's submission, in words
     * ({@code grades.xlsx is not a folder, a zip or a .java file; it was not graded}).
     */
    public List<String> skipped() {
        return entries.stream().filter(e -> e.fate() == Entry.Fate.REFUSED && e.student() == null)
                .map(Entry::describe).toList();
    }

    /**
     * The submissions at {@code path}, in name order for a class.
     *
     * @throws RefusedClass if {@code path} is a zip read as a class ({@link Mode#CLASS}) that cannot be extracted
     */
    public List<Submission> collect(Path path, Mode mode) throws IOException {
        if (!Files.isDirectory(path)) {
            Identity who = entryIdentity(path);
            String name = who.displayName();
            if (!Files.isRegularFile(path)) {
                return List.of(Submission.refused(name, path.getFileName() + " is not a regular file (a pipe or a device?); "
                        + "nothing in it could be graded"));
            }
            Optional<Submission> whole = who.lms() == Identity.Lms.NONE ? Optional.empty() : withTheirOtherEntries(path, who);
            if (whole.isPresent()) {
                return List.of(whole.get());
            }
            if (isJava(path)) {
                return List.of(readFiles(name, List.of(new Found(path, path.getFileName().toString(), false)), new ArrayList<>(),
                        budget()).as(name, who));
            }
            if (!isZip(path)) {
                return List.of(Submission.refused(name, path.getFileName() + " is neither a .java file nor a zip, so nothing "
                        + "in it could be graded: " + ONLY_JAVA));
            }
            // A class's zip holds every student's share: it has the run's limits, each student's share then their own.
            Budget budget = mode == Mode.ONE ? budget()
                    : new Budget(run.remaining(), run.entriesRemaining(), mode == Mode.CLASS ? "this class's zip" : "this zip", run);
            Path folder = Files.createTempDirectory(workDir, "zip-");
            try {
                List<String> notes = extract(path, path.getFileName().toString(), folder, budget);
                if (mode == Mode.ONE) {
                    return List.of(read(name, folder, true, notes, budget).as(name, who));
                }
                if (mode == Mode.AUTO && isOneSubmission(folder)) {
                    if (budget.used() > submissionBytes) {
                        return List.of(Submission.refused(name, path.getFileName() + " holds more than "
                                + Budget.megabytes(submissionBytes) + " MB once uncompressed; refused"));
                    }
                    if (budget.entries() > submissionEntries) {
                        return List.of(Submission.refused(name, path.getFileName() + " holds more than " + submissionEntries
                                + " files and folders once extracted; refused"));
                    }
                    return List.of(read(name, folder, true, notes, budget()).as(name, who));
                }
                return collectClass(folder);
            } catch (SafeUnzip.RefusedZip e) {
                if (mode == Mode.CLASS) {
                    throw new RefusedClass(e.getMessage());
                }
                return List.of(Submission.refused(name, e.getMessage()));
            } finally {
                Kit.deleteRecursively(folder);
            }
        }
        if (mode == Mode.ONE || (mode == Mode.AUTO && isOneSubmission(path))) {
            // A folder of Gradescope's export, which its index beside it names, as the class run reads it.
            GradescopeMetadata.Read indexed = exportIndexed(path);
            Identity who = indexed != null ? indexed.identity()
                    : folderIdentity(path, path.getFileName() == null ? studentName(path) : path.getFileName().toString(),
                    classroomPrefixBeside(path));
            // Moodle's, Brightspace's, Gradescope's or GitHub Classroom's folder as its class run names it, so that grading it
            // again replaces that student's reports.
            String name = who.lms() == Identity.Lms.MOODLE || who.lms() == Identity.Lms.BRIGHTSPACE || indexed != null
                    || who.lms() == Identity.Lms.GITHUB_CLASSROOM ? who.displayName() : studentName(path);
            List<String> notes = new ArrayList<>();
            GradescopeMetadata.Read gradescope = indexed != null ? indexed : GradescopeMetadata.forFolder(path);
            if (gradescope != null) {
                notes.addAll(gradescope.notes());
            }
            return List.of(readSafely(name, () -> read(name, path, false, notes, budget()).as(name, who)));
        }
        return collectClass(path);
    }

    /**
     * What the index of Gradescope's export beside {@code folder} ({@code submission_metadata.yml})
     * says of it, if the folder is one of the export's; else null.
     */
    private static GradescopeMetadata.Read exportIndexed(Path folder) {
        Path parent = folder.toAbsolutePath().normalize().getParent();
        Path own = folder.toAbsolutePath().normalize().getFileName();
        if (parent == null || own == null || !isRegular(parent.resolve(GradescopeMetadata.EXPORT_FILE))) {
            return null;
        }
        GradescopeMetadata.Read read = GradescopeMetadata.readExport(parent.resolve(GradescopeMetadata.EXPORT_FILE), new ArrayList<>())
                .get(own.toString());
        return read == null || read.identity() == null ? null : read;
    }

    /** The {@code <assignment>-} of the clones beside {@code folder}, as a run of the class folder above it reads it; else null. */
    private static String classroomPrefixBeside(Path folder) {
        Path parent = folder.toAbsolutePath().normalize().getParent();
        try {
            return parent == null || folder.getFileName() == null ? null : classroomPrefix(parent, allChildren(parent));
        } catch (IOException e) {
            return null; // the folder above cannot be listed: the folder is known by its own name
        }
    }

    /**
     * The whole submission of the student whose entry of a class folder {@code entry} is (a file
     * or zip an LMS's download named, graded alone to grade the student again), read with their
     * other entries there as the class run reads them: Canvas's files of one student are several
     * entries, and grading one alone would grade the student's other exercises as not submitted.
     * Empty if the folder holds no such student.
     */
    private Optional<Submission> withTheirOtherEntries(Path entry, Identity who) throws IOException {
        Path folder = entry.toAbsolutePath().normalize().getParent();
        if (folder == null) {
            return Optional.empty();
        }
        int first = entries.size();
        onlyStudent = who.key();
        try {
            return collectClass(folder).stream().filter(s -> s.identity().key().equals(who.key())).findFirst();
        } finally {
            onlyStudent = null;
            // A single submission has no entries of a class folder.
            entries.subList(first, entries.size()).clear();
        }
    }

    /** While {@link #withTheirOtherEntries} reads a class folder: the one student read, by {@link Identity#key()}. */
    private String onlyStudent;

    /** One folder or zip read as a single submission, whatever it looks like. */
    public Submission readOne(Path path) throws IOException {
        return collect(path, Mode.ONE).get(0);
    }

    private Budget budget() {
        return new Budget(submissionBytes, submissionEntries, "this submission", run);
    }

    private boolean isOneSubmission(Path folder) throws IOException {
        if (isFolder(folder.resolve("src")) || isRegular(folder.resolve(GradescopeMetadata.FILE))) {
            return true;
        }
        List<Path> children = children(folder);
        List<Path> javaFiles = children.stream().filter(p -> isJava(p) && isRegular(p)).toList();
        if (!javaFiles.isEmpty()) {
            // Files named by an LMS's download are a class, even of one student, so their identity is kept.
            String assignment = LmsNames.blackboardAssignment(names(javaFiles).stream().map(SafeUnzip::printable).toList());
            return javaFiles.stream().allMatch(f -> readings(SafeUnzip.printable(f.getFileName().toString()), assignment).isEmpty());
        }
        // A lone folder inside, as zips often have, is looked into, unless an LMS named it for its student.
        String only = children.size() == 1 ? SafeUnzip.printable(children.get(0).getFileName().toString()) : "";
        return children.size() == 1 && isFolder(children.get(0)) && LmsNames.moodleFolder(only).isEmpty()
                && LmsNames.brightspace(only).isEmpty() && isOneSubmission(children.get(0));
    }

    /** What kind of thing a class folder's entry is, once it is known to be someone's. */
    private enum Kind { FOLDER, ZIP, FILE, RECEIPT }

    /**
     * An entry of a class folder on its way into a student's submission.
     *
     * @param source  the export it came from, as its name says ({@code smithjo_LATE_4711}); entries of one
     *                student from several sources are merged, and the merge is stated
     * @param attempt Blackboard's attempt time or Brightspace's submission time, or null
     */
    private record Member(Path path, String shown, Kind kind, Identity identity, String source, LocalDateTime attempt,
                          List<String> notes) {

        Member(Path path, String shown, Kind kind, Identity identity, String source, LocalDateTime attempt) {
            this(path, shown, kind, identity, source, attempt, List.of());
        }
    }

    private List<Submission> collectClass(Path folder) throws IOException {
        List<Path> all = allChildren(folder);
        // Gradescope's "Export Submissions" zip holds the class in one folder, assignment_<id>_export: read that as the class.
        List<Path> kept = all.stream().filter(c -> !ignoredName(c.getFileName())).toList();
        if (kept.size() == 1 && isFolder(kept.get(0)) && isRegular(kept.get(0).resolve(GradescopeMetadata.EXPORT_FILE))) {
            all.stream().filter(c -> c != kept.get(0)).forEach(c -> refuse(SafeUnzip.printable(c.getFileName().toString()), CLUTTER));
            return collectClass(kept.get(0));
        }
        int firstEntry = entries.size();
        String classroom = classroomPrefix(folder, all);
        String blackboard = blackboardAssignment(all);
        Map<String, List<Member>> byStudent = new LinkedHashMap<>();
        List<Submission> unreadable = new ArrayList<>();
        // Every student's name in this class, each once: a report is written per name.
        java.util.Set<String> taken = new java.util.HashSet<>();
        Path gradescopeIndex = folder.resolve(GradescopeMetadata.EXPORT_FILE);
        List<String> indexNotes = new ArrayList<>();
        Map<String, GradescopeMetadata.Read> gradescope = isRegular(gradescopeIndex)
                ? GradescopeMetadata.readExport(gradescopeIndex, indexNotes) : Map.of();
        boolean brightspace = all.stream().anyMatch(c -> isFolder(c)
                && LmsNames.brightspace(SafeUnzip.printable(c.getFileName().toString())).isPresent());
        for (Path child : all) {
            String fileName = child.getFileName().toString();
            String shown = SafeUnzip.printable(fileName);
            if (child.equals(gradescopeIndex) && isRegular(child)) {
                refuse(shown, indexNotes.isEmpty() ? "is Gradescope's list of the submitters, read for each submission folder's "
                        + "name, student id and e-mail; it is no one's submission" : indexNotes.get(0));
                continue;
            }
            GradescopeMetadata.Read exported = gradescope.get(fileName);
            if (exported != null && isFolder(child)) {
                member(byStudent, new Member(child, shown, Kind.FOLDER, exported.identity(), shown, null, exported.notes()));
                continue;
            }
            if (ignoredName(child.getFileName()) && LmsNames.moodleFolder(shown).isEmpty() && readings(shown, blackboard).isEmpty()) {
                refuse(shown, CLUTTER);
                continue;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                unreadable.add(refuseStudent(shown, unique(studentName(child), taken), shown + " could not be read (" + SafeUnzip.reason(e) + ")"));
                continue;
            }
            if (attributes.isSymbolicLink()) {
                unreadable.add(refuseStudent(shown, unique(studentName(child), taken), shown
                        + " is a symbolic link, which the grader never follows; nothing was graded"));
            } else if (attributes.isDirectory()) {
                Identity who = folderIdentity(child, fileName, classroom);
                LocalDateTime submitted = who.lms() == Identity.Lms.BRIGHTSPACE
                        ? LmsNames.brightspace(shown).map(LmsNames.BrightspaceName::submitted).orElse(null) : null;
                member(byStudent, new Member(child, shown, Kind.FOLDER, who, shown, submitted));
            } else if (!attributes.isRegularFile()) {
                refuse(shown, "is not a regular file or a folder; it was not graded");
            } else if (brightspace && fileName.equalsIgnoreCase("index.html")) {
                refuse(shown, "is Brightspace's list of the download's submissions; it is no one's submission");
            } else {
                looseFile(byStudent, child, shown, blackboard);
            }
        }
        latestAttempts(byStudent);

        List<Submission> students = new ArrayList<>(unreadable);
        Map<List<Member>, Identity> identities = new LinkedHashMap<>();
        boolean moodleTeams = LmsNames.moodleTeams(names(all).stream().map(SafeUnzip::printable).toList());
        byStudent.values().forEach(g -> identities.put(g, moodleTeams ? LmsNames.moodleTeam(groupIdentity(g)) : groupIdentity(g)));
        Map<String, Integer> shownNames = new LinkedHashMap<>();
        identities.values().forEach(who -> shownNames.merge(who.displayName(), 1, Integer::sum));
        for (List<Member> group : byStudent.values()) {
            Identity who = identities.get(group);
            String shown = who.displayName();
            // Two students whose names are the same once the export has stripped them: the id tells them apart.
            String named = shownNames.get(shown) > 1 || unreadable.stream().anyMatch(s -> s.name().equals(shown))
                    ? shown + " (" + (who.userId() != null ? who.userId() : who.login() != null ? who.login() : group.get(0).shown()) + ")"
                    : shown;
            // A name that is still another's (a folder named "Jo Smith (101)" beside Moodle's participant 101): numbered.
            String student = unique(named, taken);
            String first = group.get(0).source();
            for (Member m : group) {
                if (m.kind() == Kind.RECEIPT) {
                    entries.add(new Entry(m.shown(), Entry.Fate.GRADED, student, "Blackboard's receipt of the attempt, read for the name"));
                } else if (m.source().equals(first)) {
                    entries.add(new Entry(m.shown(), Entry.Fate.GRADED, student, moodleTeams
                            && (who.lms() == Identity.Lms.MOODLE || LmsNames.moodleTeams(List.of(m.shown())))
                            ? "Moodle's folder of a team (a group), not of one participant: gradebook-moodle.csv leaves its "
                            + "Identifier empty; enter each member's grade in Moodle by hand" : brightspaceNote(m, who)));
                } else {
                    entries.add(new Entry(m.shown(), Entry.Fate.MERGED, student, (who.lms() == Identity.Lms.NONE
                            ? "it has the same student's name as " + first : "it is the same student's as " + first
                            + " (" + describe(who) + ")") + "; for each exercise the newer file is graded"));
                }
            }
            if (onlyStudent == null || onlyStudent.equals(who.key())) {
                students.add(readSafely(student, () -> readGroup(student, who, group)));
            }
        }
        students.sort(Comparator.comparing(Submission::name, Collector::naturalOrder));
        // Entries in the class folder's order, as the instructor sees it listed.
        List<String> order = names(all).stream().map(SafeUnzip::printable).toList();
        entries.subList(firstEntry, entries.size()).sort(Comparator.comparingInt(e -> order.indexOf(e.name())));
        return List.copyOf(students);
    }

    /** {@code name}, or if another student has it already, {@code name (2)}, {@code name (3)}: now taken too. */
    private static String unique(String name, java.util.Set<String> taken) {
        String unique = name;
        for (int i = 2; !taken.add(unique); i++) {
            unique = name + " (" + i + ")";
        }
        return unique;
    }

    /** The Blackboard assignment's name that starts the class folder's files, read from a receipt if there is one. */
    private static String blackboardAssignment(List<Path> all) {
        Map<String, String> receipts = new LinkedHashMap<>();
        for (Path child : all) {
            String shown = SafeUnzip.printable(child.getFileName().toString());
            if (isRegular(child) && LmsNames.blackboard(shown, null).filter(b -> b.file() == null).isPresent()) {
                receiptText(child).ifPresent(text -> receipts.put(shown, text));
            }
        }
        return LmsNames.blackboardAssignment(names(all).stream().map(SafeUnzip::printable).toList(), receipts);
    }

    /** A regular file of a class folder: one student's loose file or zip, or refused with the reason. */
    private void looseFile(Map<String, List<Member>> byStudent, Path file, String shown, String blackboard) {
        String fileName = file.getFileName().toString();
        List<LmsNames.Loose> readings = readings(shown, blackboard);
        if (readings.size() > 1) {
            refuse(shown, "reads as the file of " + readings.size() + " different students ("
                    + String.join("; ", readings.stream().map(r -> describe(r.identity())).toList())
                    + "): the export's names cannot tell whose it is, so it is graded for no one; grade it by hand");
            return;
        }
        if (readings.size() == 1) {
            LmsNames.Loose r = readings.get(0);
            Kind kind = r.receipt() ? Kind.RECEIPT : isZip(file) ? Kind.ZIP : Kind.FILE;
            LocalDateTime attempt = LmsNames.blackboard(shown, blackboard).map(LmsNames.BlackboardName::attempt).orElse(null);
            member(byStudent, new Member(file, shown, kind, r.identity(), r.source(), attempt));
        } else if (isZip(file)) {
            Identity who = LmsNames.moodleFolder(shown.substring(0, shown.length() - ".zip".length()))
                    .orElse(Identity.named(studentName(file)));
            member(byStudent, new Member(file, shown, Kind.ZIP, who, shown, null));
        } else if (isJava(file)) {
            refuse(shown, "is a loose file without a student's name (as Canvas, Moodle or Blackboard give it); it was not graded");
        } else if (fileName.toUpperCase(Locale.ROOT).startsWith("README")) {
            refuse(shown, "describes the class folder; it is no one's submission");
        } else {
            refuse(shown, "is not a folder, a zip or a .java file; it was not graded");
        }
    }

    /**
     * Who a file or zip given alone is, read as the same entry of a class folder is (Canvas's,
     * Moodle's or Blackboard's naming), so that grading it again into the class's output replaces
     * that student's reports; else the file's name.
     */
    private Identity entryIdentity(Path file) {
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString();
        String shown = SafeUnzip.printable(fileName);
        Path folder = file.toAbsolutePath().getParent();
        String blackboard = null;
        if (folder != null && LmsNames.blackboard(shown, null).isPresent()) {
            try {
                blackboard = blackboardAssignment(allChildren(folder));
            } catch (IOException e) {
                // The folder cannot be listed: the name is read by itself.
            }
        }
        List<LmsNames.Loose> readings = readings(shown, blackboard);
        if (readings.size() == 1 && !readings.get(0).receipt()) {
            Identity who = readings.get(0).identity();
            Optional<String> receipt = LmsNames.blackboardReceiptOf(fileName);
            return receipt.isPresent() && who.login() != null && isRegular(folder.resolve(receipt.get()))
                    ? withReceiptName(who, folder.resolve(receipt.get())) : who;
        }
        Optional<Identity> moodle = isZip(file) ? LmsNames.moodleFolder(shown.substring(0, shown.length() - ".zip".length()))
                : Optional.empty();
        return moodle.orElse(Identity.named(studentName(file)));
    }

    /** Every reading of a loose file's name as one student's in the exports the grader knows. */
    private List<LmsNames.Loose> readings(String fileName, String blackboardAssignment) {
        List<LmsNames.Loose> readings = new ArrayList<>(LmsNames.canvas(fileName));
        LmsNames.moodleFile(fileName).ifPresent(readings::add);
        LmsNames.blackboard(fileName, blackboardAssignment).ifPresent(b -> readings.add(new LmsNames.Loose(
                new Identity(Identity.Lms.BLACKBOARD, null, b.username(), b.username(), null, false,
                        b.attempt().atZone(zone).toInstant()), b.username() + "_attempt_" + b.attempt(), b.file(), b.file() == null)));
        return readings;
    }

    private static void member(Map<String, List<Member>> byStudent, Member m) {
        byStudent.computeIfAbsent(m.identity().key(), k -> new ArrayList<>()).add(m);
    }

    private void refuse(String shown, String reason) {
        entries.add(new Entry(shown, Entry.Fate.REFUSED, null, reason));
    }

    private Submission refuseStudent(String shown, String name, String reason) {
        entries.add(new Entry(shown, Entry.Fate.REFUSED, name, reason.substring(shown.length()).strip()));
        return Submission.refused(name, reason);
    }

    /**
     * A Brightspace folder's note: a group's submission, whose members the download does not name;
     * or a folder named as Brightspace names them whose time could not be read. Empty for the others.
     */
    private static String brightspaceNote(Member m, Identity who) {
        Optional<LmsNames.BrightspaceName> name = m.kind() == Kind.FOLDER ? LmsNames.brightspace(m.shown()) : Optional.empty();
        if (name.isEmpty()) {
            return "";
        }
        if (who.lms() != Identity.Lms.BRIGHTSPACE) {
            return "its name is Brightspace's, but the grader cannot read its time \"" + name.get().time() + "\"; it is graded "
                    + "under the folder's name, with no submission time";
        }
        return name.get().group() == null ? "" : "Brightspace's folder of a group's submission, handed in by " + name.get().name()
                + ": the download names no other member, so the gradebooks have one row, for the group; enter each member's "
                + "grade in Brightspace by hand";
    }

    /**
     * Blackboard downloads every attempt and Brightspace every submission: the latest is graded,
     * the older ones are named as merged, unread.
     */
    private void latestAttempts(Map<String, List<Member>> byStudent) {
        for (List<Member> group : byStudent.values()) {
            LocalDateTime latest = group.stream().map(Member::attempt).filter(java.util.Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(null);
            if (latest == null) {
                continue;
            }
            List<Member> older = group.stream().filter(m -> m.attempt() != null && !m.attempt().equals(latest)).toList();
            String student = group.get(0).identity().displayName();
            String attempt = group.get(0).identity().lms() == Identity.Lms.BRIGHTSPACE ? "submission" : "attempt";
            older.forEach(m -> entries.add(new Entry(m.shown(), Entry.Fate.MERGED, student, "an older " + attempt + " ("
                    + m.attempt().toString().replace('T', ' ') + ") of " + student + "; only the latest " + attempt + " ("
                    + latest.toString().replace('T', ' ') + ") is graded")));
            group.removeAll(older);
        }
    }

    /** The student's identity over all their entries: late if any export says so; Blackboard's receipt names them. */
    private Identity groupIdentity(List<Member> group) {
        Identity first = group.get(0).identity();
        boolean late = group.stream().anyMatch(m -> m.identity().late());
        Identity who = first.withLate(late, group.stream().map(m -> m.identity().submittedAt())
                .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(null));
        for (Member m : group) {
            Identity named = m.kind() == Kind.RECEIPT && first.login() != null ? withReceiptName(who, m.path()) : who;
            if (named != who) {
                return named;
            }
        }
        return who;
    }

    /** A Blackboard student named as their receipt names them ({@code Name: Jo Smith (jsmith)}), if it does. */
    private static Identity withReceiptName(Identity who, Path receipt) {
        return receiptText(receipt).flatMap(t -> LmsNames.blackboardReceiptName(t, who.login()))
                .map(name -> new Identity(who.lms(), who.userId(), who.login(), SafeUnzip.printable(name), who.email(),
                        who.late(), who.submittedAt(), who.group()))
                .orElse(who);
    }

    private static Optional<String> receiptText(Path receipt) {
        try (InputStream in = Files.newInputStream(receipt, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(decode(in.readNBytes(64 * 1024), receipt.getFileName().toString()).text());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A student as the instructor finds them in the system: {@code Canvas user 4711 (smithjo)}. */
    static String describe(Identity who) {
        String system = switch (who.lms()) {
            case CANVAS -> "Canvas user ";
            case MOODLE -> "Moodle participant ";
            case GRADESCOPE -> "Gradescope user ";
            case BLACKBOARD -> "Blackboard user ";
            case GITHUB_CLASSROOM -> "GitHub user ";
            case BRIGHTSPACE -> "Brightspace ";
            case NONE -> "";
        };
        String id = who.userId() != null ? who.userId() : who.login() != null ? who.login() : who.displayName();
        return system + id + (id.equals(who.displayName()) ? "" : " (" + who.displayName() + ")");
    }

    /**
     * Who a student's folder belongs to: Gradescope's metadata in it, else Moodle's, Brightspace's
     * (with its time) or GitHub Classroom's naming, else its name.
     */
    private Identity folderIdentity(Path folder, String fileName, String classroomPrefix) {
        GradescopeMetadata.Read gradescope = GradescopeMetadata.forFolder(folder);
        if (gradescope != null && gradescope.identity() != null) {
            return gradescope.identity();
        }
        Optional<Identity> moodle = LmsNames.moodleFolder(SafeUnzip.printable(fileName));
        if (moodle.isPresent()) {
            return moodle.get();
        }
        Optional<LmsNames.BrightspaceName> brightspace = LmsNames.brightspace(SafeUnzip.printable(fileName))
                .filter(b -> b.submitted() != null);
        if (brightspace.isPresent()) {
            LmsNames.BrightspaceName b = brightspace.get();
            return new Identity(Identity.Lms.BRIGHTSPACE, b.numbers(), null, b.group() != null ? b.group() : b.name(), null, false,
                    b.submitted().atZone(zone).toInstant());
        }
        if (classroomPrefix != null && fileName.startsWith(classroomPrefix) && fileName.length() > classroomPrefix.length()) {
            String login = SafeUnzip.printable(fileName.substring(classroomPrefix.length()));
            return new Identity(Identity.Lms.GITHUB_CLASSROOM, null, login, login, null, false, null);
        }
        return Identity.named(studentName(folder));
    }

    /**
     * The {@code <assignment>-} that starts every repository {@code gh classroom clone} made here:
     * from the folder's own name ({@code week1-submissions}) or the prefix the cloned repositories
     * (folders with {@code .git}) share; null if this is no such folder. The shared prefix is made of
     * whole {@code -}-separated parts and leaves each clone a login. Two clones cannot tell the
     * assignment's parts from a part both logins start with ({@code hw1-john-doe}, {@code hw1-john-smith}):
     * then the assignment's name is its first part and the parts of digits after it ({@code hw-2-}).
     */
    private static String classroomPrefix(Path folder, List<Path> children) {
        String own = folder.getFileName() == null ? "" : folder.getFileName().toString();
        if (own.endsWith("-submissions") && own.length() > "-submissions".length()) {
            return own.substring(0, own.length() - "submissions".length());
        }
        List<String> repositories = children.stream().filter(c -> isFolder(c) && isFolder(c.resolve(".git")))
                .map(c -> c.getFileName().toString()).toList();
        if (repositories.size() < 2) {
            return null;
        }
        List<String> common = LmsNames.sharedParts(repositories, "-");
        if (repositories.size() == 2) {
            int parts = Math.min(1, common.size());
            while (parts < common.size() && common.get(parts).matches("\\d+")) {
                parts++;
            }
            common = common.subList(0, parts);
        }
        return common.isEmpty() || common.get(0).isEmpty() ? null : String.join("-", common) + "-";
    }

    /** One student's entries read together: folders walked, zips extracted, loose files taken as they are. */
    private Submission readGroup(String name, Identity who, List<Member> group) throws IOException {
        Budget budget = budget();
        List<String> notes = new ArrayList<>();
        List<Found> found = new ArrayList<>();
        List<Path> extracted = new ArrayList<>();
        boolean several = group.stream().filter(m -> m.kind() != Kind.RECEIPT).count() > 1;
        try {
            for (Member m : group) {
                String prefix = several ? m.shown() + "/" : "";
                notes.addAll(m.notes());
                switch (m.kind()) {
                    case FOLDER -> {
                        GradescopeMetadata.Read gradescope = GradescopeMetadata.forFolder(m.path());
                        // Its notes only where it spoke for the folder: the export's index speaks first.
                        if (gradescope != null && (gradescope.identity() == null || gradescope.identity().equals(m.identity()))) {
                            notes.addAll(gradescope.notes());
                        }
                        found.addAll(walk(m.path(), prefix, false, notes).stream()
                                .filter(f -> !f.shown().equals(prefix + GradescopeMetadata.FILE)).toList());
                    }
                    case ZIP -> {
                        Path folder = Files.createTempDirectory(workDir, "zip-");
                        extracted.add(folder);
                        try {
                            notes.addAll(extract(m.path(), m.shown(), folder, budget));
                            found.addAll(walk(folder, prefix, true, notes));
                        } catch (SafeUnzip.RefusedZip e) {
                            if (!several) {
                                return Submission.refused(name, e.getMessage()).as(name, who);
                            }
                            notes.add(e.getMessage());
                        }
                    }
                    case FILE -> found.add(new Found(m.path(), m.shown(), false));
                    case RECEIPT -> { }
                }
            }
            return readFiles(name, found, notes, budget).as(name, who);
        } finally {
            extracted.forEach(Kit::deleteRecursively);
        }
    }

    private interface Reading {
        Submission read() throws IOException;
    }

    /** A student whose files cannot be read at all is that student's problem only: refused with the reason. */
    private static Submission readSafely(String name, Reading reading) {
        try {
            return reading.read();
        } catch (IOException | RuntimeException e) {
            Exception cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            return Submission.refused(name, "the grader could not read this submission (" + SafeUnzip.reason(cause) + ")");
        }
    }

    /** Names compared with their digit runs as numbers: st2 before st10. */
    static int naturalOrder(String a, String b) {
        Matcher x = DIGITS_OR_NOT.matcher(a);
        Matcher y = DIGITS_OR_NOT.matcher(b);
        while (x.find() && y.find()) {
            String p = x.group();
            String q = y.group();
            int c = Character.isDigit(p.charAt(0)) && Character.isDigit(q.charAt(0))
                    ? new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q)) : p.compareToIgnoreCase(q);
            if (c != 0) {
                return c;
            }
        }
        int byLength = Integer.compare(a.length(), b.length());
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private static final Pattern DIGITS_OR_NOT = Pattern.compile("\\d+|\\D+");

    /**
     * A file found in a submission, its name as the student sees it ({@code hw.zip/src/Adam.java}),
     * and whether it was extracted from a zip (its bytes then already counted against the budget).
     */
    private record Found(Path path, String shown, boolean extracted) {}

    /** Reads every Java file below {@code folder} (zips inside it included) and matches it to an exercise. */
    private Submission read(String name, Path folder, boolean extracted, List<String> notes, Budget budget) throws IOException {
        return readFiles(name, walk(folder, "", extracted, notes), notes, budget);
    }

    private Submission readFiles(String name, List<Found> found, List<String> notes, Budget budget) throws IOException {
        Reader reader = new Reader(notes, budget);
        reader.read(found, 1);
        Map<String, List<Candidate>> byExercise = reader.byExercise;
        if (!reader.unopened.isEmpty()) {
            notes.add(reader.unopened.size() == 1 ? reader.unopened.get(0) + " was not opened: the submission's budget was spent"
                    : reader.unopened.size() + " more zips were not opened, as the submission's budget was spent: "
                    + shortList(reader.unopened));
        }
        // The kit's own files (given code, public tests) come with a submission of the whole kit: no note for them.
        List<String> ignored = reader.ignored.stream().filter(shown -> !kitsOwn(shown)).toList();
        if (!ignored.isEmpty()) {
            notes.add("ignored " + (ignored.size() == 1 ? ignored.get(0) + ", which is" : ignored.size() + " files that are")
                    + " not among the files students complete" + (ignored.size() == 1 ? "" : ": " + shortList(ignored)));
        }
        // Adam.java.txt (an editor's or a browser's doing, Windows hiding the .txt) is the exercise's file, but is not graded as it.
        for (String other : reader.others) {
            String file = other.substring(other.lastIndexOf('/') + 1);
            int java = file.toLowerCase(Locale.ROOT).lastIndexOf(".java.") + ".java".length();
            Optional<Exercise> meant = java > ".java".length() ? FileMatcher.match(file.substring(0, java), "", exercises) : Optional.empty();
            if (meant.isPresent()) {
                notes.add(other + " was not graded: only .java files are, and its name has " + file.substring(java)
                        + " after .java (as an editor, a browser or Windows may add); hand it in as " + meant.get().simpleName() + ".java");
            }
        }
        if (byExercise.isEmpty()) {
            notes.add("no .java file of the kit's exercises was found" + (reader.others.isEmpty() ? ""
                    : "; the submission holds " + shortList(reader.others) + ", but " + ONLY_JAVA));
        }
        Map<String, SourceFile> sources = new TreeMap<>();
        for (List<Candidate> candidates : byExercise.values()) {
            candidates.sort(Comparator.comparing((Candidate c) -> !c.shown.endsWith(c.exercise.file()))
                    .thenComparing(c -> -c.lastModified).thenComparing(c -> c.shown));
            Candidate chosen = candidates.get(0);
            for (Candidate other : candidates.subList(1, candidates.size())) {
                notes.add("ignored " + other.shown + ": " + chosen.shown + " was graded as "
                        + chosen.exercise.simpleName() + ".java instead (newer, or at the kit's path)");
            }
            PackageFixer.Fixed fixed = PackageFixer.fix(chosen.text, chosen.exercise.packageName(), chosen.shown);
            fixed.note().ifPresent(notes::add);
            sources.put(chosen.exercise.file(), new SourceFile(chosen.exercise.file(), fixed.text(), chosen.shown));
        }
        return new Submission(name, sources, notes, null);
    }

    /**
     * True for a file of the kit that is not an exercise, such as {@code src/main/java/dlkit/core/Matrices.java}
     * or a public test: its class is one of the kit's (on the grader's class path).
     */
    static boolean kitsOwn(String shown) {
        String path = shown.replace('\\', '/');
        int at = path.lastIndexOf("dlkit/");
        return at >= 0 && path.endsWith(".java")
                && Collector.class.getClassLoader().getResource(path.substring(at, path.length() - ".java".length()) + ".class") != null;
    }

    /** Reads the files of one submission, into candidates per exercise and notes. */
    private final class Reader {
        final List<String> notes;
        final Budget budget;
        final Map<String, List<Candidate>> byExercise = new LinkedHashMap<>();
        final List<String> ignored = new ArrayList<>();
        final List<String> others = new ArrayList<>();
        /** The zips not opened once a zip was refused for the budget, and why. */
        final List<String> unopened = new ArrayList<>();
        String zipsRefused;
        String overBudget;

        Reader(List<String> notes, Budget budget) {
            this.notes = notes;
            this.budget = budget;
        }

        void read(List<Found> found, int zipDepth) throws IOException {
            for (Found f : found) {
                if (isJava(f.path)) {
                    readSource(f);
                } else if (isZip(f.path) && overBudget == null && zipsRefused == null) {
                    readZip(f, zipDepth);
                } else if (isZip(f.path) && zipsRefused != null) {
                    unopened.add(f.shown);
                } else {
                    others.add(f.shown);
                }
            }
        }

        private void readZip(Found zip, int zipDepth) throws IOException {
            if (zipDepth >= MAX_ZIP_DEPTH) {
                notes.add("ignored " + zip.shown + ": zips are opened " + MAX_ZIP_DEPTH + " deep at most");
                return;
            }
            Path inner = Files.createTempDirectory(workDir, "zip-");
            try {
                notes.addAll(extract(zip.path, zip.shown, inner, budget));
                read(walk(inner, zip.shown + "/", true, notes), zipDepth + 1);
            } catch (SafeUnzip.RefusedZip e) {
                notes.add(e.getMessage());
                if (e.budgetSpent()) {
                    // No other zip fits either: they are not opened, which keeps collecting one student bounded.
                    zipsRefused = e.getMessage();
                }
            } finally {
                Kit.deleteRecursively(inner);
            }
        }

        private void readSource(Found f) {
            if (overBudget != null) {
                return;
            }
            byte[] bytes;
            long lastModified;
            try (InputStream in = Files.newInputStream(f.path, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes(MAX_SOURCE_BYTES + 1);
                if (bytes.length > MAX_SOURCE_BYTES) {
                    notes.add(f.shown + " is larger than " + MAX_SOURCE_BYTES / 1024 + " KB, more than a source file of the kit "
                            + "needs; it was left out (treated as not submitted)");
                    return;
                }
                if (!f.extracted) {
                    budget.take(bytes.length);
                }
                lastModified = Files.getLastModifiedTime(f.path, LinkOption.NOFOLLOW_LINKS).toMillis();
            } catch (Budget.Exceeded e) {
                overBudget = e.getMessage();
                notes.add(f.shown + " and the files after it were not read: " + overBudget);
                return;
            } catch (IOException e) {
                notes.add(f.shown + " could not be read (" + SafeUnzip.reason(e) + "); it was treated as not submitted");
                return;
            }
            Decoded decoded = decode(bytes, f.path.getFileName().toString());
            if (decoded.note != null) {
                notes.add(decoded.note);
            }
            Optional<Exercise> exercise = FileMatcher.match(f.path.getFileName().toString(), decoded.text, exercises);
            if (exercise.isEmpty()) {
                ignored.add(f.shown);
                return;
            }
            byExercise.computeIfAbsent(exercise.get().file(), k -> new ArrayList<>())
                    .add(new Candidate(exercise.get(), f.shown, decoded.text, lastModified));
        }
    }

    private static String shortList(List<String> names) {
        int shown = Math.min(5, names.size());
        return String.join(", ", names.subList(0, shown)) + (shown < names.size() ? " and " + (names.size() - shown) + " more" : "");
    }

    private record Candidate(Exercise exercise, String shown, String text, long lastModified) {}

    /**
     * The regular files below {@code folder}, in name order, named {@code prefix} + their path
     * below it. Links are not followed: they, special files and what cannot be read are noted.
     */
    private static List<Found> walk(Path folder, String prefix, boolean extracted, List<String> notes) throws IOException {
        List<Found> found = new ArrayList<>();
        Files.walkFileTree(folder, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            private String shown(Path p) {
                return SafeUnzip.printable(prefix + folder.relativize(p).toString().replace('\\', '/'));
            }

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return !dir.equals(folder) && ignoredName(folder.relativize(dir)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (ignoredName(folder.relativize(file))) {
                    return FileVisitResult.CONTINUE;
                }
                if (attributes.isSymbolicLink()) {
                    notes.add(shown(file) + " is a symbolic link, which the grader never follows; it was treated as not submitted");
                } else if (attributes.isRegularFile()) {
                    found.add(new Found(file, shown(file), extracted));
                } else {
                    notes.add(shown(file) + " is not a regular file (a pipe, a device or a socket); it was left out");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (!ignoredName(folder.relativize(file))) {
                    notes.add(shown(file) + " could not be read (" + SafeUnzip.reason(e) + "); it was treated as not submitted");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (e != null) {
                    notes.add(shown(dir) + " could not be read to the end (" + SafeUnzip.reason(e) + ")");
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.comparing(Found::shown));
        return found;
    }

    /** Extracts {@code zip} into {@code into}; on refusal, removes what it had written. */
    private static List<String> extract(Path zip, String shown, Path into, Budget budget) throws SafeUnzip.RefusedZip {
        try {
            return SafeUnzip.extract(zip, shown, into, budget);
        } catch (SafeUnzip.RefusedZip e) {
            Kit.deleteRecursively(into);
            throw e;
        }
    }

    /** The student's name from a folder or file name, without LMS decorations or extension. */
    static String studentName(Path path) {
        String name = path.getFileName() == null ? "submission" : SafeUnzip.printable(path.getFileName().toString());
        name = name.replaceAll("(?i)\\.(zip|java)$", "").replaceAll("_assignsubmission_(file|onlinetext)_?$", "");
        return name.isBlank() ? "submission" : name;
    }

    /** Everything directly in {@code folder}, hidden files too, in name order. */
    private static List<Path> allChildren(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    private static List<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static List<Path> children(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.filter(p -> !ignoredName(p.getFileName())).sorted().toList();
        }
    }

    private static boolean isFolder(Path p) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean isRegular(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** Hidden files and macOS archive clutter. */
    private static boolean ignoredName(Path relative) {
        for (Path part : relative) {
            String n = part.toString();
            if (n.startsWith(".") || n.equals("__MACOSX") || n.equals("target")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJava(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".java");
    }

    private static boolean isZip(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** A source's text, and a note if it was not saved as UTF-8. */
    record Decoded(String text, String note) {}

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /**
     * UTF-8 (a byte-order mark dropped, silently); UTF-16 (with a byte-order mark, or without one
     * if its zero bytes show it) or else Windows-1252 (Latin-1's superset) read as such, with a
     * note asking for UTF-8, which the kit's build expects. {@code fileName} is for the note.
     */
    static Decoded decode(byte[] bytes, String fileName) {
        String asUtf16 = fileName + " is saved as UTF-16; it was read as UTF-16, but save it as UTF-8 "
                + "(the kit's build reads UTF-8 only)";
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
            return new Decoded(new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE), asUtf16);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
            return new Decoded(new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE), asUtf16);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = null;
        }
        // ASCII as UTF-16 is every other byte zero: valid UTF-8 too, so this is checked first.
        Charset utf16 = utf16WithoutMark(bytes);
        if (utf16 != null) {
            return new Decoded(new String(bytes, utf16), asUtf16);
        }
        if (text != null) {
            return new Decoded(text.startsWith("\uFEFF") ? text.substring(1) : text, null);
        }
        return new Decoded(new String(bytes, WINDOWS_1252), fileName + " is not saved as UTF-8; it was read as Windows-1252 "
                + "(Latin-1), but save it as UTF-8 (the kit's build reads UTF-8 only)");
    }

    /** UTF-16LE or BE if nearly every other byte is zero (text in a Latin script), else null. */
    private static Charset utf16WithoutMark(byte[] bytes) {
        int pairs = Math.min(bytes.length, 4096) / 2;
        if (pairs < 4) {
            return null;
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < pairs; i++) {
            evenZeros += bytes[2 * i] == 0 ? 1 : 0;
            oddZeros += bytes[2 * i + 1] == 0 ? 1 : 0;
        }
        if (oddZeros >= pairs * 0.9 && evenZeros <= pairs * 0.05) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenZeros >= pairs * 0.9 && oddZeros <= pairs * 0.05) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }
}
