package dlkit.grader.validate;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Whether the hidden tests name each known-wrong variant as its own mistake: a variant is named
 * only when one of its exercise's failed checks carries the id of its {@code mistake:} line.
 *
 * @param own       variants that lose points and are named as their own mistake
 * @param notTold   variants that lose points but are named as another mistake or none, with the ids named
 *                  (empty for none): the checks cannot yet tell them apart
 * @param undefined problems: variants whose {@code mistake:} id no hidden test defines
 * @param counted   the variants that lose points (the others fail validate on their own)
 */
record MistakeNaming(List<String> own, Map<String, Set<String>> notTold, List<String> undefined, int counted) {

    /**
     * @param exerciseOf the graded report of each variant's exercise
     * @param known      the ids of every known mistake the hidden tests define (see {@link #knownIn})
     */
    static MistakeNaming of(List<Variant> variants, Map<Variant, ExerciseReport> exerciseOf, Set<String> known) {
        List<String> own = new ArrayList<>();
        Map<String, Set<String>> notTold = new LinkedHashMap<>();
        List<String> undefined = new ArrayList<>();
        int counted = 0;
        for (Variant v : variants) {
            if (v.mistakeId() != null && !known.contains(v.mistakeId())) {
                undefined.add("variant " + v.name() + " names the mistake " + v.mistakeId()
                        + ", which no hidden test defines (declare it as a static final Check.Known constant)");
            }
            ExerciseReport e = exerciseOf.get(v);
            if (e.score() >= e.maxScore()) {
                continue;
            }
            counted++;
            Set<String> named = named(e);
            if (v.mistakeId() != null && named.contains(v.mistakeId())) {
                own.add(v.name());
            } else {
                notTold.put(v.name(), named);
            }
        }
        return new MistakeNaming(own, notTold, undefined, counted);
    }

    /** The mistake ids the failed checks of {@code e} carry. */
    static Set<String> named(ExerciseReport e) {
        Set<String> ids = new TreeSet<>();
        for (TestReport t : e.tests()) {
            if (!t.passed() && t.check() != null && t.check().mistakeId() != null) {
                ids.add(t.check().mistakeId());
            }
        }
        return ids;
    }

    /** The variant's line in validate's table: {@code own}, {@code as Other/id}, or {@code none}. */
    static String column(Variant v, ExerciseReport e) {
        Set<String> named = named(e);
        return v.mistakeId() != null && named.contains(v.mistakeId()) ? "own"
                : named.isEmpty() ? "none" : "as " + String.join(", ", named);
    }

    /**
     * The ids of the known mistakes defined as static {@link Known} fields of the classes below
     * {@code packageName} in the class folder {@code root} (the hidden tests), and {@link Check}'s own.
     * The classes are loaded and initialised in this JVM: they are the grader's, not a student's.
     */
    static Set<String> knownIn(Path root, String packageName) {
        Set<String> ids = new LinkedHashSet<>(knownIn(Check.class));
        Path folder = root.resolve(packageName.replace('.', '/'));
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("no hidden tests in " + folder + " to collect the known mistakes from");
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                ids.addAll(knownIn(Class.forName(name, true, MistakeNaming.class.getClassLoader())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a hidden test class could not be loaded: " + e.getMessage(), e);
        }
        return ids;
    }

    private static List<String> knownIn(Class<?> c) {
        List<String> ids = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Known.class) {
                try {
                    f.setAccessible(true);
                    Known known = (Known) f.get(null);
                    if (known != null) {
                        ids.add(known.id());
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + "." + f.getName(), e);
                }
            }
        }
        return ids;
    }
}
