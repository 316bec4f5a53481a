package dlkit.grader.collect;

/**
 * What became of one file or folder directly inside a class folder: every one is accounted for,
 * so no student's work disappears without a word.
 *
 * @param name    the file or folder as the class folder holds it
 * @param fate    graded as a student's work, merged into another entry's student, or refused
 * @param student the submission it went into ({@link Submission#name()}); null if refused
 * @param reason  why, in words that follow the name: {@code "is not a folder, a zip or a .java file; it was not graded"}; empty if simply graded
 */
public record Entry(String name, Fate fate, String student, String reason) {

    public enum Fate { GRADED, MERGED, REFUSED }

    /** One sentence for the console: {@code grades.xlsx is not a folder, a zip or a .java file; it was not graded}. */
    public String describe() {
        return switch (fate) {
            case GRADED -> name + " was graded as " + student + (reason.isEmpty() ? "" : " (" + reason + ")");
            case MERGED -> name + " was merged into " + student + ": " + reason;
            case REFUSED -> name + " " + reason;
        };
    }
}
