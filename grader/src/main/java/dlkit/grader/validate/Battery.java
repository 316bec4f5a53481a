package dlkit.grader.validate;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Resources;
import dlkit.grader.release.ExerciseGenerator;
import dlkit.grader.release.ExerciseGenerator.Stub;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.ReportFiles;
import java.io.PrintWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * A battery of degenerate solutions, made mechanically from the solution regions: for each
 * exercise file and each {@link Trick}, the reference with every exercise method rewritten by
 * that trick. {@code validate} grades them and requires each degenerate file to score 0 on its
 * exercise (except where {@code battery/exceptions.txt} says the Javadoc makes the trick
 * correct), the answer scaled by 1 + 1e-12 to keep full marks and the answer scaled by 1.001
 * to lose points.
 *
 * <p>The regions are found by {@link ExerciseGenerator#stubSource}; the methods holding them,
 * their return types, parameters and the class's fields are read with javac's tree API. A
 * method a trick cannot apply to (NaN from a method returning {@code int}, a method without a
 * random generator for the fixed pattern) does nothing instead, so the whole file computes
 * nothing of the reference's; a file where the trick applies to no method is left out of that
 * trick. The scaled tricks keep the reference's body in a renamed private method and scale what
 * it returns (a number, array or matrix); a void method scales the change its reference call
 * made to the {@code Parameter}s (values and gradients), matrices and arrays it is given or
 * holds, or the new value where that is smaller than the change; a method returning anything
 * else (int, boolean, a layer) stays the reference's.
 */
final class Battery {

    /** The exceptions: {@code Exercise/trick: why the Javadoc makes this trick correct}. */
    static final String EXCEPTIONS = "battery/exceptions.txt";
    /** How an exception begins that is not the Javadoc's doing but a hole not closed yet: validate prints each. */
    static final String OPEN = "open, not caught yet:";

    /** One way to hand in a solution that computes nothing, or the reference's answer nudged. */
    enum Trick {
        ZEROS("zeros", "zeros, or doing nothing"),
        RETURNS_INPUT("returns-input", "returns its input"),
        ZERO_INPUTS("zero-inputs", "zero inputs in place, return the trivial answer"),
        NAN("nan", "NaN"),
        CONSTANT("constant", "a constant"),
        FIXED_PATTERN("fixed-pattern", "a fixed pattern that ignores the random generator"),
        TOO_FAR("scaled-1.001", "the reference's answer times 1.001"),
        ROUNDING("scaled-1e-12", "the reference's answer times 1 + 1e-12");

        final String id;
        final String description;

        Trick(String id, String description) {
            this.id = id;
            this.description = description;
        }

        boolean scales() {
            return this == TOO_FAR || this == ROUNDING;
        }

        /** The factor of a scaling trick, as Java source. */
        String factor() {
            return this == TOO_FAR ? "1.001" : "(1.0 + 1e-12)";
        }
    }

    /** One trick applied to one exercise file. */
    record Case(Trick trick, Exercise exercise, Variant variant, String source) {}

    private final List<Case> cases;
    private final Map<String, String> exceptions;

    private Battery(List<Case> cases, Map<String, String> exceptions) {
        this.cases = cases;
        this.exceptions = exceptions;
    }

    /**
     * Every trick on every exercise file it applies to.
     *
     * @param reference the reference solutions' sources, by file below src/main/java
     */
    static Battery of(List<Exercise> exercises, Map<String, String> reference) {
        List<Case> cases = new ArrayList<>();
        for (Exercise e : exercises) {
            String source = reference.get(e.file());
            for (Trick t : Trick.values()) {
                apply(t, source, e.file()).ifPresent(text -> cases.add(new Case(t, e,
                        new Variant("battery " + t.id + " " + e.simpleName(), t.description, e.file(), List.of()), text)));
            }
        }
        return new Battery(List.copyOf(cases), exceptions());
    }

    List<Case> cases() {
        return cases;
    }

    /** The reason the Javadoc makes this trick correct for this exercise, if it does. */
    Optional<String> exception(Case c) {
        return Optional.ofNullable(exceptions.get(c.exercise().simpleName() + "/" + c.trick().id));
    }

    /**
     * Checks each case's score on its exercise, prints a line per trick and adds a failure per
     * case that scored what it must not (naming the tests it passed), per generated file that was
     * not graded as written, and per exception that is not needed or, when the battery holds
     * every exercise ({@code wholeKit}), names no case.
     */
    void check(Function<Case, GradeReport> reportOf, PrintWriter out, List<String> failures, boolean wholeKit) {
        Map<Trick, int[]> counts = new EnumMap<>(Trick.class);
        Set<String> used = new TreeSet<>();
        for (Case c : cases) {
            int[] count = counts.computeIfAbsent(c.trick(), t -> new int[3]);
            ExerciseReport e = reportOf.apply(c).exercises().stream().filter(x -> x.file().equals(c.exercise().file()))
                    .findFirst().orElseThrow();
            String as = "battery: " + c.exercise().simpleName() + " as '" + c.trick().description + "'";
            if (!e.notes().isEmpty()) {
                failures.add(as + " was not graded as written (a bug of the battery): " + String.join(" ", e.notes()));
                count[2]++;
                continue;
            }
            String points = ReportFiles.points(e.score()) + " of " + ReportFiles.points(e.maxScore()) + " points";
            Optional<String> exception = exception(c);
            exception.ifPresent(x -> used.add(c.exercise().simpleName() + "/" + c.trick().id));
            String problem = switch (c.trick()) {
                case ROUNDING -> e.score() == e.maxScore() || exception.isPresent() ? null
                        : as + " scored " + points + "; an answer this close to the reference's must keep full marks. Failed: " + tests(e, false);
                case TOO_FAR -> e.score() < e.maxScore() ? null
                        : as + " kept full marks: no hidden test notices an answer 0.1% off";
                default -> e.score() == 0 ? null
                        : exception.isPresent() ? null : as + " kept " + points + ". Passed: " + tests(e, true);
            };
            boolean unneeded = c.trick() == Trick.ROUNDING ? e.score() == e.maxScore() : e.score() == 0;
            if (exception.isPresent() && unneeded) {
                problem = as + " scores as required, so its exception in " + EXCEPTIONS + " is not needed: remove it";
            }
            if (problem != null) {
                failures.add(problem);
                count[2]++;
            } else if (exception.isPresent()) {
                count[1]++;
                if (exception.get().startsWith(OPEN)) {
                    out.println("  " + as + " " + (c.trick() == Trick.ROUNDING ? "scored " : "kept ") + points + ", "
                            + exception.get());
                }
            } else {
                count[0]++;
            }
        }
        exceptions.keySet().stream().filter(k -> wholeKit && !used.contains(k))
                .forEach(k -> failures.add("battery: the exception " + k + " in " + EXCEPTIONS + " names no case of the battery"));
        String row = "%-52s  %5s  %5s  %9s  %6s%n";
        out.printf("%n" + row, "battery trick", "files", "ok", "excepted", "failed");
        counts.forEach((t, n) -> out.printf(row, t.description, n[0] + n[1] + n[2], n[0], n[1], n[2]));
    }

    private static String tests(ExerciseReport e, boolean passed) {
        return e.tests().stream().filter(t -> t.passed() == passed)
                .map(t -> t.name() + " (" + ReportFiles.points(t.score()) + "/" + ReportFiles.points(t.maxScore()) + ")")
                .collect(Collectors.joining(", "));
    }

    /** The exceptions file, {@code Exercise/trick} to its reason; a line that breaks the format throws. */
    static Map<String, String> exceptions() {
        Map<String, String> byCase = new TreeMap<>();
        byte[] file = Resources.readTree("battery/").get("exceptions.txt");
        if (file == null) {
            throw new IllegalStateException("the grader is missing its resource " + EXCEPTIONS + "; rebuild it with mvn package");
        }
        for (String line : new String(file, StandardCharsets.UTF_8).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(": ");
            if (colon < 0 || !trimmed.substring(0, colon).contains("/")) {
                throw new IllegalArgumentException(EXCEPTIONS + ": '" + trimmed + "' is not 'Exercise/trick: reason'");
            }
            byCase.put(trimmed.substring(0, colon), trimmed.substring(colon + 2).strip());
        }
        return byCase;
    }

    /**
     * The solution file with every solution region rewritten by the trick, or empty if the trick
     * applies to none of its methods.
     */
    static Optional<String> apply(Trick trick, String source, String file) {
        List<Stub> stubs = new ArrayList<>();
        ExerciseGenerator.stubSource(source, file, stubs);
        Parsed parsed = Parsed.of(source, file);
        List<Edit> edits = new ArrayList<>();
        boolean applied = false;
        List<Method> methods = stubs.stream().map(stub -> parsed.methodAt(stub.line())).toList();
        Set<String> delegated = trick.scales() ? delegated(methods, parsed, trick.factor()) : Set.of();
        for (Method m : methods) {
            applied |= rewrite(trick, m, parsed, delegated, edits);
        }
        if (!applied) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(source);
        edits.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end).reversed());
        for (Edit e : edits) {
            out.replace(e.start(), e.end(), e.text());
        }
        return Optional.of(out.toString());
    }

    /**
     * The lines of each solution region of a file, as {first, last} (1-based, the BEGIN line to
     * the line before the method's closing brace).
     */
    static List<int[]> regionLines(String source, String file) {
        List<Stub> stubs = new ArrayList<>();
        ExerciseGenerator.stubSource(source, file, stubs);
        Parsed parsed = Parsed.of(source, file);
        List<int[]> lines = new ArrayList<>();
        for (Stub stub : stubs) {
            Method m = parsed.methodAt(stub.line());
            lines.add(new int[] {stub.line(), stub.line() + (int) source.substring(m.regionStart(), m.regionEnd()).lines().count() - 1});
        }
        return lines;
    }

    /** Replace source[start, end) by text. */
    private record Edit(int start, int end, String text) {}

    /** A parameter or field: its declared type as written, and its name. */
    private record Variable(String type, String name, boolean isFinal, boolean isStatic) {}

    /**
     * One method holding a solution region.
     *
     * @param bodyStart   the offset just after the body's opening brace
     * @param regionStart the offset of the line {@code // BEGIN SOLUTION}
     * @param regionEnd   the offset of the line of the body's closing brace
     * @param bodyEnd     the offset of the body's closing brace
     */
    private record Method(String name, String returnType, boolean isStatic, String typeParameters, String throwsClause,
                          List<Variable> parameters, List<Variable> fields, String className,
                          int bodyStart, int regionStart, int regionEnd, int bodyEnd) {

        String arguments() {
            return parameters.stream().map(Variable::name).collect(Collectors.joining(", "));
        }

        String declaredParameters() {
            return parameters.stream().map(p -> p.type() + " " + p.name()).collect(Collectors.joining(", "));
        }
    }

    /**
     * The names of the methods that a scaling trick keeps as {@code name$reference}: those it
     * scales, unless another method of the class has the same name (an overload without a delegate).
     */
    private static Set<String> delegated(List<Method> methods, Parsed parsed, String factor) {
        Set<String> names = new TreeSet<>();
        methods.stream().filter(m -> scaled(m, factor) != null).forEach(m -> names.add(m.name()));
        Set<Integer> withRegion = methods.stream().map(Method::bodyStart).collect(Collectors.toSet());
        parsed.methods.stream().filter(m -> !withRegion.contains(m.bodyStart()) || scaled(m, factor) == null)
                .forEach(m -> names.remove(m.name()));
        return names;
    }

    private static boolean rewrite(Trick trick, Method m, Parsed parsed, Set<String> delegated, List<Edit> edits) {
        String indent = "        ";
        if (trick.scales()) {
            String scaled = scaled(m, trick.factor());
            if (scaled == null) {
                return false;
            }
            // The reference's body calls the other delegates, so that a method scaled once is not
            // scaled again through another one it calls (clipByGlobalNorm calls globalNorm).
            String body = parsed.text.substring(m.bodyStart(), m.bodyEnd());
            for (String name : delegated) {
                body = body.replaceAll("(^|[^\\w$.])((?:this\\.|" + m.className() + "\\.)?)" + name + "(\\s*\\()",
                        "$1$2" + name + "\\$reference$3");
            }
            String delegate = "private " + (m.isStatic() ? "static " : "") + m.typeParameters() + m.returnType() + " "
                    + m.name() + "$reference(" + m.declaredParameters() + ")" + m.throwsClause() + " {"
                    + body + "}";
            edits.add(new Edit(m.bodyStart(), m.bodyEnd(), "\n" + scaled + "    "));
            edits.add(new Edit(m.bodyEnd() + 1, m.bodyEnd() + 1, "\n\n    " + delegate));
            return true;
        }
        String own = switch (trick) {
            case ZERO_INPUTS -> {
                String zeroing = m.parameters().stream().map(Battery::zeroInPlace).filter(s -> !s.isEmpty())
                        .map(s -> indent + s + "\n").collect(Collectors.joining());
                // The reference's body then answers for the zeroed inputs: the trivial answer.
                yield zeroing.isEmpty() ? null : "\n" + zeroing;
            }
            case FIXED_PATTERN -> {
                String fixed = fixedGenerators(m).stream().map(s -> indent + s + "\n").collect(Collectors.joining());
                yield fixed.isEmpty() ? null : "\n" + fixed;
            }
            case ZEROS -> "void".equals(m.returnType()) ? "" : value(trick, m, parsed);
            default -> value(trick, m, parsed);
        };
        if (own == null) {
            // The trick does not apply here: the method does nothing instead.
            edits.add(new Edit(m.regionStart(), m.regionEnd(), body(value(Trick.ZEROS, m, parsed))));
            return false;
        }
        if (trick == Trick.ZERO_INPUTS || trick == Trick.FIXED_PATTERN) {
            edits.add(new Edit(m.bodyStart(), m.bodyStart(), own));
            return true;
        }
        edits.add(new Edit(m.regionStart(), m.regionEnd(), body(own)));
        return true;
    }

    /** The statements that return {@code value} (null or "": return nothing, for a void method). */
    private static String body(String value) {
        return value == null || value.isEmpty() ? "" : "        return " + value + ";\n";
    }

    /** What the trick returns from this method, as an expression, or null where it does not apply. */
    private static String value(Trick trick, Method m, Parsed parsed) {
        String type = m.returnType();
        return switch (trick) {
            case ZEROS -> switch (type) {
                case "void" -> null;
                case "double", "float", "int", "long", "short", "byte" -> "0";
                case "boolean" -> "false";
                case "char" -> "'\\0'";
                case "String" -> "\"\"";
                default -> type.startsWith("List<") ? "new java.util.ArrayList<>()"
                        : Optional.ofNullable(filled(m, "0")).orElse("null");
            };
            case RETURNS_INPUT -> m.parameters().stream().filter(p -> p.type().equals(type)).map(Variable::name)
                    .findFirst().orElse(null);
            case NAN -> switch (type) {
                case "double", "float" -> "Double.NaN";
                default -> type.startsWith("double") || type.equals("DMatrixRMaj") ? filled(m, "Double.NaN") : null;
            };
            case CONSTANT -> switch (type) {
                case "double", "float" -> "0.5";
                case "int", "long", "short", "byte" -> "1";
                case "boolean" -> "true";
                default -> parsed.isEnum(type) ? type + ".values()[0]"
                        : type.startsWith("int[]") ? filled(m, "1") : type.startsWith("double") || type.equals("DMatrixRMaj") ? filled(m, "0.5") : null;
            };
            default -> null;
        };
    }

    /**
     * An array or matrix of the return type filled with {@code element}, shaped like the first
     * input of a matching kind (a matrix like the first matrix given, an array as long as the
     * first array or as many as the first matrix's rows); null for any other object type.
     */
    private static String filled(Method m, String element) {
        String type = m.returnType();
        Optional<String> matrix = first(m, "DMatrixRMaj");
        Optional<String> array = first(m, type);
        Optional<String> ints = m.parameters().stream().filter(p -> p.type().equals("int")).map(Variable::name)
                .limit(2).reduce((a, b) -> a + ", " + b).filter(s -> s.contains(","));
        String rows = array.map(a -> a + ".length").or(() -> matrix.map(x -> x + ".numRows")).orElse("0");
        String range = "java.util.stream.IntStream.range(0, " + rows + ")";
        return switch (type) {
            case "DMatrixRMaj" -> {
                String shape = matrix.map(x -> x + ".numRows, " + x + ".numCols").or(() -> ints).orElse("1, 1");
                String count = "(long) " + shape.replace(", ", " * ");
                yield element.equals("0") ? "new DMatrixRMaj(" + shape + ")"
                        : "new DMatrixRMaj(" + shape + ", true, java.util.stream.DoubleStream.generate(() -> " + element
                        + ").limit(" + count + ").toArray())";
            }
            case "double[]" -> range + ".mapToDouble(i$ -> " + element + ").toArray()";
            case "int[]" -> range + ".map(i$ -> " + element + ").toArray()";
            case "long[]" -> range + ".mapToLong(i$ -> " + element + ").toArray()";
            case "double[][]" -> {
                String cols = array.map(a -> a + ".length == 0 ? 0 : " + a + "[0].length").or(() -> matrix.map(x -> x + ".numCols")).orElse("0");
                yield range + ".mapToObj(i$ -> java.util.stream.DoubleStream.generate(() -> " + element
                        + ").limit(" + cols + ").toArray()).toArray(double[][]::new)";
            }
            default -> null;
        };
    }

    private static Optional<String> first(Method m, String type) {
        return m.parameters().stream().filter(p -> p.type().equals(type)).map(Variable::name).findFirst();
    }

    /** A statement that zeroes an input in place, or "" for an input that is not an array, matrix or parameter. */
    private static String zeroInPlace(Variable p) {
        String n = p.name();
        return switch (p.type()) {
            case "DMatrixRMaj" -> "if (" + n + " != null) " + n + ".zero();";
            case "double[]", "int[]", "long[]", "float[]" -> "if (" + n + " != null) java.util.Arrays.fill(" + n + ", 0);";
            case "double[][]", "int[][]" -> "if (" + n + " != null) for (var row : " + n + ") java.util.Arrays.fill(row, 0);";
            case "Parameter" -> "if (" + n + " != null) { " + n + ".value().zero(); " + n + ".zeroGrad(); }";
            case "List<Parameter>" -> "if (" + n + " != null) for (Parameter p : " + n + ") { p.value().zero(); p.zeroGrad(); }";
            case "List<DMatrixRMaj>" -> "if (" + n + " != null) for (DMatrixRMaj m : " + n + ") m.zero();";
            default -> "";
        };
    }

    private static final List<String> GENERATORS = List.of("RandomGenerator", "java.util.random.RandomGenerator",
            "Random", "java.util.Random", "SplittableRandom", "java.util.SplittableRandom");

    /**
     * Statements that replace the method's random generators (parameters, and fields it could
     * read) by generators of a fixed seed: every call draws the same numbers.
     */
    private static List<String> fixedGenerators(Method m) {
        List<String> statements = new ArrayList<>();
        for (Variable p : m.parameters()) {
            if (GENERATORS.contains(p.type()) && !p.isFinal()) {
                statements.add(p.name() + " = " + fixedGenerator(p.type()) + ";");
            }
        }
        for (Variable f : m.fields()) {
            boolean shadowed = m.parameters().stream().anyMatch(p -> p.name().equals(f.name()));
            if (GENERATORS.contains(f.type()) && !shadowed) {
                statements.add(f.type() + " " + f.name() + " = " + fixedGenerator(f.type()) + ";");
            }
        }
        return statements;
    }

    private static String fixedGenerator(String type) {
        return type.endsWith("Random") && !type.endsWith("SplittableRandom") ? "new java.util.Random(42)" : "new java.util.SplittableRandom(42)";
    }

    /**
     * The body that returns the reference's answer times {@code factor}, or null where there is
     * nothing to scale.
     */
    private static String scaled(Method m, String factor) {
        String call = m.name() + "$reference(" + m.arguments() + ")";
        String i = "        ";
        return switch (m.returnType()) {
            case "double", "float" -> i + "return " + call + " * " + factor + ";\n";
            case "DMatrixRMaj" -> i + "DMatrixRMaj scaled$ = " + call + ".copy();\n"
                    + i + "org.ejml.dense.row.CommonOps_DDRM.scale(" + factor + ", scaled$);\n" + i + "return scaled$;\n";
            case "double[]" -> i + "double[] scaled$ = " + call + ".clone();\n"
                    + i + "for (int i$ = 0; i$ < scaled$.length; i$++) scaled$[i$] *= " + factor + ";\n" + i + "return scaled$;\n";
            case "void" -> {
                List<Variable> updated = new ArrayList<>(m.parameters());
                m.fields().stream().filter(f -> f.isStatic() || !m.isStatic())
                        .filter(f -> m.parameters().stream().noneMatch(p -> p.name().equals(f.name())))
                        .forEach(updated::add);
                String targets = updated.stream().map(Battery::target).filter(t -> !t.isEmpty())
                        .map(t -> i + t + "\n").collect(Collectors.joining());
                // The smaller of the change the reference's call made and the new value is scaled,
                // so what it leaves alone (a frozen parameter, a gradient an optimiser only reads)
                // stays as it was, an exact zero it writes stays 0, a small step does not compound
                // the factor over repeated calls, and a value the call shrinks (a clipped gradient)
                // still moves by only the factor times its new size.
                yield targets.isEmpty() ? null : i + "java.util.List<org.ejml.data.DMatrixRMaj> targets$ = new java.util.ArrayList<>();\n"
                        + targets
                        + i + "java.util.List<double[]> before$ = new java.util.ArrayList<>();\n"
                        + i + "for (org.ejml.data.DMatrixRMaj t$ : targets$) before$.add(t$.data.clone());\n"
                        + i + call + ";\n"
                        + i + "for (int t$ = 0; t$ < targets$.size(); t$++) {\n"
                        + i + "    double[] now$ = targets$.get(t$).data;\n"
                        + i + "    double[] was$ = before$.get(t$);\n"
                        + i + "    for (int i$ = 0; i$ < Math.min(now$.length, was$.length); i$++) {\n"
                        + i + "        if (now$[i$] == 0 || Double.compare(now$[i$], was$[i$]) == 0) continue;\n"
                        + i + "        double change$ = now$[i$] - was$[i$];\n"
                        + i + "        now$[i$] = Math.abs(change$) < Math.abs(now$[i$]) ? was$[i$] + change$ * " + factor + " : now$[i$] * " + factor + ";\n"
                        + i + "    }\n"
                        + i + "}\n";
            }
            default -> null;
        };
    }

    /** A statement that adds the numbers a void method may update in place to {@code targets$}, or "". */
    private static String target(Variable v) {
        String n = v.name();
        return switch (v.type()) {
            case "DMatrixRMaj" -> "if (" + n + " != null) targets$.add(" + n + ");";
            case "double[]" -> "if (" + n + " != null) targets$.add(org.ejml.data.DMatrixRMaj.wrap(1, " + n + ".length, " + n + "));";
            case "Parameter" -> "if (" + n + " != null) { targets$.add(" + n + ".value()); targets$.add(" + n + ".grad()); }";
            case "List<Parameter>" -> "if (" + n + " != null) for (var p$ : " + n + ") { targets$.add(p$.value()); targets$.add(p$.grad()); }";
            default -> "";
        };
    }

    /** A solution file parsed by javac: its methods, fields and imports. */
    private static final class Parsed {
        final String text;
        final String packageName;
        final List<String> imports = new ArrayList<>();
        final List<Method> methods = new ArrayList<>();
        final CompilationUnitTree unit;

        private Parsed(String text, CompilationUnitTree unit) {
            this.text = text;
            this.unit = unit;
            this.packageName = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
        }

        static Parsed of(String text, String file) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            var source = new SimpleJavaFileObject(URI.create("string:///" + file), SimpleJavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                }
            };
            JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(source));
            CompilationUnitTree unit;
            try {
                unit = task.parse().iterator().next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Parsed parsed = new Parsed(text, unit);
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (ImportTree i : unit.getImports()) {
                parsed.imports.add(i.getQualifiedIdentifier().toString());
            }
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitMethod(MethodTree method, Void unused) {
                    if (method.getBody() != null && method.getReturnType() != null) {
                        ClassTree owner = (ClassTree) getCurrentPath().getParentPath().getLeaf();
                        List<Variable> fields = new ArrayList<>();
                        for (Tree member : owner.getMembers()) {
                            if (member instanceof VariableTree v) {
                                fields.add(new Variable(v.getType().toString(), v.getName().toString(),
                                        v.getModifiers().getFlags().contains(Modifier.FINAL),
                                        v.getModifiers().getFlags().contains(Modifier.STATIC)));
                            }
                        }
                        List<Variable> parameters = method.getParameters().stream()
                                .map(v -> new Variable(v.getType().toString(), v.getName().toString(),
                                        v.getModifiers().getFlags().contains(Modifier.FINAL), false))
                                .toList();
                        String typeParameters = method.getTypeParameters().isEmpty() ? ""
                                : "<" + method.getTypeParameters().stream().map(Object::toString).collect(Collectors.joining(", ")) + "> ";
                        String throwsClause = method.getThrows().isEmpty() ? ""
                                : " throws " + method.getThrows().stream().map(Object::toString).collect(Collectors.joining(", "));
                        int open = (int) positions.getStartPosition(unit, method.getBody());
                        int close = (int) positions.getEndPosition(unit, method.getBody()) - 1;
                        parsed.methods.add(new Method(method.getName().toString(), method.getReturnType().toString(),
                                method.getModifiers().getFlags().contains(Modifier.STATIC), typeParameters, throwsClause,
                                parameters, List.copyOf(fields), owner.getSimpleName().toString(),
                                open + 1, -1, text.lastIndexOf('\n', close) + 1, close));
                    }
                    return super.visitMethod(method, unused);
                }
            }.scan(unit, null);
            return parsed;
        }

        /** The innermost method whose body holds the 1-based line, with its region starting there. */
        Method methodAt(int line) {
            int offset = 0;
            for (int l = 1; l < line; l++) {
                offset = text.indexOf('\n', offset) + 1;
            }
            int at = offset;
            Method m = methods.stream().filter(x -> x.bodyStart() <= at && at <= x.bodyEnd())
                    .min(Comparator.comparingInt(x -> x.bodyEnd() - x.bodyStart()))
                    .orElseThrow(() -> new IllegalArgumentException("no method holds the solution region at line " + line));
            return new Method(m.name(), m.returnType(), m.isStatic(), m.typeParameters(), m.throwsClause(), m.parameters(),
                    m.fields(), m.className(), m.bodyStart(), at, m.regionEnd(), m.bodyEnd());
        }

        /** True if the simple type name names an enum (looked up among the kit's own classes). */
        boolean isEnum(String type) {
            String name = imports.stream().filter(i -> i.endsWith("." + type)).findFirst().orElse(packageName + "." + type);
            try {
                return Class.forName(name, false, Battery.class.getClassLoader()).isEnum();
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }
}
