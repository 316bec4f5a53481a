package dlkit.grader.kit;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file students submit: a source file of the kit that holds at least one stub. The one model of
 * an exercise in the engine: grading, validation, the course file and the release all use it
 * (the release's README row and Classroom step add to it: {@code release.Listing}).
 *
 * @param file the path below src/main/java, for example {@code dlkit/optim/Adam.java}
 * @param stub the stub's source as the student kit has it; the grader compiles it in place of a
 *             missing, broken or refused student file
 */
public record Exercise(String file, String stub) {

    /** The fully qualified class name, {@code dlkit.optim.Adam}. */
    public String qualifiedName() {
        return file.substring(0, file.length() - ".java".length()).replace('/', '.');
    }

    /** The simple class name, {@code Adam}. */
    public String simpleName() {
        return file.substring(file.lastIndexOf('/') + 1, file.length() - ".java".length());
    }

    /** {@code dlkit.optim}, or the empty string for the default package. */
    public String packageName() {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash).replace('/', '.');
    }

    /**
     * The methods students write, in file order: those whose body in the stub throws
     * {@code not implemented yet: Adam.step}.
     */
    public List<String> methods() {
        Matcher m = Pattern.compile(Pattern.quote(Kit.NOT_IMPLEMENTED + simpleName() + ".") + "(\\w+)").matcher(stub);
        return m.results().map(r -> r.group(1)).distinct().toList();
    }

    /** True if a compiled class, named like {@code dlkit/optim/Adam$1.class}, belongs to this file's main class. */
    public boolean ownsClassFile(String classFile) {
        String base = file.substring(0, file.length() - ".java".length());
        return classFile.equals(base + ".class") || classFile.startsWith(base + "$");
    }

    /**
     * What the exercise teaches, in one sentence: the first sentence of the class's Javadoc in
     * the stub (before any {@code <pre>} or paragraph), markup removed; empty if there is none.
     */
    public String summary() {
        Matcher m = Pattern.compile("/\\*\\*((?:(?!\\*/).)*?)\\*/\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*"
                + "public\\s+(?:final\\s+|abstract\\s+)*(?:class|interface|enum|record)\\s+"
                + Pattern.quote(simpleName()) + "\\b", Pattern.DOTALL).matcher(stub);
        if (!m.find()) {
            return "";
        }
        String text = m.group(1).split("<pre>|<p>")[0].replaceAll("(?m)^\\s*\\* ?", " ")
                .replaceAll("\\{@\\w+\\s+([^}]*)}", "$1").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
        Matcher end = Pattern.compile("[.!?:](\\s|$)").matcher(text);
        while (end.find()) {
            // A colon ends the sentence only at the end of the text (it introduced a formula).
            if (text.charAt(end.start()) != ':' || end.end() >= text.length()) {
                text = text.substring(0, end.start()) + ".";
                break;
            }
        }
        return text.length() > 300 ? text.substring(0, 297).strip() + "..." : text;
    }
}
