package dlkit.grader.kit;

/**
 * A file students submit: a source file of the kit that holds at least one stub.
 *
 * @param file the path below src/main/java, for example {@code dlkit/optim/Adam.java}
 * @param stub the stub's source as the student kit has it; the grader compiles it in place of a
 *             missing, broken or refused student file
 */
public record Exercise(String file, String stub) {

    /** {@code dlkit.optim.Adam}. */
    public String className() {
        return file.substring(0, file.length() - ".java".length()).replace('/', '.');
    }

    /** {@code Adam}. */
    public String simpleName() {
        return file.substring(file.lastIndexOf('/') + 1, file.length() - ".java".length());
    }

    /** {@code dlkit.optim}, or the empty string for the default package. */
    public String packageName() {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash).replace('/', '.');
    }

    /** True if a compiled class, named like {@code dlkit/optim/Adam$1.class}, belongs to this file's main class. */
    public boolean ownsClassFile(String classFile) {
        String base = file.substring(0, file.length() - ".java".length());
        return classFile.equals(base + ".class") || classFile.startsWith(base + "$");
    }
}
