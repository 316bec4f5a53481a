package dlkit.grader.compile;

import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
 * <p>The compiler and its file managers (which cache the class path and the JDK's platform
 * classes) are kept for the whole run, and reused by the submissions compiled one after another
 * or at once. Safe to call from several threads at once.
 */
public final class SubmissionCompiler {

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
    /** Idle file managers; each compilation takes one, so threads never share one. */
    private final Queue<StandardJavaFileManager> idle = new ConcurrentLinkedQueue<>();
    private Path stubClasses;

    public SubmissionCompiler(Kit kit) {
        this.kit = kit;
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
            Map<String, List<String>> errors = run(stubs, folder, List.of());
            if (!errors.isEmpty()) {
                throw new IllegalStateException("the stubs do not compile against the given classes: " + errors
                        + " (rebuild the grader after regenerating exercises/)");
            }
            stubClasses = folder;
        }
        return stubClasses;
    }

    /**
     * Compiles {@code sources} (by exercise file) into the empty folder {@code classes}, against
     * the stubs of the other exercises. Only the submitted files' classes are written there.
     */
    public Compiled compile(Map<String, String> sources, Path classes) throws IOException {
        Map<String, String> current = new TreeMap<>();
        for (Exercise e : kit.exercises()) {
            if (sources.containsKey(e.file())) {
                current.put(e.file(), sources.get(e.file()));
            }
        }
        List<Path> stubs = List.of(stubClasses());
        Map<String, List<String>> replaced = new LinkedHashMap<>();
        while (true) {
            Kit.deleteRecursively(classes);
            Files.createDirectories(classes);
            Map<String, List<String>> errors = current.isEmpty() ? Map.of() : run(current, classes, stubs);
            if (errors.isEmpty()) {
                return new Compiled(classes, replaced);
            }
            for (Map.Entry<String, List<String>> e : errors.entrySet()) {
                current.remove(e.getKey());
                replaced.put(e.getKey(), e.getValue());
            }
        }
    }

    /** Compiles once, with {@code extraClasspath} after the given classes; the errors by exercise file, empty if it compiled. */
    private Map<String, List<String>> run(Map<String, String> sources, Path classes, List<Path> extraClasspath)
            throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((file, text) -> units.add(new Source(file, text)));
        List<Path> classpath = new ArrayList<>(kit.compileClasspath());
        classpath.addAll(extraClasspath);
        List<String> options = new ArrayList<>(RELEASE);
        options.addAll(List.of("-d", classes.toString(), "-encoding", "UTF-8",
                "-proc:none", "-implicit:none", "-nowarn", "-Xlint:none", "-Xmaxerrs", "200",
                "-classpath", classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))));
        StringWriter otherOutput = new StringWriter();
        StandardJavaFileManager files = idle.poll();
        if (files == null) {
            // Diagnostics go to each task's own listener; the file manager's is never used.
            files = javac.getStandardFileManager(null, Locale.ENGLISH, null);
        }
        try {
            boolean ok = javac.getTask(otherOutput, files, diagnostics, options, null, units).call();
            Map<String, List<String>> errors = new TreeMap<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                if (!(d.getSource() instanceof Source source)) {
                    throw new IllegalStateException("the compiler failed outside the submitted files: " + d.getMessage(Locale.ENGLISH));
                }
                List<String> list = errors.computeIfAbsent(source.file, k -> new ArrayList<>());
                if (list.size() < ERRORS_SHOWN) {
                    String message = d.getMessage(Locale.ENGLISH).lines().findFirst().orElse("");
                    list.add(source.file.substring(source.file.lastIndexOf('/') + 1) + ":" + d.getLineNumber() + ": " + message);
                }
            }
            if (!ok && errors.isEmpty()) {
                throw new IllegalStateException("the compiler failed without naming a file: " + otherOutput);
            }
            return errors;
        } finally {
            idle.add(files);
        }
    }

    /** A source held in memory, named by its exercise file so messages read {@code Adam.java:12}. */
    private static final class Source extends SimpleJavaFileObject {
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
