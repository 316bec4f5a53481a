package dlkit.grader.collect;

import java.util.Optional;

/**
 * Puts a submitted file in the package its exercise lives in. Students move files around in
 * their IDE and the package line follows; grading them wrong for that would help no one, so the
 * line is fixed and the feedback says so.
 *
 * <p>The package declaration is read as the compiler reads it: the first token of the file
 * outside comments, so a {@code package} line inside a comment or a string is never taken for it.
 */
public final class PackageFixer {

    private PackageFixer() {}

    /** The source with its package line fixed, and a note if something changed. */
    public record Fixed(String text, Optional<String> note) {}

    /** Where a package declaration stands in a source: {@code text.substring(start, end)} is {@code package a.b;}. */
    private record Declaration(String name, int start, int end) {}

    /** The package a source declares, if it declares one. */
    public static Optional<String> declaredPackage(String text) {
        return find(text).map(Declaration::name);
    }

    /**
     * {@code text} declaring package {@code expected}; the note names the file ({@code fileName})
     * and what it declared before.
     */
    public static Fixed fix(String text, String expected, String fileName) {
        Optional<Declaration> found = find(text);
        if (found.isPresent()) {
            Declaration d = found.get();
            if (d.name.equals(expected)) {
                return new Fixed(text, Optional.empty());
            }
            String fixed = text.substring(0, d.start) + "package " + expected + ";" + text.substring(d.end);
            return new Fixed(fixed, Optional.of(fileName + " declared package " + d.name
                    + "; it was graded as package " + expected + " (the package of the kit's file)"));
        }
        return new Fixed("package " + expected + ";\n" + text, Optional.of(fileName
                + " had no package line; it was graded as package " + expected + " (the package of the kit's file)"));
    }

    /**
     * The package declaration, if the first token outside comments is {@code package} followed by
     * a dotted name and {@code ;} (comments may stand between them). Annotations before it, which
     * only a package-info file may hold, count as no declaration.
     */
    private static Optional<Declaration> find(String text) {
        int start = skipBlanksAndComments(text, 0);
        if (!text.startsWith("package", start) || start + 7 >= text.length()
                || Character.isJavaIdentifierPart(text.charAt(start + 7))) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder();
        int i = start + 7;
        while (true) {
            i = skipBlanksAndComments(text, i);
            if (i >= text.length()) {
                return Optional.empty();
            }
            char c = text.charAt(i);
            if (c == ';') {
                String declared = name.toString();
                return declared.isEmpty() || declared.endsWith(".") || declared.startsWith(".")
                        ? Optional.empty() : Optional.of(new Declaration(declared, start, i + 1));
            }
            if (c != '.' && !Character.isJavaIdentifierPart(c)) {
                return Optional.empty();
            }
            name.append(c);
            i++;
        }
    }

    /** The index of the first character at or after {@code i} that is neither blank nor in a comment. */
    private static int skipBlanksAndComments(String text, int i) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end + 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else {
                return i;
            }
        }
        return i;
    }
}
