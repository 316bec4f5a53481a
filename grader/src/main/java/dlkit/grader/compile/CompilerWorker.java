package dlkit.grader.compile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.grader.kit.OwnStack;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The JVM that runs the Java compiler for the grader ({@link CompilerProcess}): a compilation
 * the grader must end (a file whose types take javac minutes to infer, or a constant that fills
 * its memory) is ended by ending this JVM, and the grader's own is never at risk.
 *
 * <p>Reads one {@link Request} per line of its standard input and writes one {@link Reply} per
 * line to its standard output, as JSON; ends at the end of its input.
 */
public final class CompilerWorker {

    /** What to compile: javac's options (the output folder, the class path) and the sources by exercise file. */
    record Request(List<String> options, Map<String, String> sources) {}

    /**
     * What javac did: whether it succeeded, what it printed besides diagnostics, its errors, and
     * the exception it failed with as a program (by simple class name), null if none.
     */
    record Reply(boolean ok, String printed, List<CompileError> errors, String thrown) {}

    /** One error: the exercise file it is in (null if tied to none), its line and first line of message. */
    record CompileError(String file, long line, String message) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private CompilerWorker() {}

    public static void main(String[] args) throws Exception {
        // The channel is the standard output as it is now; anything else printed goes to the error stream.
        PrintStream channel = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StandardJavaFileManager files = null;
        List<String> lastOptions = List.of();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            Request request = JSON.readValue(line, Request.class);
            if (files != null && !classpathOf(request.options()).equals(classpathOf(lastOptions))) {
                // Another run's class path: the jars the file manager holds open are not needed again.
                files.close();
                files = null;
            }
            lastOptions = request.options();
            if (files == null) {
                // Diagnostics go to each task's own listener; the file manager's is never used.
                files = javac.getStandardFileManager(null, Locale.ENGLISH, null);
            }
            StandardJavaFileManager current = files;
            Reply reply = OwnStack.call("javac", SubmissionCompiler.COMPILER_STACK, () -> compile(javac, current, request));
            if (reply.thrown() != null) {
                // A file manager the compiler crashed with may hold half a state.
                files = null;
            }
            channel.println(JSON.writeValueAsString(reply));
            channel.flush();
        }
    }

    private static String classpathOf(List<String> options) {
        int i = options.indexOf("-classpath");
        return i < 0 || i + 1 >= options.size() ? "" : options.get(i + 1);
    }

    private static Reply compile(JavaCompiler javac, StandardJavaFileManager files, Request request) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter printed = new StringWriter();
        boolean ok;
        try {
            ok = javac.getTask(printed, files, diagnostics, request.options(), null, SubmissionCompiler.units(request.sources())).call();
        } catch (RuntimeException | Error e) {
            return new Reply(false, printed.toString(), List.of(), SubmissionCompiler.crashName(printed.toString(), e));
        }
        List<CompileError> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(new CompileError(d.getSource() instanceof SubmissionCompiler.Source s ? s.file : null, d.getLineNumber(),
                        d.getMessage(Locale.ENGLISH).lines().findFirst().orElse("")));
            }
        }
        return new Reply(ok, printed.toString(), errors, null);
    }
}
