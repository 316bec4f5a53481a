package dlkit.grader.collect;

/**
 * A student's source for one exercise, ready to compile.
 *
 * @param exercise the exercise file it stands for, {@code dlkit/optim/Adam.java}
 * @param text     the source, with its package line fixed if it had to be
 * @param origin   where it came from in the submission, as the student named it
 */
public record SourceFile(String exercise, String text, String origin) {}
