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
 * Compiles a submission in-process with the JDK's compiler ({@code --release 17}) against the
 * given classes and EJML. A file that does not compile is replaced by its stub, and the whole
 * set compiled again, until everything compiles; so a broken file costs only its own exercise.
 */
public final class SubmissionCompiler {

    /** At most this many compiler errors are kept as feedback for one file. */
    static final int ERRORS_SHOWN = 5;

    private final Kit kit;

    public SubmissionCompiler(Kit kit) {
        this.kit = kit;
    }

    /**
     * The result: the class folder, and for each file replaced by its stub the compiler's first
     * errors ({@code Adam.java:12: cannot find symbol ...}).
     */
    public record Compiled(Path classes, Map<String, List<String>> replaced) {}

    /**
     * Compiles {@code sources} (by exercise file; missing exercises get their stub) into the
     * empty folder {@code classes}.
     *
     * @throws IllegalStateException if the stubs alone do not compile: the kit is broken
     */
    public Compiled compile(Map<String, String> sources, Path classes) throws IOException {
        Map<String, String> current = new TreeMap<>();
        for (Exercise e : kit.exercises()) {
            current.put(e.file(), sources.getOrDefault(e.file(), e.stub()));
        }
        Map<String, List<String>> replaced = new LinkedHashMap<>();
        while (true) {
            Kit.deleteRecursively(classes);
            Files.createDirectories(classes);
            Map<String, List<String>> errors = run(current, classes);
            if (errors.isEmpty()) {
                return new Compiled(classes, replaced);
            }
            for (Map.Entry<String, List<String>> e : errors.entrySet()) {
                String stub = kit.exercise(e.getKey()).orElseThrow().stub();
                if (current.get(e.getKey()).equals(stub)) {
                    throw new IllegalStateException("the stub " + e.getKey() + " does not compile against the given classes: "
                            + e.getValue() + " (rebuild the grader after regenerating exercises/)");
                }
                current.put(e.getKey(), stub);
                replaced.put(e.getKey(), e.getValue());
            }
        }
    }

    /** Compiles once; the errors by exercise file, empty if it compiled. */
    private Map<String, List<String>> run(Map<String, String> sources, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler: run the grader with a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((file, text) -> units.add(new Source(file, text)));
        List<String> options = List.of("--release", "17", "-d", classes.toString(), "-encoding", "UTF-8",
                "-proc:none", "-implicit:none", "-nowarn", "-Xlint:none", "-Xmaxerrs", "200",
                "-classpath", kit.compileClasspath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        StringWriter otherOutput = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ENGLISH, null)) {
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
