package dlkit.grader.compile;

import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.kit.OwnStack;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.TreeMap;
import java.util.stream.Collectors;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a submission in-process with the JDK's compiler (for Java 17) against the
 * given classes, EJML and the kit's stubs compiled once ({@link #stubClasses()}): only the files
 * the student submitted are compiled, and an exercise not submitted is its stub at run time. A
 * file that does not compile is dropped (so it is graded as its stub) and the rest compiled
 * again, until everything compiles; so a broken file costs only its own exercise.
 *
 * <p>javac runs in JVMs of its own ({@link CompilerProcess}), kept and reused by the submissions
 * compiled one after another (each caches the class path and the JDK's platform classes); a
 * compilation that runs past {@link #LIMIT} or fills a worker's memory ends that worker, and
 * costs only the file that caused it. Safe to call from several threads at once.
 */
public final class SubmissionCompiler {

    /**
     * The longest one compilation of a student's files may take: some 50 times what a whole
     * submission needs on a busy machine. A file past it did not compile (javac's inference can
     * take exponential time on generic calls nested in each other's arguments).
     */
    public static final Duration LIMIT = Duration.ofSeconds(60);
    /** The stubs are the kit's own: their compilation may take as long as a cold compiler on a loaded machine does. */
    private static final Duration STUBS_LIMIT = Duration.ofMinutes(10);

    /**
     * Java 17 as the kit's pom says. On a newer JDK, {@code --release 17}; on 17 itself nothing,
     * since {@code --release} makes javac open the JDK's table of past APIs for every compilation
     * (a tenth of the grader's own time in a class).
     */
    private static final List<String> RELEASE = Runtime.version().feature() == 17 ? List.of() : List.of("--release", "17");

    /** At most this many compiler errors are kept as feedback for one file. */
    static final int ERRORS_SHOWN = 5;

    private final Kit kit;
    private final JavaCompiler javac;
    private final Duration limit;
    /** Idle file managers for parsing; each parse takes one, so threads never share one. */
    private final Queue<StandardJavaFileManager> idle = new ConcurrentLinkedQueue<>();

    private Path stubClasses;

    public SubmissionCompiler(Kit kit) {
        this(kit, LIMIT);
    }

    /** @param limit the longest one compilation of a student's files may take */
    SubmissionCompiler(Kit kit, Duration limit) {
        this.kit = kit;
        this.limit = limit;
        this.javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler: run the grader with a JDK, not a JRE");
        }
    }

    /**
     * The result: the class folder, and for each file replaced by its stub the compiler's first
     * errors ({@code Adam.java:12: cannot find symbol ...}).
     */
    public record Compiled(Path classes, Map<String, List<String>> replaced) {}

    /**
     * Every exercise's stub, compiled once into the run's folder: the classes of the exercises a
     * submission does not hold, on the test JVM's class path after the student's classes.
     *
     * @throws IllegalStateException if the stubs do not compile against the given classes: the kit is broken
     */
    public synchronized Path stubClasses() throws IOException {
        if (stubClasses == null) {
            Path folder = kit.newWorkFolder("stubs-");
            Map<String, String> stubs = new TreeMap<>();
            kit.exercises().forEach(e -> stubs.put(e.file(), e.stub()));
            Map<String, List<String>> errors;
            try {
                errors = run(stubs, folder, List.of(), STUBS_LIMIT);
            } catch (CompilerCrash e) {
                throw new IllegalStateException("the compiler failed on the stubs: " + e.getMessage());
            }
            if (!errors.isEmpty()) {
                throw new IllegalStateException("the stubs do not compile against the given classes: " + errors
                        + " (build the grader again: mvn -B -q package -DskipTests, which writes the stubs from solutions/)");
            }
            stubClasses = folder;
        }
        return stubClasses;
    }

    /**
     * Compiles {@code sources} (by exercise file) into the empty folder {@code classes}, against
     * the stubs of the other exercises. Only the submitted files' classes are written there.
     *
     * <p>What a student writes costs only the file it is in: a file declaring a class of the kit
     * (given code, or another exercise's class) is refused before compiling, so it cannot break
     * the file it collides with; a file the compiler crashes on (an expression nested thousands
     * deep) did not compile, with a one-line reason, and the others are compiled without it.
     */
    public Compiled compile(Map<String, String> sources, Path classes) throws IOException {
        // On a stack of a fixed size: how deep a student's expression may nest then does not depend
        // on the thread that grades.
        try {
            return OwnStack.call("javac", COMPILER_STACK, () -> compileHere(sources, classes));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("compiling was interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The compiler's stack: ample for any expression a person writes, some thousand levels deep,
     * also while javac still runs in the interpreter in a new compiler JVM (whose frames are larger).
     */
    static final long COMPILER_STACK = 8L * 1024 * 1024;

    private Compiled compileHere(Map<String, String> sources, Path classes) throws IOException {
        Map<String, String> current = new TreeMap<>();
        for (Exercise e : kit.exercises()) {
            if (sources.containsKey(e.file())) {
                current.put(e.file(), sources.get(e.file()));
            }
        }
        List<Path> stubs = List.of(stubClasses());
        Map<String, List<String>> replaced = new LinkedHashMap<>();
        refuseRedefinitions(current, replaced);
        while (true) {
            Kit.deleteRecursively(classes);
            Files.createDirectories(classes);
            Map<String, List<String>> errors;
            try {
                errors = current.isEmpty() ? Map.of() : run(current, classes, stubs, limit);
            } catch (CompilerCrash crash) {
                errors = crashedFiles(current, stubs, crash);
            }
            if (errors.isEmpty()) {
                errors = withoutTheirClass(current, classes);
            }
            if (errors.isEmpty()) {
                return new Compiled(classes, replaced);
            }
            for (Map.Entry<String, List<String>> e : errors.entrySet()) {
                current.remove(e.getKey());
                replaced.put(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * The files among {@code sources}, compiled into {@code classes}, that do not declare their
     * exercise's class: an empty file, or the class renamed, compiles, and the stub would then be
     * graded in its place as if it were the student's work.
     */
    private Map<String, List<String>> withoutTheirClass(Map<String, String> sources, Path classes) {
        Map<String, List<String>> missing = new TreeMap<>();
        for (Exercise e : kit.exercises()) {
            if (sources.containsKey(e.file()) && !Files.isRegularFile(classes.resolve(e.qualifiedName().replace('.', '/') + ".class"))) {
                missing.put(e.file(), List.of(simpleName(e.file()) + ": declares no class " + e.simpleName() + " (is the file empty,"
                        + " or its class renamed?); keep the kit's class, " + e.qualifiedName() + ", so that the tests find it"));
            }
        }
        return missing;
    }

    /** The compiler failed as a program, not on an error in the code (it does, on code nested thousands deep). */
    private static final class CompilerCrash extends Exception {
        final boolean timedOut;

        CompilerCrash(String what) {
            this(what, false);
        }

        CompilerCrash(String what, boolean timedOut) {
            super(what);
            this.timedOut = timedOut;
        }
    }

    /** The files among {@code sources} that crash the compiler alone, each with a short reason; all of them if none does alone. */
    private Map<String, List<String>> crashedFiles(Map<String, String> sources, List<Path> stubs, CompilerCrash crash)
            throws IOException {
        Map<String, List<String>> crashed = new TreeMap<>();
        if (sources.size() > 1) {
            Path scratch = kit.newWorkFolder("crash-");
            try {
                for (Map.Entry<String, String> e : sources.entrySet()) {
                    try {
                        run(Map.of(e.getKey(), e.getValue()), scratch, stubs, limit);
                    } catch (CompilerCrash alone) {
                        crashed.put(e.getKey(), List.of(crashMessage(e.getKey(), alone)));
                    }
                }
            } finally {
                Kit.deleteRecursively(scratch);
            }
        }
        if (crashed.isEmpty()) {
            sources.keySet().forEach(file -> crashed.put(file, List.of(crashMessage(file, crash))));
        }
        return crashed;
    }

    private static String crashMessage(String file, CompilerCrash crash) {
        if (crash.timedOut) {
            return simpleName(file) + ": the compiler " + crash.getMessage() + " on this file and was stopped: some expression"
                    + " makes it try very many typings (generic method calls nested in each other's arguments, or in"
                    + " conditionals); write it in smaller steps, with local variables of declared types";
        }
        boolean tooDeep = crash.getMessage().contains("StackOverflowError");
        boolean tooBig = crash.getMessage().contains("OutOfMemoryError");
        return simpleName(file) + ": the compiler itself failed on this file (" + crash.getMessage() + ")"
                + (tooDeep ? ": an expression or a statement is nested too deeply; write it in smaller pieces" : "")
                + (tooBig ? ": it ran out of memory, as on a constant it must compute that is far too long" : "");
    }

    /**
     * Takes out of {@code sources}, into {@code replaced} with the reason, each file that declares
     * a top-level class of the kit other than its own exercise's (a given class such as
     * {@code dlkit.core.Parameter}, or another exercise's class); each file whose classes the
     * compiler reads in another package than the exercise's (a unicode escape for a line break in
     * a comment hides a package line from {@code PackageFixer}); and each file the parser crashes on.
     */
    private void refuseRedefinitions(Map<String, String> sources, Map<String, List<String>> replaced) throws IOException {
        Map<String, String> owners = kitClasses();
        Map<String, List<String>> declared = new TreeMap<>();
        try {
            declared.putAll(declaredClasses(sources));
        } catch (CompilerCrash crash) {
            for (Map.Entry<String, String> e : sources.entrySet()) {
                try {
                    declared.putAll(declaredClasses(Map.of(e.getKey(), e.getValue())));
                } catch (CompilerCrash alone) {
                    replaced.put(e.getKey(), List.of(crashMessage(e.getKey(), alone)));
                }
            }
            replaced.keySet().forEach(sources::remove);
        }
        declared.forEach((file, classes) -> {
            String expected = file.contains("/") ? file.substring(0, file.lastIndexOf('/')).replace('/', '.') : "";
            List<String> elsewhere = classes.stream().filter(c -> !packageOf(c).equals(expected)).toList();
            if (!elsewhere.isEmpty()) {
                // The package line was fixed as the text reads; the compiler turns unicode escapes into characters first.
                sources.remove(file);
                replaced.put(file, List.of(simpleName(file) + ": the compiler reads its classes as in package "
                        + packageOf(elsewhere.get(0)) + " (a \\u escape in a comment can hide or add a line); an exercise's"
                        + " classes must be in its package, " + expected));
                return;
            }
            List<String> taken = classes.stream().filter(c -> owners.containsKey(c) && !owners.get(c).equals(file)).toList();
            if (!taken.isEmpty()) {
                sources.remove(file);
                replaced.put(file, List.of(simpleName(file) + ": declares " + String.join(", ", taken) + ", which "
                        + (taken.size() == 1 ? "is a class" : "are classes") + " of the kit (" + owners.get(taken.get(0))
                        + "); a file may declare only its own classes"));
            }
        });
    }

    private static String packageOf(String className) {
        return className.contains(".") ? className.substring(0, className.lastIndexOf('.')) : "";
    }

    /** Every top-level class of the kit (given code and the exercises' stubs), with the file that owns it ("given code" for the given classes). */
    private synchronized Map<String, String> kitClasses() throws IOException {
        if (kitClasses == null) {
            Map<String, String> owners = new TreeMap<>();
            try (var files = Files.walk(kit.givenClasses())) {
                files.map(p -> kit.givenClasses().relativize(p).toString().replace('\\', '/'))
                        .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.endsWith("package-info.class")
                                && !n.endsWith("module-info.class"))
                        .forEach(n -> owners.put(n.substring(0, n.length() - ".class".length()).replace('/', '.'), "given code"));
            }
            Map<String, String> stubs = new TreeMap<>();
            kit.exercises().forEach(e -> stubs.put(e.file(), e.stub()));
            try {
                declaredClasses(stubs).forEach((file, classes) -> classes.forEach(c -> owners.put(c, file)));
            } catch (CompilerCrash e) {
                throw new IllegalStateException("the compiler failed on the kit's own stubs: " + e.getMessage());
            }
            kit.exercises().forEach(e -> owners.put(e.qualifiedName(), e.file()));
            kitClasses = owners;
        }
        return kitClasses;
    }

    private Map<String, String> kitClasses;

    /** The top-level classes each source declares, by exercise file, as the parser reads them (no compilation). */
    private Map<String, List<String>> declaredClasses(Map<String, String> sources) throws CompilerCrash {
        List<JavaFileObject> units = units(sources);
        StringWriter otherOutput = new StringWriter();
        StandardJavaFileManager files = takeFileManager();
        boolean healthy = false;
        try {
            JavacTask task = (JavacTask) javac.getTask(otherOutput, files, new DiagnosticCollector<>(), List.of("-proc:none"), null, units);
            Map<String, List<String>> declared = new TreeMap<>();
            int parsed = 0;
            for (CompilationUnitTree unit : task.parse()) {
                parsed++;
                String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
                // javac hands back its own wrapper of each Source: the file is read from the name it was given.
                List<String> names = declared.computeIfAbsent(unit.getSourceFile().toUri().getPath().substring(1), k -> new ArrayList<>());
                for (Tree type : unit.getTypeDecls()) {
                    if (type instanceof ClassTree c) {
                        names.add(pkg + c.getSimpleName());
                    }
                }
            }
            if (parsed < units.size() || otherOutput.toString().contains(JAVAC_BUG)) {
                throw new CompilerCrash(crashName(otherOutput.toString(), null));
            }
            healthy = true;
            return declared;
        } catch (IOException | RuntimeException | Error e) {
            throw new CompilerCrash(crashName(otherOutput.toString(), e));
        } finally {
            if (healthy) {
                idle.add(files);
            }
        }
    }

    /** How javac begins what it prints when it fails as a program. */
    private static final String JAVAC_BUG = "An exception has occurred in the compiler";

    /** The exception javac failed with, by class name only ({@code StackOverflowError}), from what it printed or threw. */
    static String crashName(String printed, Throwable thrown) {
        if (thrown != null) {
            Throwable root = thrown;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(?:[a-z]\\w*\\.)+([A-Z]\\w*(?:Error|Exception))", java.util.regex.Pattern.MULTILINE)
                .matcher(printed);
        return m.find() ? m.group(1) : "an internal error";
    }

    private static String simpleName(String file) {
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /**
     * Compiles once in a compiler JVM, with {@code extraClasspath} after the given classes, for
     * at most {@code limit}; the errors by exercise file, empty if it compiled.
     *
     * @throws CompilerCrash if javac failed as a program rather than on the code, ran past the limit or out of memory
     */
    private Map<String, List<String>> run(Map<String, String> sources, Path classes, List<Path> extraClasspath, Duration limit)
            throws IOException, CompilerCrash {
        List<Path> classpath = new ArrayList<>(kit.compileClasspath());
        classpath.addAll(extraClasspath);
        List<String> options = new ArrayList<>(RELEASE);
        options.addAll(List.of("-d", classes.toString(), "-encoding", "UTF-8",
                "-proc:none", "-implicit:none", "-nowarn", "-Xlint:none", "-Xmaxerrs", "200",
                "-classpath", classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))));
        CompilerWorker.Reply reply;
        CompilerProcess worker = CompilerProcess.take();
        try {
            reply = worker.compile(new CompilerWorker.Request(options, sources), limit);
        } catch (CompilerProcess.Stopped stopped) {
            throw new CompilerCrash(stopped.getMessage(), stopped.timedOut);
        }
        worker.release();
        if (reply.thrown() != null) {
            throw new CompilerCrash(reply.thrown());
        }
        if (reply.printed().contains(JAVAC_BUG)) {
            throw new CompilerCrash(crashName(reply.printed(), null));
        }
        Map<String, List<String>> errors = new TreeMap<>();
        for (CompilerWorker.CompileError error : reply.errors()) {
            if (error.file() == null || !sources.containsKey(error.file())) {
                // Not tied to a file: the files are compiled one by one to find the one that causes it.
                throw new CompilerCrash("an error outside the files: " + withoutMachinePaths(error.message(), classpath, classes));
            }
            List<String> list = errors.computeIfAbsent(error.file(), k -> new ArrayList<>());
            if (list.size() < ERRORS_SHOWN) {
                list.add(simpleName(error.file()) + ":" + error.line() + ": " + withoutMachinePaths(error.message(), classpath, classes));
            }
        }
        if (!reply.ok() && errors.isEmpty()) {
            throw new CompilerCrash(crashName(reply.printed(), null));
        }
        return errors;
    }

    static List<JavaFileObject> units(Map<String, String> sources) {
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((file, text) -> units.add(new Source(file, text)));
        return units;
    }

    /** An idle file manager, or a new one; given back to {@link #idle} after a parse that did not crash. */
    private StandardJavaFileManager takeFileManager() {
        StandardJavaFileManager files = idle.poll();
        // Diagnostics go to each task's own listener; the file manager's is never used.
        return files != null ? files : javac.getStandardFileManager(null, Locale.ENGLISH, null);
    }

    /** A compiler message with the grading machine's folders (class path, output folder) taken out. */
    private static String withoutMachinePaths(String message, List<Path> classpath, Path classes) {
        String out = message;
        for (Path p : classpath) {
            out = out.replace(p.toAbsolutePath().toString(), p.getFileName().toString());
        }
        return out.replace(classes.toAbsolutePath().toString() + File.separator, "").replace(classes.toAbsolutePath().toString(), ".");
    }

    /** A source held in memory, named by its exercise file so messages read {@code Adam.java:12}. */
    static final class Source extends SimpleJavaFileObject {
        final String file;
        final String text;

        Source(String file, String text) {
            super(URI.create("string:///" + file), Kind.SOURCE);
            this.file = file;
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
