package dlkit.grader.collect;

import dlkit.grader.kit.Exercise;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells which exercise a submitted file is, even when a learning-management system renamed it:
 * <ul>
 *   <li>Canvas: {@code smithj_12345_67890_Adam-1.java}, {@code smithj_LATE_12345_67890_Adam.java}</li>
 *   <li>Moodle: {@code Jo Smith_123_assignsubmission_file_/Adam.java}</li>
 *   <li>Blackboard: {@code hw3_jsmith_attempt_2026-01-01-10-00-00_Adam.java}</li>
 *   <li>downloads: {@code Adam (1).java}, {@code Adam(2).java}</li>
 * </ul>
 * The class name is the file name without copy suffixes, or its last part after {@code _},
 * space or {@code -}; failing that, the first class the file declares. Names are compared
 * exactly first, then ignoring case. Among exercises sharing a simple name, the one whose
 * package the file declares wins.
 */
public final class FileMatcher {

    private static final Pattern COPY_SUFFIX = Pattern.compile("(\\s*\\(\\d+\\)|-\\d+)$");
    private static final Pattern DECLARED_CLASS = Pattern.compile(
            "^\\s*(?:public\\s+|final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)", Pattern.MULTILINE);

    private FileMatcher() {}

    /**
     * The exercise {@code fileName} (a name, not a path) with content {@code text} stands for,
     * if any.
     */
    public static Optional<Exercise> match(String fileName, String text, List<Exercise> exercises) {
        if (!fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".java")) {
            return Optional.empty();
        }
        String base = fileName.substring(0, fileName.length() - ".java".length()).strip();
        for (Matcher m = COPY_SUFFIX.matcher(base); m.find(); m = COPY_SUFFIX.matcher(base)) {
            base = base.substring(0, m.start());
        }
        String declaredPackage = PackageFixer.declaredPackage(text).orElse(null);
        for (boolean ignoreCase : new boolean[] {false, true}) {
            Optional<Exercise> found = pick(base, exercises, ignoreCase, declaredPackage);
            if (found.isPresent()) {
                return found;
            }
        }
        Matcher declared = DECLARED_CLASS.matcher(text);
        return declared.find() ? pick(declared.group(1), exercises, false, declaredPackage) : Optional.empty();
    }

    private static Optional<Exercise> pick(String base, List<Exercise> exercises, boolean ignoreCase, String pkg) {
        List<Exercise> candidates = exercises.stream().filter(e -> namedBy(base, e.simpleName(), ignoreCase)).toList();
        if (candidates.size() <= 1) {
            return candidates.stream().findFirst();
        }
        return candidates.stream().filter(e -> e.packageName().equals(pkg)).findFirst();
    }

    private static boolean namedBy(String base, String simpleName, boolean ignoreCase) {
        String b = ignoreCase ? base.toLowerCase(java.util.Locale.ROOT) : base;
        String s = ignoreCase ? simpleName.toLowerCase(java.util.Locale.ROOT) : simpleName;
        if (b.equals(s)) {
            return true;
        }
        if (!b.endsWith(s)) {
            return false;
        }
        char before = b.charAt(b.length() - s.length() - 1);
        return before == '_' || before == ' ' || before == '-';
    }
}
