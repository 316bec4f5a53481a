package dlkit.grader.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What student bytecode may refer to: arithmetic, strings, boxing, exceptions, printing,
 * {@code java.util} collections, streams and random generators, EJML and the kit's own classes.
 * Everything else is refused, and the dangerous families with a plain reason: reflection, class
 * loaders, method handles, threads and executors, processes and {@code System.exit}, files,
 * the network, the environment and system properties, JDK internals such as {@code Unsafe}.
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
        REFUSED.put("java/lang/Module", "reflection");
        REFUSED.put("java/lang/ModuleLayer", "reflection");
        REFUSED.put("java/lang/Package", "reflection");
        REFUSED.put("java/lang/StackWalker", "reflection");
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
        REFUSED.put("java/util/concurrent/CompletableFuture", "threads and executors");
        REFUSED.put("java/util/concurrent/ThreadFactory", "threads and executors");
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
    }

    /** Classes of java.io allowed despite the package rule: printing goes through PrintStream. */
    private static final Set<String> IO_ALLOWED = Set.of("java/io/PrintStream", "java/io/Serializable");

    private static final Set<String> JAVA_LANG = Set.of(
            "Object", "String", "StringBuilder", "StringBuffer", "Math", "StrictMath", "Number",
            "Integer", "Long", "Double", "Float", "Short", "Byte", "Character", "Boolean", "Void",
            "CharSequence", "Comparable", "Iterable", "AutoCloseable", "Appendable", "Cloneable", "Runnable",
            "Record", "Enum", "Throwable", "StackTraceElement", "System", "Class",
            "Override", "Deprecated", "SuppressWarnings", "FunctionalInterface", "SafeVarargs");

    private static final Set<String> SYSTEM_ALLOWED = Set.of(
            "out", "err", "arraycopy", "nanoTime", "currentTimeMillis", "identityHashCode", "lineSeparator");
    private static final Set<String> CLASS_ALLOWED = Set.of(
            "getName", "getSimpleName", "getTypeName", "isInstance", "cast", "desiredAssertionStatus",
            "isArray", "getComponentType", "hashCode", "equals", "toString");
    private static final Set<String> PRINT_ALLOWED = Set.of("print", "println", "printf", "format", "flush", "append");

    /** Bootstrap methods javac itself emits for lambdas, string concatenation and records. */
    static final Set<String> BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory", "java/lang/invoke/StringConcatFactory", "java/lang/runtime/ObjectMethods");

    /**
     * Why a reference to class {@code owner} (internal name), or to its {@code member} if not
     * null, is refused; empty if it is allowed.
     */
    static Optional<String> refusal(String owner, String member) {
        String name = owner;
        while (name.startsWith("[")) {
            name = name.substring(1);
        }
        if (name.startsWith("L") && name.endsWith(";")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.length() == 1) {
            return Optional.empty(); // a primitive array
        }
        if (member != null && member.startsWith("parallel") && name.startsWith("java/util/")) {
            return Optional.of("parallel streams and sorts (they run on threads)");
        }
        if (IO_ALLOWED.contains(name)) {
            return member == null || !name.equals("java/io/PrintStream") || PRINT_ALLOWED.contains(member)
                    ? Optional.empty() : Optional.of("only printing is allowed on System.out and System.err");
        }
        for (Map.Entry<String, String> r : REFUSED.entrySet()) {
            String p = r.getKey();
            if (p.endsWith("/") ? name.startsWith(p) : name.equals(p) || name.startsWith(p + "$")) {
                return Optional.of(r.getValue());
            }
        }
        if (name.equals("java/lang/System") && member != null && !SYSTEM_ALLOWED.contains(member)) {
            return Optional.of(switch (member) {
                case "exit" -> "it ends the grading JVM";
                case "getenv", "getProperty", "getProperties", "setProperty", "setProperties", "clearProperty" ->
                        "the environment and system properties";
                case "setOut", "setErr", "setIn" -> "it redirects the program's input or output";
                default -> "only System.out, System.err, arraycopy and the clocks are allowed";
            });
        }
        if (name.equals("java/lang/Class") && member != null && !CLASS_ALLOWED.contains(member)) {
            return Optional.of("reflection");
        }
        if (member != null && (member.equals("getInteger") || member.equals("getLong") || member.equals("getBoolean"))
                && (name.equals("java/lang/Integer") || name.equals("java/lang/Long") || name.equals("java/lang/Boolean"))) {
            return Optional.of("it reads a system property");
        }
        if (name.startsWith("java/lang/") && name.indexOf('/', "java/lang/".length()) < 0) {
            String simple = name.substring("java/lang/".length());
            String outer = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
            if (JAVA_LANG.contains(outer) || outer.endsWith("Exception") || outer.endsWith("Error")) {
                return Optional.empty();
            }
        }
        if (name.startsWith("java/util/") || name.startsWith("java/math/") || name.startsWith("java/text/")
                || name.startsWith("org/ejml/") || name.startsWith("dlkit/") || BOOTSTRAPS.contains(name)) {
            return Optional.empty();
        }
        return Optional.of("it is not on the list of classes the kit allows");
    }

    /** {@code System.exit}, {@code java.lang.reflect.Method}: how a reference reads in a message. */
    static String display(String owner, String member) {
        String name = owner.replaceAll("^\\[+L?|;$", "");
        String shown = name.startsWith("java/lang/") && name.indexOf('/', 10) < 0 ? name.substring(10) : name;
        shown = shown.replace('/', '.').replace('$', '.');
        return member == null ? shown : shown + "." + member;
    }
}
