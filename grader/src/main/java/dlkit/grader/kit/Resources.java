package dlkit.grader.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads the files the build packaged with the grader (stubs, variants) and finds where a class
 * was loaded from, the same way whether the grader runs from its jar or from Maven's
 * {@code target/classes} folders (as under Surefire).
 */
public final class Resources {

    private Resources() {}

    /** The jar or folder a class was loaded from. */
    public static Path location(Class<?> marker) {
        try {
            return Path.of(marker.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where " + marker.getName() + " was loaded from", e);
        }
    }

    /** The jar or folder a class was loaded from, found by name with the grader's class loader. */
    public static Path location(String markerClass) {
        try {
            return location(Class.forName(markerClass, false, Resources.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the grader is missing " + markerClass
                    + " on its class path; rebuild it with mvn package", e);
        }
    }

    /**
     * Every file below the resource folder {@code prefix} (for example {@code "kit/stubs/"}),
     * by its path relative to that folder, sorted; empty if the folder does not exist.
     */
    public static Map<String, byte[]> readTree(String prefix) {
        Map<String, byte[]> files = new TreeMap<>();
        try {
            Enumeration<URL> roots = Resources.class.getClassLoader().getResources(prefix);
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                if (url.getProtocol().equals("file")) {
                    readFolder(Path.of(url.toURI()), files);
                } else if (url.getProtocol().equals("jar")) {
                    String jar = url.getPath().substring("file:".length(), url.getPath().indexOf("!/"));
                    readJar(Path.of(new URL("file:" + jar).toURI()), prefix, files);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private static void readFolder(Path dir, Map<String, byte[]> into) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                into.putIfAbsent(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
    }

    private static void readJar(Path jarPath, String prefix, Map<String, byte[]> into) throws IOException {
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            for (JarEntry e : jar.stream().toList()) {
                if (!e.isDirectory() && e.getName().startsWith(prefix)) {
                    into.putIfAbsent(e.getName().substring(prefix.length()), jar.getInputStream(e).readAllBytes());
                }
            }
        }
    }
}
