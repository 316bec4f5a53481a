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
 * <p>A submission is a folder or a zip. A folder that directly holds {@code .java} files or a
 * {@code src} folder is one submission; any other folder is a class, whose sub-folders and zips
 * are its students. A class downloaded from Canvas as loose files
 * ({@code smithj_12345_67890_Adam.java}) is split by student. A zip is extracted (safely, see
 * {@link SafeUnzip}) and then read by the same rules, zips inside it too; a single {@code .java}
 * file is a submission of its own. {@link Mode#ONE} and {@link Mode#CLASS} override the guess.
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

    /** What one run may extract and read over all its submissions. */
    public static final long MAX_RUN_BYTES = 4L * 1024 * 1024 * 1024;
    /** The largest source file read; a larger one is left out with a note. */
    public static final int MAX_SOURCE_BYTES = 1024 * 1024;
    /** Zips inside zips are opened this deep (the submission's own zip counts as one). */
    static final int MAX_ZIP_DEPTH = 3;

    private static final Pattern CANVAS = Pattern.compile("^([A-Za-z]+)(?:_LATE)?_\\d+_\\d+_(.+)$", Pattern.CASE_INSENSITIVE);
    private static final String ONLY_JAVA = "only .java files, or zips of them, are graded";

    private final List<Exercise> exercises;
    private final Path workDir;
    private final long submissionBytes;
    private final Budget run;
    private final List<String> skipped = new ArrayList<>();

    /** @param workDir an empty folder for extracted zips */
    public Collector(List<Exercise> exercises, Path workDir) {
        this(exercises, workDir, SafeUnzip.MAX_BYTES, MAX_RUN_BYTES);
    }

    /** With other budgets, per submission and per run, in bytes. */
    Collector(List<Exercise> exercises, Path workDir, long submissionBytes, long runBytes) {
        this.exercises = exercises;
        this.workDir = workDir;
        this.submissionBytes = submissionBytes;
        this.run = new Budget(runBytes, "this run's submissions", null);
    }

    /**
     * What was in a class folder but is no one's submission ({@code README.md is not a folder,
     * a zip or a .java file}), for the instructor: known after {@link #collect}.
     */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** The submissions at {@code path}, in name order for a class. */
    public List<Submission> collect(Path path, Mode mode) throws IOException {
        if (!Files.isDirectory(path)) {
            String name = studentName(path);
            if (!Files.isRegularFile(path)) {
                return List.of(Submission.refused(name, path.getFileName() + " is not a regular file (a pipe or a device?); "
                        + "nothing in it could be graded"));
            }
            if (isJava(path)) {
                return List.of(readFiles(name, List.of(new Found(path, path.getFileName().toString(), false)), new ArrayList<>(),
                        budget()));
            }
            if (!isZip(path)) {
                return List.of(Submission.refused(name, path.getFileName() + " is neither a .java file nor a zip, so nothing "
                        + "in it could be graded: " + ONLY_JAVA));
            }
            Budget budget = mode == Mode.ONE ? budget() : new Budget(run.remaining(), "this zip", run);
            Path folder = Files.createTempDirectory(workDir, "zip-");
            try {
                List<String> notes = extract(path, path.getFileName().toString(), folder, budget);
                if (mode == Mode.ONE || (mode == Mode.AUTO && isOneSubmission(folder))) {
                    if (budget.used() > submissionBytes) {
                        return List.of(Submission.refused(name, path.getFileName() + " holds more than "
                                + Budget.megabytes(submissionBytes) + " MB once uncompressed; refused"));
                    }
                    return List.of(read(name, folder, true, notes, budget()));
                }
                return collectClass(folder);
            } catch (SafeUnzip.RefusedZip e) {
                return List.of(Submission.refused(name, e.getMessage()));
            } finally {
                Kit.deleteRecursively(folder);
            }
        }
        if (mode == Mode.ONE || (mode == Mode.AUTO && isOneSubmission(path))) {
            return List.of(readSafely(studentName(path), () -> read(studentName(path), path, false, new ArrayList<>(), budget())));
        }
        return collectClass(path);
    }

    /** One folder or zip read as a single submission, whatever it looks like. */
    public Submission readOne(Path path) throws IOException {
        return collect(path, Mode.ONE).get(0);
    }

    private Budget budget() {
        return new Budget(submissionBytes, "this submission", run);
    }

    private boolean isOneSubmission(Path folder) throws IOException {
        if (isFolder(folder.resolve("src"))) {
            return true;
        }
        List<Path> children = children(folder);
        List<Path> javaFiles = children.stream().filter(p -> isJava(p) && isRegular(p)).toList();
        if (!javaFiles.isEmpty()) {
            return canvasStudents(javaFiles).size() < 2;
        }
        // A lone folder inside, as zips often have, is looked into.
        return children.size() == 1 && isFolder(children.get(0)) && isOneSubmission(children.get(0));
    }

    private List<Submission> collectClass(Path folder) throws IOException {
        Map<String, Submission> students = new TreeMap<>(Collector::naturalOrder);
        List<Path> loose = new ArrayList<>();
        for (Path child : children(folder)) {
            String name = studentName(child);
            String shown = SafeUnzip.printable(child.getFileName().toString());
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                students.put(unique(students, name), Submission.refused(name, shown + " could not be read ("
                        + SafeUnzip.reason(e) + ")"));
                continue;
            }
            if (attributes.isSymbolicLink()) {
                students.put(unique(students, name), Submission.refused(name, shown + " is a symbolic link, which the "
                        + "grader never follows; nothing was graded"));
            } else if (attributes.isDirectory()) {
                students.put(unique(students, name), readSafely(name, () -> read(name, child, false, new ArrayList<>(), budget())));
            } else if (attributes.isRegularFile() && isZip(child)) {
                students.put(unique(students, name), readSafely(name, () -> readZip(name, child, shown)));
            } else if (attributes.isRegularFile() && (isJava(child) || CANVAS.matcher(shown).matches())) {
                loose.add(child);
            } else if (!(attributes.isRegularFile() && name.toUpperCase(java.util.Locale.ROOT).startsWith("README"))) {
                // A README describes the class folder (grader/samples has one); anything else is named.
                skipped.add(shown + (attributes.isRegularFile() ? " is not a folder, a zip or a .java file"
                        : " is not a regular file or a folder") + "; it was not graded");
            }
        }
        for (Map.Entry<String, List<Path>> e : canvasStudents(loose).entrySet()) {
            List<Found> files = e.getValue().stream().map(f -> new Found(f, f.getFileName().toString(), false)).toList();
            students.put(unique(students, e.getKey()),
                    readSafely(e.getKey(), () -> readFiles(e.getKey(), files, new ArrayList<>(), budget())));
        }
        loose.stream().filter(f -> !CANVAS.matcher(f.getFileName().toString()).matches())
                .forEach(f -> skipped.add(SafeUnzip.printable(f.getFileName().toString())
                        + " is a loose file without a student's name (as Canvas gives it); it was not graded"));
        return List.copyOf(students.values());
    }

    private Submission readZip(String name, Path zip, String shown) throws IOException {
        Budget budget = budget();
        Path folder = Files.createTempDirectory(workDir, "zip-");
        try {
            return read(name, folder, true, extract(zip, shown, folder, budget), budget);
        } catch (SafeUnzip.RefusedZip e) {
            return Submission.refused(name, e.getMessage());
        } finally {
            Kit.deleteRecursively(folder);
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

    /** Loose files grouped by the Canvas login prefix of their names; other files are left out. */
    private static Map<String, List<Path>> canvasStudents(List<Path> files) {
        Map<String, List<Path>> byStudent = new TreeMap<>();
        for (Path f : files) {
            Matcher m = CANVAS.matcher(f.getFileName().toString());
            if (m.matches()) {
                byStudent.computeIfAbsent(m.group(1).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f);
            }
        }
        return byStudent;
    }

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
        // The kit's own files (given code, public tests) come with a submission of the whole kit: no note for them.
        List<String> ignored = reader.ignored.stream().filter(shown -> !kitsOwn(shown)).toList();
        if (!ignored.isEmpty()) {
            notes.add("ignored " + (ignored.size() == 1 ? ignored.get(0) + ", which is" : ignored.size() + " files that are")
                    + " not among the files students complete" + (ignored.size() == 1 ? "" : ": " + shortList(ignored)));
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
        String overBudget;

        Reader(List<String> notes, Budget budget) {
            this.notes = notes;
            this.budget = budget;
        }

        void read(List<Found> found, int zipDepth) throws IOException {
            for (Found f : found) {
                if (isJava(f.path)) {
                    readSource(f);
                } else if (isZip(f.path) && overBudget == null) {
                    readZip(f, zipDepth);
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

    private static String unique(Map<String, ?> taken, String name) {
        String candidate = name;
        for (int i = 2; taken.containsKey(candidate); i++) {
            candidate = name + " (" + i + ")";
        }
        return candidate;
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
