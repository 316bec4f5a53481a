package dlkit.grader.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Set;

/**
 * The class loader one hidden test class runs in, in the test JVM, so that a bug is charged
 * once: the exercise it grades is the student's (or its stub), and the other exercises that the
 * reference's solution of it or the test itself uses are the reference's own, unrelocated (from
 * {@code Kit.referenceExercisesJar}). So SineFit's tests run the student's SineFit on the
 * reference's Dense, Tanh and Adam, and an endless loop in the student's Dense costs Dense's
 * tests only. Any other exercise stays the student's: a ReLU that calls LeakyReLU gets the
 * student's own LeakyReLU, never the reference's work for free.
 *
 * <p>It defines the kit's classes itself (given code, exercises, hidden tests, the tests' API
 * and assertions), so that every class the test and the student's class reach resolves here and
 * a given class such as {@code PretrainedBody} builds the same Dense the test does. The libraries
 * (JUnit, AssertJ, EJML, Jackson), the relocated reference and the grader's engine come from the
 * class path as before; of the API, so do the classes the engine reads from a failed test
 * ({@code Failure}, {@code CheckFailure} and the known mistake it names), which take no kit type.
 * So do the kit's classes that belong to no exercise and reach none (given {@code Matrices}, the
 * API's {@code Draw}): they behave the same in every loader, and one copy, loaded and compiled
 * once per JVM, serves every test class.
 */
final class OneExerciseLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final String exercise;
    private final Set<String> fromReference;
    private final Set<String> shared;
    private final URLClassLoader reference;

    /**
     * @param exercise           the binary name of the graded exercise's class, such as
     *                           {@code dlkit.experiments.SineFit}; null for none: every exercise the reference's
     * @param fromReference      the binary names of the other exercises' classes to take from the reference
     *                           (their nested classes come along); null for every one
     * @param shared             of the classes this loader would define, those it takes from {@code parent}
     *                           instead, as {@code Parts.sharedByLoaders} finds them: none is an exercise's
     *                           or reaches one, so they run the same in every loader
     * @param referenceExercises the jar of the reference's exercise classes, under their own names
     */
    OneExerciseLoader(String exercise, Set<String> fromReference, Set<String> shared, Path referenceExercises,
                      ClassLoader parent) throws IOException {
        super(exercise == null ? "reference" : "exercise " + exercise, parent);
        this.exercise = exercise;
        this.fromReference = fromReference == null ? null : Set.copyOf(fromReference);
        this.shared = Set.copyOf(shared);
        this.reference = new URLClassLoader(new URL[] {referenceExercises.toUri().toURL()}, null);
    }

    private boolean fromReference(String name) {
        if (exercise != null && isOrIsIn(name, exercise)) {
            return false;
        }
        return fromReference == null || fromReference.stream().anyMatch(c -> isOrIsIn(name, c));
    }

    /**
     * The API's classes a failed test carries to the engine, which take no kit type: from the
     * class path, so the listener reads the same {@code CheckFailure} the check threw.
     */
    private static final Set<String> ENGINE_READS = Set.of("dlkit.grader.api.Failure", "dlkit.grader.api.CheckFailure",
            "dlkit.grader.api.Check$Known", "dlkit.grader.api.Check$Mistake");

    /** True for the classes this loader defines itself (see the class comment). */
    static boolean definesItself(String name) {
        if (!name.startsWith("dlkit.") || name.startsWith("dlkit.reference.")) {
            return false;
        }
        if (name.startsWith("dlkit.grader.")) {
            return name.startsWith("dlkit.grader.api.") && !ENGINE_READS.contains(name);
        }
        return true;
    }

    private static boolean isOrIsIn(String name, String outer) {
        return name.equals(outer) || name.startsWith(outer + "$");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!definesItself(name) || shared.contains(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        // Another exercise's class that the test or the reference's solution uses is in the
        // reference's jar; the rest as the class path has them (the student's class, else its stub; the given code).
        InputStream found = fromReference(name) ? reference.getResourceAsStream(resource) : null;
        if (found == null) {
            found = getParent().getResourceAsStream(resource);
        }
        if (found == null) {
            throw new ClassNotFoundException(name);
        }
        try (InputStream in = found) {
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }
}
