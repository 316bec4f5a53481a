package dlkit.grader.release;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A student kit compiled as a student's machine would, but in-process: its {@code src/main/java}
 * and {@code src/test/java} against the libraries of the test classpath only (never the
 * solutions or the grader, which hold {@code dlkit.*} classes of their own), then its tests run
 * with the JUnit Platform Launcher in a class loader that takes every {@code dlkit.*} class and
 * resource from the kit.
 */
final class CompiledKit implements AutoCloseable {

    /** One test's outcome. */
    record Outcome(String test, TestExecutionResult.Status status, Throwable error) {
        /** The failure's message and those of its causes, or "" when it passed. */
        String messages() {
            StringBuilder s = new StringBuilder();
            for (Throwable t = error; t != null; t = t.getCause()) {
                s.append(t).append('\n');
            }
            return s.toString();
        }
    }

    private final KitLoader loader;

    private CompiledKit(KitLoader loader) {
        this.loader = loader;
    }

    /** Compiles the kit in {@code kitDir} into {@code outDir}; fails with the compiler's messages if it does not compile. */
    static CompiledKit compile(Path kitDir, Path outDir) throws IOException {
        List<File> sources = new ArrayList<>();
        for (String folder : List.of("src/main/java", "src/test/java")) {
            try (Stream<Path> s = Files.walk(kitDir.resolve(folder))) {
                s.filter(p -> p.toString().endsWith(".java")).forEach(p -> sources.add(p.toFile()));
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        Files.createDirectories(outDir);
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-encoding", "UTF-8",
                    "-d", outDir.toString(), "-classpath", String.join(File.pathSeparator, libraries()));
            boolean ok = javac.getTask(messages, files, null, options, null, files.getJavaFileObjectsFromFiles(sources)).call();
            if (!ok) {
                throw new AssertionError("the student kit does not compile:\n" + messages);
            }
        }
        List<URL> urls = new ArrayList<>(List.of(outDir.toUri().toURL()));
        for (String folder : List.of("src/main/resources", "src/test/resources")) {
            Path resources = kitDir.resolve(folder);
            if (Files.isDirectory(resources)) {
                urls.add(resources.toUri().toURL());
            }
        }
        return new CompiledKit(new KitLoader(urls.toArray(URL[]::new), CompiledKit.class.getClassLoader()));
    }

    /** Runs the named tests of the kit: classes, or as Surefire's -Dtest names them, a class and methods ({@code A#m1+m2}). */
    List<Outcome> run(List<String> testClasses) throws ClassNotFoundException {
        // A wrong solution may loop for ever: such a test fails instead of holding up the build.
        var request = request().configurationParameter("junit.jupiter.execution.timeout.default", "60 s");
        for (String name : testClasses) {
            int hash = name.indexOf('#');
            if (hash < 0) {
                request.selectors(selectClass(loader.loadClass(name)));
            } else {
                Class<?> c = loader.loadClass(name.substring(0, hash));
                for (String method : name.substring(hash + 1).split("\\+")) {
                    request.selectors(selectMethod(c, method));
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            LauncherFactory.create().execute(request.build(), new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (id.isTest()) {
                        outcomes.add(new Outcome(id.getUniqueId(), result.getStatus(), result.getThrowable().orElse(null)));
                    }
                }
            });
        } finally {
            thread.setContextClassLoader(previous);
        }
        return outcomes;
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    /** The test classpath without any entry that holds {@code dlkit} classes (solutions, grader). */
    static List<String> libraries() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !holdsKitClasses(Path.of(entry)))
                .toList();
    }

    private static boolean holdsKitClasses(Path entry) {
        if (Files.isDirectory(entry)) {
            return Files.isDirectory(entry.resolve("dlkit"));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.stream().anyMatch(e -> e.getName().startsWith("dlkit/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@code dlkit.*} classes and the kit's resources from the kit only; everything else from the test's loader. */
    private static final class KitLoader extends URLClassLoader {

        KitLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dlkit.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }
}
