package dlkit.grader.kit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.objectweb.asm.ClassReader;

/**
 * The parts an exercise that composes the student's own parts is built from (the capstone's
 * Dense, ReLU, Adam, ...): the other exercises whose classes the reference's class files of it
 * name, read with ASM from their constant pools. For feedback only: "Dense lost points in its
 * own tests", where a part's bug shows up.
 */
public final class Parts {

    private static final int CONSTANT_CLASS = 7;

    private Parts() {}

    /**
     * @param referenceExercises a jar of the reference's exercise classes ({@link Kit#referenceExercisesJar})
     * @return for each of {@code composing} (exercise files), the other exercises it uses, in the kit's order
     */
    public static Map<String, List<Exercise>> of(Path referenceExercises, List<Exercise> exercises, Set<String> composing)
            throws IOException {
        Map<String, List<Exercise>> parts = new LinkedHashMap<>();
        try (JarFile jar = new JarFile(referenceExercises.toFile())) {
            for (Exercise whole : exercises) {
                if (!composing.contains(whole.file())) {
                    continue;
                }
                Set<String> named = new TreeSet<>();
                for (JarEntry entry : jar.stream().toList()) {
                    if (entry.getName().endsWith(".class") && whole.ownsClassFile(entry.getName())) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            named.addAll(classesNamedBy(new ClassReader(in)));
                        }
                    }
                }
                List<Exercise> used = new ArrayList<>();
                for (Exercise e : exercises) {
                    if (e != whole && named.stream().anyMatch(n -> e.ownsClassFile(n + ".class"))) {
                        used.add(e);
                    }
                }
                parts.put(whole.file(), List.copyOf(used));
            }
        }
        return parts;
    }

    /** The internal names of the classes in a class file's constant pool. */
    private static Set<String> classesNamedBy(ClassReader reader) {
        Set<String> names = new TreeSet<>();
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset > 0 && reader.readByte(offset - 1) == CONSTANT_CLASS) {
                names.add(reader.readUTF8(offset, buffer));
            }
        }
        return names;
    }
}
