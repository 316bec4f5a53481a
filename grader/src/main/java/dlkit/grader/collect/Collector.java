package dlkit.grader.collect;

import dlkit.grader.kit.Exercise;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns what the instructor points the grader at into submissions.
 *
 * <p>A submission is a folder or a zip. A folder that directly holds {@code .java} files or a
 * {@code src} folder is one submission; any other folder is a class, whose sub-folders and zips
 * are its students. A class downloaded from Canvas as loose files
 * ({@code smithj_12345_67890_Adam.java}) is split by student. A zip is extracted (safely, see
 * {@link SafeUnzip}) and then read by the same rules; a single {@code .java} file is a
 * submission of its own. {@link Mode#ONE} and {@link Mode#CLASS}
 * override the guess.
 */
public final class Collector {

    /** How to read the path: guess from its content, or force one submission or a class. */
    public enum Mode { AUTO, ONE, CLASS }

    private static final Pattern CANVAS = Pattern.compile("^([A-Za-z]+)(?:_LATE)?_\\d+_\\d+_(.+)$", Pattern.CASE_INSENSITIVE);

    private final List<Exercise> exercises;
    private final Path workDir;

    /** @param workDir an empty folder for extracted zips */
    public Collector(List<Exercise> exercises, Path workDir) {
        this.exercises = exercises;
        this.workDir = workDir;
    }

    /** The submissions at {@code path}, in name order for a class. */
    public List<Submission> collect(Path path, Mode mode) throws IOException {
        if (Files.isRegularFile(path) && isJava(path)) {
            Path own = Files.createTempDirectory(workDir, "file-");
            Files.copy(path, own.resolve(path.getFileName()));
            return List.of(read(studentName(path), own));
        }
        if (!Files.isDirectory(path)) {
            String name = studentName(path);
            Path folder;
            try {
                folder = extract(path);
            } catch (SafeUnzip.RefusedZip e) {
                return List.of(Submission.refused(name, e.getMessage()));
            }
            if (mode == Mode.ONE || (mode == Mode.AUTO && isOneSubmission(folder))) {
                return List.of(read(name, folder));
            }
            return collectClass(folder);
        }
        if (mode == Mode.ONE || (mode == Mode.AUTO && isOneSubmission(path))) {
            return List.of(read(studentName(path), path));
        }
        return collectClass(path);
    }

    /** One folder or zip read as a single submission, whatever it looks like. */
    public Submission readOne(Path path) throws IOException {
        return collect(path, Mode.ONE).get(0);
    }

    private boolean isOneSubmission(Path folder) throws IOException {
        if (Files.isDirectory(folder.resolve("src"))) {
            return true;
        }
        List<Path> children = children(folder);
        List<Path> javaFiles = children.stream().filter(p -> isJava(p) && Files.isRegularFile(p)).toList();
        if (!javaFiles.isEmpty()) {
            return canvasStudents(javaFiles).size() < 2;
        }
        // A lone folder inside, as zips often have, is looked into.
        return children.size() == 1 && Files.isDirectory(children.get(0)) && isOneSubmission(children.get(0));
    }

    private List<Submission> collectClass(Path folder) throws IOException {
        Map<String, Submission> students = new TreeMap<>(Collector::naturalOrder);
        List<Path> looseJava = new ArrayList<>();
        for (Path child : children(folder)) {
            String name = studentName(child);
            if (Files.isDirectory(child)) {
                students.put(unique(students, name), read(name, child));
            } else if (isZip(child)) {
                try {
                    students.put(unique(students, name), read(name, extract(child)));
                } catch (SafeUnzip.RefusedZip e) {
                    students.put(unique(students, name), Submission.refused(name, e.getMessage()));
                }
            } else if (isJava(child)) {
                looseJava.add(child);
            }
        }
        for (Map.Entry<String, List<Path>> e : canvasStudents(looseJava).entrySet()) {
            Path own = Files.createTempDirectory(workDir, "loose-");
            for (Path file : e.getValue()) {
                Files.copy(file, own.resolve(file.getFileName()));
            }
            students.put(unique(students, e.getKey()), read(e.getKey(), own));
        }
        return List.copyOf(students.values());
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

    /** Reads every Java file below {@code folder} (zips inside it included) and matches it to an exercise. */
    private Submission read(String name, Path folder) throws IOException {
        List<String> notes = new ArrayList<>();
        Map<String, List<Candidate>> byExercise = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (Path file : files(folder, notes)) {
            String text = decode(Files.readAllBytes(file));
            String shown = folder.relativize(file).toString().replace('\\', '/');
            Optional<Exercise> exercise = FileMatcher.match(file.getFileName().toString(), text, exercises);
            if (exercise.isEmpty()) {
                ignored.add(shown);
                continue;
            }
            byExercise.computeIfAbsent(exercise.get().file(), k -> new ArrayList<>())
                    .add(new Candidate(exercise.get(), file, shown, text));
        }
        if (!ignored.isEmpty()) {
            notes.add("ignored " + (ignored.size() == 1 ? ignored.get(0) + ", which is" : ignored.size() + " files that are")
                    + " not among the files students complete" + (ignored.size() == 1 ? "" : ": " + shortList(ignored)));
        }
        Map<String, SourceFile> sources = new TreeMap<>();
        for (List<Candidate> candidates : byExercise.values()) {
            candidates.sort(Comparator.comparing((Candidate c) -> !c.shown.endsWith(c.exercise.file()))
                    .thenComparing(c -> -lastModified(c.path)).thenComparing(c -> c.shown));
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

    private static String shortList(List<String> names) {
        int shown = Math.min(5, names.size());
        return String.join(", ", names.subList(0, shown)) + (shown < names.size() ? " and " + (names.size() - shown) + " more" : "");
    }

    private record Candidate(Exercise exercise, Path path, String shown, String text) {}

    private List<Path> files(Path folder, List<String> notes) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                if (ignoredName(folder.relativize(p))) {
                    continue;
                }
                if (isJava(p)) {
                    found.add(p);
                } else if (isZip(p)) {
                    try {
                        Path inner = extract(p);
                        try (Stream<Path> z = Files.walk(inner)) {
                            z.filter(q -> Files.isRegularFile(q) && isJava(q) && !ignoredName(inner.relativize(q)))
                                    .sorted().forEach(found::add);
                        }
                    } catch (SafeUnzip.RefusedZip e) {
                        notes.add(e.getMessage());
                    }
                }
            }
        }
        return found;
    }

    private Path extract(Path zip) throws IOException {
        Path into = Files.createTempDirectory(workDir, "zip-");
        SafeUnzip.extract(zip, into);
        return into;
    }

    /** The student's name from a folder or file name, without LMS decorations or extension. */
    static String studentName(Path path) {
        String name = path.getFileName() == null ? "submission" : path.getFileName().toString();
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
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> !ignoredName(p.getFileName())).sorted().toList();
        }
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

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** UTF-8 (a byte-order mark dropped), or Latin-1 for files saved by older Windows editors. */
    static String decode(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
