package dlkit.grader.policy;

import dlkit.grader.kit.Exercise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads compiled student classes with ASM and lists what breaks the kit's rules (see
 * {@link AllowList}), per exercise file, each as {@code Adam.java:42: System.exit is not allowed
 * (it ends the grading JVM)}. A student file may also not define a class of the given code or of
 * another exercise, which would replace it at run time.
 */
public final class BytecodePolicy {

    /** At most this many problems are reported per file. */
    static final int SHOWN = 5;

    private final List<Exercise> exercises;
    private final Path givenClasses;

    /** @param givenClasses the folder of given classes, which student classes may not redefine */
    public BytecodePolicy(List<Exercise> exercises, Path givenClasses) {
        this.exercises = exercises;
        this.givenClasses = givenClasses;
    }

    /** The problems in the classes below {@code classes}, by exercise file; empty if all is allowed. */
    public Map<String, List<String>> check(Path classes) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes)) {
            files = s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        Set<String> own = new java.util.HashSet<>();
        for (Path f : files) {
            String rel = classes.relativize(f).toString().replace('\\', '/');
            own.add(rel.substring(0, rel.length() - ".class".length()));
        }
        Map<String, Set<String>> problems = new TreeMap<>();
        for (Path f : files) {
            ClassReader reader = new ClassReader(Files.readAllBytes(f));
            Checker checker = new Checker(own);
            reader.accept(checker, ClassReader.SKIP_FRAMES);
            String internal = reader.getClassName();
            String pkg = internal.contains("/") ? internal.substring(0, internal.lastIndexOf('/') + 1) : "";
            String exercise = pkg + (checker.sourceFile == null ? internal.substring(pkg.length()) + ".java" : checker.sourceFile);
            Set<String> list = problems.computeIfAbsent(exercise, k -> new LinkedHashSet<>());
            String shortName = exercise.substring(exercise.lastIndexOf('/') + 1);
            redefinition(internal, exercise).ifPresent(m -> list.add(shortName + ": " + m));
            for (String p : checker.problems) {
                list.add(shortName + p);
            }
        }
        Map<String, List<String>> result = new TreeMap<>();
        problems.forEach((file, list) -> {
            if (!list.isEmpty()) {
                result.put(file, list.stream().limit(SHOWN).toList());
            }
        });
        return result;
    }

    private Optional<String> redefinition(String internal, String sourceFile) {
        for (Exercise e : exercises) {
            if (e.ownsClassFile(internal + ".class")) {
                return e.file().equals(sourceFile) ? Optional.empty()
                        : Optional.of("defines " + internal.replace('/', '.') + ", which belongs to " + e.file());
            }
        }
        if (Files.exists(givenClasses.resolve(internal + ".class"))) {
            return Optional.of("defines " + internal.replace('/', '.').replace('$', '.')
                    + ", a class of the given code; rename your class");
        }
        return Optional.empty();
    }

    /**
     * Every class a compiled class refers to (internal names, arrays stripped): superclasses,
     * members used, types in signatures and constants.
     */
    public static Set<String> referencedClasses(byte[] classFile) {
        Checker checker = new Checker(Set.of());
        new ClassReader(classFile).accept(checker, ClassReader.SKIP_FRAMES);
        return checker.seen;
    }

    /** Collects the refused references of one class, with the source line where there is one. */
    private static final class Checker extends ClassVisitor {
        final Set<String> own;
        final Set<String> seen = new java.util.HashSet<>();
        final List<String> problems = new ArrayList<>();
        String sourceFile;
        int line;

        Checker(Set<String> own) {
            super(Opcodes.ASM9);
            this.own = own;
        }

        void use(String owner, String member) {
            if (owner == null) {
                return;
            }
            String name = owner.replaceAll("^\\[+L?|;$", "");
            seen.add(name);
            if (own.contains(name)) {
                return;
            }
            AllowList.refusal(owner, member).ifPresent(reason -> problems.add(
                    (line > 0 ? ":" + line : "") + ": " + AllowList.display(owner, member) + " is not allowed (" + reason + ")"));
        }

        void useType(Type type) {
            switch (type.getSort()) {
                case Type.ARRAY -> useType(type.getElementType());
                case Type.OBJECT -> use(type.getInternalName(), null);
                case Type.METHOD -> {
                    useType(type.getReturnType());
                    for (Type t : type.getArgumentTypes()) {
                        useType(t);
                    }
                }
                default -> { }
            }
        }

        void useConstant(Object value) {
            if (value instanceof Type t) {
                useType(t);
            } else if (value instanceof Handle h) {
                use(h.getOwner(), h.getName());
            } else if (value instanceof ConstantDynamic) {
                problems.add((line > 0 ? ":" + line : "") + ": a dynamic constant is not allowed (method handles)");
            }
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            use(superName, null);
            for (String i : interfaces) {
                use(i, null);
            }
        }

        @Override
        public void visitSource(String source, String debug) {
            sourceFile = source;
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            line = 0;
            useType(Type.getType(descriptor));
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            line = 0;
            useType(Type.getMethodType(descriptor));
            if (exceptions != null) {
                for (String e : exceptions) {
                    use(e, null);
                }
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitLineNumber(int number, Label start) {
                    line = number;
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    use(type, null);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                    use(owner, name);
                    useType(Type.getType(descriptor));
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                    use(owner, name);
                    useType(Type.getMethodType(descriptor));
                }

                @Override
                public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                    if (!AllowList.BOOTSTRAPS.contains(bootstrap.getOwner())) {
                        problems.add((line > 0 ? ":" + line : "") + ": invokedynamic with "
                                + AllowList.display(bootstrap.getOwner(), bootstrap.getName()) + " is not allowed (method handles)");
                    }
                    useType(Type.getMethodType(descriptor));
                    for (Object a : arguments) {
                        useConstant(a);
                    }
                }

                @Override
                public void visitLdcInsn(Object value) {
                    useConstant(value);
                }

                @Override
                public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
                    useType(Type.getType(descriptor));
                }

                @Override
                public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                    use(type, null);
                }
            };
        }
    }
}
