package dlkit.grader.collect;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a submitted file in the package its exercise lives in. Students move files around in
 * their IDE and the package line follows; grading them wrong for that would help no one, so the
 * line is fixed and the feedback says so.
 */
public final class PackageFixer {

    private static final Pattern PACKAGE = Pattern.compile("^[ \\t]*package\\s+([\\w.\\s]+?)\\s*;", Pattern.MULTILINE);

    private PackageFixer() {}

    /** The source with its package line fixed, and a note if something changed. */
    public record Fixed(String text, Optional<String> note) {}

    /** The package a source declares, if it declares one. */
    public static Optional<String> declaredPackage(String text) {
        Matcher m = PACKAGE.matcher(text);
        return m.find() ? Optional.of(m.group(1).replaceAll("\\s", "")) : Optional.empty();
    }

    /**
     * {@code text} declaring package {@code expected}; the note names the file ({@code fileName})
     * and what it declared before.
     */
    public static Fixed fix(String text, String expected, String fileName) {
        Matcher m = PACKAGE.matcher(text);
        if (m.find()) {
            String declared = m.group(1).replaceAll("\\s", "");
            if (declared.equals(expected)) {
                return new Fixed(text, Optional.empty());
            }
            String fixed = text.substring(0, m.start()) + "package " + expected + ";" + text.substring(m.end());
            return new Fixed(fixed, Optional.of(fileName + " declared package " + declared
                    + "; it was graded as package " + expected + " (the package of the kit's file)"));
        }
        return new Fixed("package " + expected + ";\n" + text, Optional.of(fileName
                + " had no package line; it was graded as package " + expected + " (the package of the kit's file)"));
    }
}
