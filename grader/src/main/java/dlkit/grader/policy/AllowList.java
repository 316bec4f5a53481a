package dlkit.grader.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.objectweb.asm.Type;

/**
 * What student bytecode may refer to: arithmetic, strings, boxing, exceptions, printing,
 * {@code java.util} collections, streams and random generators, EJML's matrix types and dense
 * operations, and the kit's own classes. Everything else is refused, each with a plain reason.
 *
 * <p>Two levels. By class: reflection, class loaders, method handles, threads and executors,
 * processes, files, the network, JDK internals, EJML's file input and output and its concurrent
 * operations. By member, where a class mixes safe and unsafe: {@code new Formatter(String)}
 * opens a file where {@code new Formatter(StringBuilder)} does not; a {@code ConcurrentHashMap}
 * is allowed but its bulk operations with a parallelism threshold are not. A member that a
 * student class can inherit (a parallel stream, {@code finalize}, {@code wait}) is refused by
 * name and descriptor on every owner, the student's own classes included, since a call through
 * the student's own interface or subclass reaches the same code.
 */
final class AllowList {

    private AllowList() {}

    /** Refused families, checked first: a prefix ending in '/' is a package, otherwise a class and its nested classes. */
    private static final Map<String, String> REFUSED = new LinkedHashMap<>();

    static {
        REFUSED.put("java/lang/reflect/", "reflection");
        REFUSED.put("java/lang/invoke/", "method handles (reflection)");
        REFUSED.put("java/lang/ClassLoader", "class loaders");
        REFUSED.put("java/security/SecureClassLoader", "class loaders");
        REFUSED.put("java/net/URLClassLoader", "class loaders");
        REFUSED.put("java/util/ServiceLoader", "class loaders");
        REFUSED.put("java/util/ResourceBundle", "it loads classes and files by name");
        REFUSED.put("java/util/ListResourceBundle", "it loads classes and files by name");
        REFUSED.put("java/util/PropertyResourceBundle", "it loads classes and files by name");
        REFUSED.put("java/util/spi/", "JDK service providers (ToolProvider runs tools such as jar inside the grading JVM)");
        REFUSED.put("java/text/spi/", "JDK service providers");
        REFUSED.put("java/lang/Module", "reflection");
        REFUSED.put("java/lang/ModuleLayer", "reflection");
        REFUSED.put("java/lang/Package", "reflection");
        REFUSED.put("java/lang/StackWalker", "reflection");
        REFUSED.put("java/lang/StackTraceElement", "it reads the grader's call stack, which names the hidden test running");
        REFUSED.put("java/lang/Thread", "threads");
        REFUSED.put("java/lang/ThreadGroup", "threads");
        REFUSED.put("java/lang/ThreadLocal", "threads");
        REFUSED.put("java/lang/InheritableThreadLocal", "threads");
        REFUSED.put("java/util/Timer", "threads");
        REFUSED.put("java/util/TimerTask", "threads");
        REFUSED.put("java/util/concurrent/Executor", "threads and executors");
        REFUSED.put("java/util/concurrent/ExecutorService", "threads and executors");
        REFUSED.put("java/util/concurrent/Executors", "threads and executors");
        REFUSED.put("java/util/concurrent/ThreadPoolExecutor", "threads and executors");
        REFUSED.put("java/util/concurrent/ScheduledThreadPoolExecutor", "threads and executors");
        REFUSED.put("java/util/concurrent/ForkJoinPool", "threads and executors");
        REFUSED.put("java/util/concurrent/ForkJoinTask", "threads and executors");
        REFUSED.put("java/util/concurrent/RecursiveAction", "threads and executors");
        REFUSED.put("java/util/concurrent/RecursiveTask", "threads and executors");
        REFUSED.put("java/util/concurrent/CountedCompleter", "threads and executors");
        REFUSED.put("java/util/concurrent/CompletableFuture", "threads and executors");
        REFUSED.put("java/util/concurrent/ThreadFactory", "threads and executors");
        REFUSED.put("java/util/concurrent/SubmissionPublisher", "it delivers its items on other threads");
        REFUSED.put("java/lang/Runtime", "it can end the grading JVM or start programs");
        REFUSED.put("java/lang/Process", "processes");
        REFUSED.put("java/lang/ProcessBuilder", "processes");
        REFUSED.put("java/lang/ProcessHandle", "processes");
        REFUSED.put("java/lang/SecurityManager", "JVM internals");
        REFUSED.put("java/lang/ref/", "JVM internals (references and cleaners)");
        REFUSED.put("java/lang/management/", "JVM internals");
        REFUSED.put("java/lang/instrument/", "JVM internals");
        REFUSED.put("java/io/", "files and streams (java.io)");
        REFUSED.put("java/nio/", "files (java.nio)");
        REFUSED.put("java/util/zip/", "files (java.util.zip)");
        REFUSED.put("java/util/jar/", "files (java.util.jar)");
        REFUSED.put("java/util/prefs/", "files (java.util.prefs)");
        REFUSED.put("java/util/logging/", "files (java.util.logging)");
        REFUSED.put("java/net/", "the network");
        REFUSED.put("java/rmi/", "the network");
        REFUSED.put("javax/", "JDK services outside the kit");
        REFUSED.put("sun/", "JDK internals such as Unsafe");
        REFUSED.put("jdk/", "JDK internals such as Unsafe");
        REFUSED.put("com/sun/", "JDK internals such as Unsafe");
        REFUSED.put("dlkit/reference/", "the reference solution");
        REFUSED.put("dlkit/grader/", "the grader");
        REFUSED.put("dlkit/hidden/", "the hidden tests");
        REFUSED.put("org/ejml/concurrency/", "threads (EJML's concurrency settings)");
        REFUSED.put("org/ejml/ops/MatrixIO", "it reads and writes files");
        REFUSED.put("org/ejml/ops/ReadCsv", "it reads files and streams");
        REFUSED.put("org/ejml/ops/ReadMatrixCsv", "it reads files and streams");
        REFUSED.put("org/ejml/dense/row/DMatrixVisualization", "it opens a window");
        REFUSED.put("org/ejml/dense/row/DMatrixComponent", "it opens a window");
        REFUSED.put("pabeles/", "threads (EJML's thread pool)");
    }

    /** Why a file may not take its gradients from the kit's numeric ones: GradientCheck, or NumericalGradient outside its own file. */
    static final String NUMERIC_GRADIENT = "it computes gradients by finite differences, to check yours in a test of your own"
            + " (src/test); a file you hand in computes its gradients itself";

    /**
     * The exercise whose centred differences ({@code inputGradient(layer, x, upstream, h)} is a
     * layer's backward pass) only its own file may call: in another exercise's hidden tests it is
     * the student's own, and would stand in for that exercise's backward pass.
     */
    static final String NUMERIC_GRADIENT_EXERCISE = "dlkit/gradcheck/NumericalGradient";

    /** Classes of java.io allowed despite the package rule: printing goes through PrintStream. */
    private static final Set<String> IO_ALLOWED = Set.of("java/io/PrintStream", "java/io/Serializable");

    private static final Set<String> JAVA_LANG = Set.of(
            "Object", "String", "StringBuilder", "StringBuffer", "Math", "StrictMath", "Number",
            "Integer", "Long", "Double", "Float", "Short", "Byte", "Character", "Boolean", "Void",
            "CharSequence", "Comparable", "Iterable", "AutoCloseable", "Appendable", "Cloneable", "Runnable",
            "Record", "Enum", "Throwable", "System", "Class",
            "Override", "Deprecated", "SuppressWarnings", "FunctionalInterface", "SafeVarargs");

    /**
     * Of java.util.concurrent, only the atomics and the concurrent collections (whose bulk
     * operations with a parallelism threshold are refused by member); the rest runs or
     * coordinates threads, which the kit never needs.
     */
    private static final Set<String> CONCURRENT_ALLOWED = Set.of(
            "ConcurrentHashMap", "ConcurrentMap", "ConcurrentNavigableMap", "ConcurrentSkipListMap",
            "ConcurrentSkipListSet", "ConcurrentLinkedQueue", "ConcurrentLinkedDeque", "CopyOnWriteArrayList",
            "CopyOnWriteArraySet", "ThreadLocalRandom", "TimeUnit", "Callable");

    /**
     * Of EJML, the matrix types, the dense operations and their decompositions and solvers: a
     * prefix ending in '/' is a package with its subpackages, otherwise a class. Concurrent
     * ({@code _MT_}) classes are refused whatever their package; members that read or write files
     * or streams are refused by {@link #EJML_MEMBERS}.
     */
    private static final List<String> EJML_ALLOWED = List.of(
            "org/ejml/data/", "org/ejml/interfaces/", "org/ejml/dense/row/", "org/ejml/dense/fixed/",
            "org/ejml/dense/block/", "org/ejml/UtilEjml", "org/ejml/MatrixDimensionException", "org/ejml/EjmlParameters",
            "org/ejml/LinearSolverSafe", "org/ejml/ops/DConvertMatrixStruct", "org/ejml/ops/DConvertArrays",
            "org/ejml/ops/MatrixFeatures_D", "org/ejml/ops/ComplexMath_F64");

    /** The resource listing EJML's refused members, made by {@code EjmlAuditTest} from the EJML jars. */
    static final String EJML_MEMBERS_RESOURCE = "ejml-refused-members.txt";

    /** What each category of {@link #EJML_MEMBERS_RESOURCE} means to a student. */
    static final Map<String, String> EJML_CATEGORIES = Map.of(
            "files", "it reads or writes files",
            "streams", "it reads or writes a stream",
            "threads", "it runs on several threads",
            "window", "it opens a window",
            "outside", "it calls a library outside EJML and the JDK",
            "settings", "it changes a setting EJML shares with the grader");

    private static final Set<String> SYSTEM_ALLOWED = Set.of(
            "out", "err", "arraycopy", "nanoTime", "currentTimeMillis", "identityHashCode", "lineSeparator");
    private static final Set<String> CLASS_ALLOWED = Set.of(
            "getName", "getSimpleName", "getTypeName", "isInstance", "cast", "desiredAssertionStatus",
            "isArray", "getComponentType", "hashCode", "equals", "toString");
    private static final Set<String> PRINT_ALLOWED = Set.of("print", "println", "printf", "format", "flush", "append");

    /** Bootstrap methods javac itself emits for lambdas, string concatenation and records. */
    static final Set<String> BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory", "java/lang/invoke/StringConcatFactory", "java/lang/runtime/ObjectMethods");

    /** Every method of this class takes a last {@code boolean parallel}: allowed only where the caller passes the constant false. */
    static final String PARALLEL_FLAG_OWNER = "java/util/stream/StreamSupport";

    /**
     * A refused member: {@code owner} null for every owner (the student's own classes too),
     * {@code name} and {@code descriptor} tests, and why. {@code showParameters} when the
     * descriptor decides, so the message says which overload.
     */
    private record Member(String owner, Predicate<String> name, Predicate<String> descriptor, boolean showParameters,
                          String reason) {
        boolean matches(String owner, String name, String descriptor) {
            return (this.owner == null || this.owner.equals(owner)) && this.name.test(name)
                    && (descriptor == null ? !showParameters : this.descriptor.test(descriptor));
        }
    }

    private static final List<Member> MEMBERS = new ArrayList<>();

    private static void refuse(String owner, Set<String> names, Predicate<String> descriptor, String reason) {
        MEMBERS.add(new Member(owner, names::contains, descriptor, true, reason));
    }

    private static void refuse(String owner, Set<String> names, String reason) {
        MEMBERS.add(new Member(owner, names::contains, d -> true, false, reason));
    }

    private static Predicate<String> is(String... descriptors) {
        return Set.of(descriptors)::contains;
    }

    static {
        // Inheritable, so on every owner.
        refuse(null, Set.of("parallel", "parallelStream", "parallelSort", "parallelPrefix", "parallelSetAll",
                "parallelMultiply"), "parallel streams and sorts run on threads");
        MEMBERS.add(new Member(null, n -> n.matches("(forEach|reduce|search)\\w*"),
                d -> d.startsWith("(JLjava/util/function/"), true,
                "with a parallelism threshold it runs on threads"));
        refuse(null, Set.of("wait"), is("()V", "(J)V", "(JI)V"), "waiting for other threads, which the kit never uses");
        refuse(null, Set.of("notify", "notifyAll"), is("()V"), "waking other threads, which the kit never uses");
        refuse(null, Set.of("finalize"), is("()V"), "finalize runs on the JVM's finaliser thread, after the test");
        refuse(null, Set.of("getStackTrace"), is("()[Ljava/lang/StackTraceElement;"),
                "it reads the grader's call stack, which names the hidden test running");
        refuse(null, Set.of("setStackTrace"), is("([Ljava/lang/StackTraceElement;)V"),
                "it forges where an error came from");
        refuse(null, Set.of("setDefault"), is("(Ljava/util/Locale;)V", "(Ljava/util/Locale$Category;Ljava/util/Locale;)V",
                "(Ljava/util/TimeZone;)V"), "it changes a default of the whole JVM, the grader's own formatting included");

        // Where one class mixes safe and unsafe members.
        refuse("java/util/Formatter", Set.of("<init>"), d -> d.startsWith("(Ljava/lang/String;") || d.startsWith("(Ljava/io/File;"),
                "it opens a file");
        refuse("java/util/Formatter", Set.of("<init>"), d -> d.startsWith("(Ljava/io/"), "it writes to a stream");
        refuse("java/util/Formatter", Set.of("close"), "it closes what it writes to, System.out for one");
        refuse("java/lang/AutoCloseable", Set.of("close"), "it could close System.out");
        refuse("java/util/Scanner", Set.of("<init>"), d -> !is("(Ljava/lang/String;)V", "(Ljava/lang/Readable;)V").test(d),
                "it reads a file or stream");
        refuse("java/util/Properties", Set.of("load", "store", "loadFromXML", "storeToXML"), "it reads or writes a file or stream");
        refuse("java/util/Base64$Encoder", Set.of("wrap"), "it writes to a stream");
        refuse("java/util/Base64$Decoder", Set.of("wrap"), "it reads a stream");
        refuse(PARALLEL_FLAG_OWNER, Set.of("stream", "intStream", "longStream", "doubleStream"), d -> true,
                "it makes a parallel stream, which runs on threads, unless its last argument is the constant false");
        refuse("java/lang/System", Set.of("exit"), "it ends the grading JVM");
        refuse("java/lang/System", Set.of("getenv", "getProperty", "getProperties", "setProperty", "setProperties",
                "clearProperty"), "the environment and system properties");
        refuse("java/lang/System", Set.of("setOut", "setErr", "setIn"), "it redirects the program's input or output");
        refuse("java/lang/System", Set.of("in", "console", "inheritedChannel"), "it reads the program's input");
        refuse("java/lang/System", Set.of("load", "loadLibrary", "mapLibraryName"), "it loads native code");
        refuse("java/lang/System", Set.of("runFinalization"), "finalizers run on the JVM's finaliser thread");
        for (String boxed : List.of("java/lang/Integer", "java/lang/Long", "java/lang/Boolean")) {
            refuse(boxed, Set.of("getInteger", "getLong", "getBoolean"), "it reads a system property");
        }
        // The grader keeps the digits' test part to itself: train and fit get the other two parts.
        // A backward pass or gradient handed in as the kit's centred differences passes checks of 1e-7 without being derived.
        refuse("dlkit/core/GradientCheck", Set.of("numericGradient"), NUMERIC_GRADIENT);
        refuse("dlkit/capstone/Digits", Set.of("load", "split"),
                "it loads the whole digits data set, the test part and its labels included; DigitClassifier.train is given"
                        + " the training and validation parts");
        loadEjmlMembers();
    }

    /**
     * EJML's refused members of the classes allowed, by name and descriptor on every owner: a
     * student class may extend an EJML one. Those of refused classes are refused with their class.
     */
    private static void loadEjmlMembers() {
        for (String[] m : ejmlMembers()) {
            String descriptor = m[2];
            if (classRefusal(m[0]).isPresent()) {
                continue;
            }
            MEMBERS.add(new Member(null, m[1]::equals, descriptor::equals, true, EJML_CATEGORIES.get(m[3])));
        }
    }

    /** The lines of {@link #EJML_MEMBERS_RESOURCE}: declaring class, name, descriptor, category. */
    static List<String[]> ejmlMembers() {
        try (InputStream in = AllowList.class.getResourceAsStream(EJML_MEMBERS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(EJML_MEMBERS_RESOURCE + " is missing from the grader");
            }
            List<String[]> members = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    members.add(line.trim().split(" "));
                }
            }
            return members;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Why a reference to class {@code owner} (internal name), or to its {@code member} if not
     * null, is refused; empty if it is allowed. Member rules that depend on the descriptor apply
     * only with {@link #refusal(String, String, String)}.
     */
    static Optional<String> refusal(String owner, String member) {
        return refusal(owner, member, null);
    }

    /** {@link #refusal(String, String)} for the member of that {@code descriptor} (null: any). */
    static Optional<String> refusal(String owner, String member, String descriptor) {
        String name = className(owner);
        if (name == null) {
            return Optional.empty(); // a primitive array
        }
        Optional<String> byClass = classRefusal(name);
        if (byClass.isPresent() || member == null) {
            return byClass;
        }
        if (name.equals("java/io/PrintStream") && !PRINT_ALLOWED.contains(member)) {
            return Optional.of("only printing is allowed on System.out and System.err");
        }
        Optional<String> byMember = memberRefusal(name, member, descriptor);
        if (byMember.isPresent()) {
            return byMember;
        }
        if (name.equals("java/lang/System") && !SYSTEM_ALLOWED.contains(member)) {
            return Optional.of("only System.out, System.err, arraycopy and the clocks are allowed");
        }
        if (name.equals("java/lang/Class") && !CLASS_ALLOWED.contains(member)) {
            return Optional.of("reflection");
        }
        return Optional.empty();
    }

    /**
     * Why the member {@code name} of that {@code descriptor} is refused on every owner, the
     * student's own classes included (they inherit from the JDK and EJML); empty if not.
     */
    static Optional<String> inheritedRefusal(String name, String descriptor) {
        return memberRefusal("", name, descriptor);
    }

    /** True if the refusal of that member comes from a rule that tells overloads apart, so the message names the parameters. */
    static boolean showsParameters(String owner, String member, String descriptor) {
        return memberRule(className(owner), member, descriptor).map(Member::showParameters).orElse(false);
    }

    private static Optional<String> memberRefusal(String owner, String member, String descriptor) {
        return memberRule(owner, member, descriptor).map(Member::reason);
    }

    private static Optional<Member> memberRule(String owner, String member, String descriptor) {
        return MEMBERS.stream().filter(m -> m.matches(owner, member, descriptor)).findFirst();
    }

    /** Why the class {@code name} (internal, no array) is refused whatever the member; empty if allowed. */
    static Optional<String> classRefusal(String name) {
        if (IO_ALLOWED.contains(name)) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> r : REFUSED.entrySet()) {
            String p = r.getKey();
            if (p.endsWith("/") ? name.startsWith(p) : name.equals(p) || name.startsWith(p + "$")) {
                return Optional.of(r.getValue());
            }
        }
        if (name.startsWith("java/lang/") && name.indexOf('/', "java/lang/".length()) < 0) {
            String simple = name.substring("java/lang/".length());
            String outer = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
            return JAVA_LANG.contains(outer) || outer.endsWith("Exception") || outer.endsWith("Error")
                    ? Optional.empty() : Optional.of("it is not on the list of classes the kit allows");
        }
        if (name.startsWith("java/util/concurrent/") && name.indexOf('/', "java/util/concurrent/".length()) < 0) {
            String simple = name.substring("java/util/concurrent/".length());
            String outer = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
            return CONCURRENT_ALLOWED.contains(outer) || outer.endsWith("Exception") ? Optional.empty()
                    : Optional.of("concurrency beyond atomics and concurrent collections, which the kit never needs");
        }
        if (name.startsWith("java/util/concurrent/") && !name.startsWith("java/util/concurrent/atomic/")) {
            return Optional.of("concurrency beyond atomics and concurrent collections, which the kit never needs");
        }
        if (name.startsWith("org/ejml/")) {
            if (name.contains("_MT_") || name.endsWith("_MT")) {
                return Optional.of("it runs on several threads (EJML's concurrent operations)");
            }
            return EJML_ALLOWED.stream().anyMatch(p -> p.endsWith("/") ? name.startsWith(p) : name.equals(p) || name.startsWith(p + "$"))
                    ? Optional.empty() : Optional.of("only EJML's matrix types and dense operations are allowed");
        }
        if (name.startsWith("java/util/") || name.startsWith("java/math/") || name.startsWith("java/text/")
                || name.startsWith("dlkit/") || BOOTSTRAPS.contains(name)) {
            return Optional.empty();
        }
        return Optional.of("it is not on the list of classes the kit allows");
    }

    /** The internal class name of {@code owner}, arrays stripped; null for a primitive (array). */
    private static String className(String owner) {
        String name = owner;
        while (name.startsWith("[")) {
            name = name.substring(1);
        }
        if (name.startsWith("L") && name.endsWith(";")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.length() == 1 ? null : name;
    }

    /** {@code System.exit}, {@code java.lang.reflect.Method}: how a reference reads in a message. */
    static String display(String owner, String member) {
        String name = owner.replaceAll("^\\[+L?|;$", "");
        String shown = name.startsWith("java/lang/") && name.indexOf('/', 10) < 0 ? name.substring(10) : name;
        shown = shown.replace('/', '.').replace('$', '.');
        return member == null ? shown : shown + "." + member;
    }

    /**
     * {@link #display(String, String)} with the parameter types, {@code new java.util.Formatter(String)}
     * for a constructor: for a refusal that depends on the overload.
     */
    static String display(String owner, String member, String descriptor) {
        StringBuilder parameters = new StringBuilder("(");
        for (Type t : Type.getArgumentTypes(descriptor)) {
            String simple = t.getClassName();
            simple = simple.substring(simple.lastIndexOf('.') + 1).replace('$', '.');
            parameters.append(parameters.length() > 1 ? ", " : "").append(simple);
        }
        parameters.append(')');
        return member.equals("<init>") ? "new " + display(owner, null) + parameters : display(owner, member) + parameters;
    }
}
