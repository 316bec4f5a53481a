package dlkit.grader.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Makes, from the EJML jars themselves, the list of EJML members a student may not call (see
 * {@link AllowList#EJML_MEMBERS_RESOURCE}), and checks the list in the grader is that one: a
 * new EJML version with a new file method fails here until the list is made again.
 *
 * <p>A member is listed if its descriptor mentions java.io or java.nio, or if, following EJML's
 * calls inside EJML (and pabeles, its thread pool), it reaches files (a file class, or a
 * {@code PrintStream}, {@code Formatter} or {@code Scanner} made from a file name), threads,
 * a window, a library outside EJML and the JDK, or writes a static field of EJML. Every EJML
 * class is listed, refused or not; {@link AllowList} applies the lines of the classes it allows
 * (on every owner, since a student class may extend one), the class rule refuses the others. Calls are followed to the method they name (or
 * the one it inherits), not to every override: the overrides a student can reach belong to
 * classes {@link AllowList} allows, whose own members are listed here in turn.
 *
 * <p>To make the list again: {@code mvn -o -pl grader test -Dtest=EjmlAuditTest -Ddlkit.policy.write=true}.
 */
class EjmlAuditTest {

    static final Path RESOURCE = Path.of("src/main/resources/dlkit/grader/policy", AllowList.EJML_MEMBERS_RESOURCE);

    record Method(String owner, String name, String descriptor) {}

    /** What the audit keeps of a class: its supertypes and methods, with each method's calls and direct faults. */
    static final class ClassInfo {
        String superName;
        List<String> interfaces = List.of();
        final Map<String, Integer> access = new HashMap<>();
        final Map<String, Set<Method>> calls = new HashMap<>();
        final Map<String, String> faults = new HashMap<>();
    }

    @Test
    void theCheckedInListIsTheOneTheEjmlJarsGive() throws IOException, URISyntaxException {
        String made = audit();
        if (Boolean.getBoolean("dlkit.policy.write")) {
            Files.writeString(RESOURCE, made);
        }
        assertThat(Files.readString(RESOURCE))
                .as("the EJML members refused; make the list again as EjmlAuditTest's comment says").isEqualTo(made);
    }

    @Test
    void theListHoldsTheFileMethodsAndNoEverydayOne() throws IOException, URISyntaxException {
        List<String> lines = List.of(audit().split("\n"));
        assertThat(lines).contains(
                "org/ejml/ops/MatrixIO saveDenseCSV (Lorg/ejml/data/DMatrix;Ljava/lang/String;)V files",
                "org/ejml/ops/MatrixIO loadCSV (Ljava/lang/String;Z)Lorg/ejml/data/DMatrix; files",
                "org/ejml/ops/MatrixIO saveMatlab (Lorg/ejml/data/Matrix;Ljava/lang/String;)V outside",
                "org/ejml/dense/row/DMatrixVisualization show (Lorg/ejml/data/DMatrixD1;Ljava/lang/String;)V window",
                "org/ejml/concurrency/EjmlConcurrency setMaxThreads (I)V settings");
        assertThat(lines).anyMatch(l -> l.startsWith("org/ejml/dense/row/CommonOps_MT_DDRM mult ") && l.endsWith(" threads"));
        // What the kit uses is clean: none of the classes it allows has a member here today.
        assertThat(lines).filteredOn(l -> !l.startsWith("#"))
                .noneMatch(l -> AllowList.classRefusal(l.substring(0, l.indexOf(' '))).isEmpty());
    }

    static String audit() throws IOException, URISyntaxException {
        Map<String, ClassInfo> classes = new HashMap<>();
        for (Class<?> inJar : List.of(DMatrixRMaj.class, CommonOps_DDRM.class)) {
            Path jar = Path.of(inJar.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (var entry : Collections.list(zip.entries())) {
                    if (entry.getName().endsWith(".class") && !entry.getName().contains("module-info")) {
                        read(zip.getInputStream(entry).readAllBytes(), classes);
                    }
                }
            }
        }
        // Faults travel backwards along calls until nothing changes.
        Map<Method, String> fault = new HashMap<>();
        Map<Method, Set<Method>> callers = new HashMap<>();
        classes.forEach((owner, c) -> c.access.keySet().forEach(nameAndDescriptor -> {
            Method m = method(owner, nameAndDescriptor);
            String f = c.faults.get(nameAndDescriptor);
            if (f != null) {
                fault.put(m, f);
            }
            for (Method callee : c.calls.getOrDefault(nameAndDescriptor, Set.of())) {
                Method target = resolve(callee, classes);
                if (target != null) {
                    callers.computeIfAbsent(target, k -> new HashSet<>()).add(m);
                }
            }
        }));
        Deque<Method> todo = new ArrayDeque<>(fault.keySet());
        while (!todo.isEmpty()) {
            Method m = todo.pop();
            for (Method caller : callers.getOrDefault(m, Set.of())) {
                if (!fault.containsKey(caller)) {
                    fault.put(caller, fault.get(m));
                    todo.push(caller);
                }
            }
        }
        Set<String> lines = new TreeSet<>();
        classes.forEach((owner, c) -> c.access.forEach((nameAndDescriptor, access) -> {
            Method m = method(owner, nameAndDescriptor);
            String descriptor = m.descriptor();
            String f = descriptor.contains("Ljava/io/") || descriptor.contains("Ljava/nio/") ? "streams" : fault.get(m);
            if (f != null && (access & Opcodes.ACC_PRIVATE) == 0 && !m.name().equals("<clinit>")
                    ) {
                lines.add(owner + " " + m.name() + " " + descriptor + " " + f);
            }
        }));
        StringBuilder out = new StringBuilder("# EJML members refused to students, made by EjmlAuditTest from the EJML jars:\n"
                + "# declaring class, name, descriptor, why (see AllowList.EJML_CATEGORIES). Do not edit by hand.\n");
        lines.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    private static Method method(String owner, String nameAndDescriptor) {
        int paren = nameAndDescriptor.indexOf('(');
        return new Method(owner, nameAndDescriptor.substring(0, paren), nameAndDescriptor.substring(paren));
    }

    /** The method a call names, or the one its class inherits; null outside EJML or abstract. */
    private static Method resolve(Method call, Map<String, ClassInfo> classes) {
        ClassInfo c = classes.get(call.owner());
        if (c == null) {
            return null;
        }
        Integer access = c.access.get(call.name() + call.descriptor());
        if (access != null) {
            return (access & Opcodes.ACC_ABSTRACT) != 0 ? null : call;
        }
        List<String> supertypes = new ArrayList<>(c.interfaces);
        if (c.superName != null) {
            supertypes.add(0, c.superName);
        }
        for (String s : supertypes) {
            Method found = resolve(new Method(s, call.name(), call.descriptor()), classes);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static void read(byte[] bytes, Map<String, ClassInfo> classes) {
        ClassReader reader = new ClassReader(bytes);
        ClassInfo info = new ClassInfo();
        String owner = reader.getClassName();
        classes.put(owner, info);
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                info.superName = superName;
                info.interfaces = List.of(interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                String key = name + descriptor;
                info.access.put(key, access);
                Set<Method> calls = info.calls.computeIfAbsent(key, k -> new HashSet<>());
                return new MethodVisitor(Opcodes.ASM9) {
                    void fault(String f) {
                        info.faults.putIfAbsent(key, f);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String callOwner, String callName, String callDescriptor, boolean isInterface) {
                        calls.add(new Method(callOwner, callName, callDescriptor));
                        String f = jdkFault(callOwner, callName, callDescriptor);
                        if (f != null) {
                            fault(f);
                        }
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        String f = jdkFault(type, "", "()V");
                        if (f != null) {
                            fault(f);
                        }
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String fieldOwner, String fieldName, String fieldDescriptor) {
                        if (opcode == Opcodes.PUTSTATIC && !name.equals("<clinit>")
                                && (fieldOwner.startsWith("org/ejml/") || fieldOwner.startsWith("pabeles/"))) {
                            fault("settings");
                        }
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String indyName, String indyDescriptor, Handle bootstrap, Object... arguments) {
                        for (Object a : arguments) {
                            if (a instanceof Handle h) {
                                calls.add(new Method(h.getOwner(), h.getName(), h.getDesc()));
                            }
                        }
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
    }

    /** What a reference from EJML to the JDK does that a student may not: null if nothing. */
    private static String jdkFault(String owner, String name, String descriptor) {
        boolean fromFileName = descriptor.startsWith("(Ljava/lang/String;") || descriptor.startsWith("(Ljava/io/File;");
        if (owner.startsWith("java/io/File") || owner.startsWith("java/io/RandomAccessFile") || owner.startsWith("java/nio/file/")
                || owner.startsWith("java/nio/channels/") || owner.startsWith("java/util/zip/")
                || name.equals("<init>") && fromFileName && List.of("java/io/PrintStream", "java/io/PrintWriter",
                "java/util/Formatter", "java/util/Scanner").contains(owner)) {
            return "files";
        }
        if (owner.startsWith("java/lang/Thread") || owner.startsWith("java/util/concurrent/")
                && AllowList.classRefusal(owner).isPresent() || name.startsWith("parallel")) {
            return "threads";
        }
        if (owner.startsWith("java/awt/") || owner.startsWith("javax/swing/")) {
            return "window";
        }
        if (!owner.startsWith("java/") && !owner.startsWith("org/ejml/") && !owner.startsWith("pabeles/") && !owner.startsWith("[")) {
            return "outside"; // MatrixIO's Matlab files go through a library the kit does not ship
        }
        return null;
    }
}
