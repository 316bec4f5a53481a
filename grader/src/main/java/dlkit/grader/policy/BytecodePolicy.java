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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;

/**
 * Reads compiled student classes with ASM and lists what breaks the kit's rules (see
 * {@link AllowList}), per exercise file, each as {@code Adam.java:42: System.exit is not allowed
 * (it ends the grading JVM)}. A student file may also not define a class of the given code or of
 * another exercise, which would replace it at run time; nor declare {@code finalize()}, hold a
 * {@code synchronized} block, set a static field of a class not its own, or refer to a dlkit
 * class beyond the given code and the exercises. Method references and annotations are checked
 * as calls and types are. {@code StreamSupport}'s methods pass where their {@code parallel}
 * argument is the constant false, pushed just before the call.
 */
public final class BytecodePolicy {

    /** At most this many problems are reported per file. */
    static final int SHOWN = 5;

    private final List<Exercise> exercises;
    private final Path givenClasses;
    private final Map<String, Boolean> kitClasses = new ConcurrentHashMap<>();

    /** @param givenClasses the folder of given classes, which student classes may not redefine */
    public BytecodePolicy(List<Exercise> exercises, Path givenClasses) {
        this.exercises = exercises;
        this.givenClasses = givenClasses;
    }

    /** The problems in the classes below {@code classes}, by exercise file; empty if all is allowed. */
    public Map<String, List<String>> check(Path classes) throws IOException {
        return check(classes, SHOWN);
    }

    /** {@link #check(Path)} with at most {@code shown} problems per file. */
    Map<String, List<String>> check(Path classes, int shown) throws IOException {
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
            Checker checker = new Checker(own, this::isKitClass);
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
                result.put(file, list.stream().limit(shown).toList());
            }
        });
        return result;
    }

    /**
     * True if {@code internal} (a dlkit class) is part of the kit a student compiles against: the
     * given code or an exercise. The test JVM holds more of dlkit (the public tests, their
     * helpers), which a student file has no business with.
     */
    private boolean isKitClass(String internal) {
        return kitClasses.computeIfAbsent(internal, name -> Files.exists(givenClasses.resolve(name + ".class"))
                || exercises.stream().anyMatch(e -> e.ownsClassFile(name + ".class")));
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
        Checker checker = new Checker(Set.of(), name -> true);
        new ClassReader(classFile).accept(checker, ClassReader.SKIP_FRAMES);
        return checker.seen;
    }

    /** Collects the refused references of one class, with the source line where there is one. */
    private static final class Checker extends ClassVisitor {
        final Set<String> own;
        final Predicate<String> kitClass;
        final Set<String> seen = new java.util.HashSet<>();
        final List<String> problems = new ArrayList<>();
        String sourceFile;
        /** The internal name of the class being read. */
        String className = "";
        int line;

        Checker(Set<String> own, Predicate<String> kitClass) {
            super(Opcodes.ASM9);
            this.own = own;
            this.kitClass = kitClass;
        }

        void use(String owner, String member) {
            use(owner, member, null);
        }

        /**
         * A reference to {@code owner}, or to its {@code member} of that {@code descriptor} (a
         * method's, or null): on the student's own classes, only the members refused on every owner.
         */
        void use(String owner, String member, String descriptor) {
            if (owner == null) {
                return;
            }
            String name = owner.replaceAll("^\\[+L?|;$", "");
            seen.add(name);
            if (member != null && topLevel(name).equals(AllowList.NUMERIC_GRADIENT_EXERCISE)
                    && !topLevel(className).equals(AllowList.NUMERIC_GRADIENT_EXERCISE)) {
                refuse(AllowList.display(owner, member) + " is not allowed outside NumericalGradient.java ("
                        + AllowList.NUMERIC_GRADIENT + ")");
                return;
            }
            Optional<String> refusal = own.contains(name)
                    ? (member != null && descriptor != null ? AllowList.inheritedRefusal(member, descriptor) : Optional.empty())
                    : AllowList.refusal(owner, member, descriptor);
            if (refusal.isEmpty() && name.startsWith("dlkit/") && !own.contains(name) && !kitClass.test(name)) {
                refusal = Optional.of("it is not part of the kit's given code");
            }
            refusal.ifPresent(reason -> refuse((member != null && descriptor != null
                    && (own.contains(name) || AllowList.showsParameters(owner, member, descriptor))
                    ? AllowList.display(owner, member, descriptor) : AllowList.display(owner, member))
                    + " is not allowed (" + reason + ")"));
        }

        /** {@code a/B$C} without its nested part: {@code a/B}. */
        static String topLevel(String internal) {
            int nested = internal.indexOf('$');
            return nested < 0 ? internal : internal.substring(0, nested);
        }

        void refuse(String what) {
            problems.add((line > 0 ? ":" + line : "") + ": " + what);
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
                // A method reference: refused as a call to the same member would be.
                use(h.getOwner(), h.getName(), h.getTag() <= Opcodes.H_PUTSTATIC ? null : h.getDesc());
            } else if (value instanceof ConstantDynamic) {
                refuse("a dynamic constant is not allowed (method handles)");
            }
        }

        /** Annotations name classes too, in their type and their values. */
        AnnotationVisitor annotation(String descriptor) {
            useType(Type.getType(descriptor));
            return new AnnotationVisitor(Opcodes.ASM9) {
                @Override
                public void visit(String name, Object value) {
                    useConstant(value);
                }

                @Override
                public void visitEnum(String name, String enumDescriptor, String value) {
                    useType(Type.getType(enumDescriptor));
                }

                @Override
                public AnnotationVisitor visitAnnotation(String name, String nested) {
                    return annotation(nested);
                }

                @Override
                public AnnotationVisitor visitArray(String name) {
                    return this;
                }
            };
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
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
        public void visitNestHost(String nestHost) {
            use(nestHost, null);
        }

        @Override
        public void visitNestMember(String nestMember) {
            use(nestMember, null);
        }

        @Override
        public void visitOuterClass(String owner, String name, String descriptor) {
            use(owner, null);
        }

        @Override
        public void visitPermittedSubclass(String permittedSubclass) {
            use(permittedSubclass, null);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return annotation(descriptor);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String descriptor, boolean visible) {
            return annotation(descriptor);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            line = 0;
            useType(Type.getType(descriptor));
            return new FieldVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    return annotation(annotation);
                }
            };
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
                /** True just after a constant false (iconst_0), with no jump target in between. */
                boolean afterFalse;
                /** A finalize() to refuse, at its first line. */
                boolean finalizer = name.equals("finalize") && descriptor.equals("()V");

                @Override
                public void visitLineNumber(int number, Label start) {
                    line = number;
                    refuseFinalizer();
                }

                @Override
                public void visitEnd() {
                    refuseFinalizer();
                }

                void refuseFinalizer() {
                    if (finalizer) {
                        finalizer = false;
                        refuse("a finalize() method is not allowed (it runs on the JVM's finaliser thread, after the test)");
                    }
                }

                @Override
                public void visitLabel(Label label) {
                    afterFalse = false;
                }

                @Override
                public void visitInsn(int opcode) {
                    if (opcode == Opcodes.MONITORENTER) {
                        refuse("a synchronized block is not allowed (the kit runs on one thread, and a lock held"
                                + " on a shared object such as System.out stalls the grader)");
                    }
                    afterFalse = opcode == Opcodes.ICONST_0;
                }

                @Override
                public void visitIntInsn(int opcode, int operand) {
                    afterFalse = false;
                }

                @Override
                public void visitVarInsn(int opcode, int varIndex) {
                    afterFalse = false;
                }

                @Override
                public void visitJumpInsn(int opcode, Label label) {
                    afterFalse = false;
                }

                @Override
                public void visitIincInsn(int varIndex, int increment) {
                    afterFalse = false;
                }

                @Override
                public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                    afterFalse = false;
                }

                @Override
                public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                    afterFalse = false;
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    afterFalse = false;
                    use(type, null);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                    afterFalse = false;
                    use(owner, name);
                    useType(Type.getType(descriptor));
                    if (opcode == Opcodes.PUTSTATIC && !own.contains(owner)) {
                        refuse(AllowList.display(owner, name) + " may not be set (a static field of a library is"
                                + " shared with the grader's own code)");
                    }
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                    boolean parallelIsFalse = afterFalse && owner.equals(AllowList.PARALLEL_FLAG_OWNER)
                            && descriptor.contains("Z)");
                    afterFalse = false;
                    if (!parallelIsFalse) {
                        use(owner, name, descriptor);
                    }
                    useType(Type.getMethodType(descriptor));
                }

                @Override
                public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                    afterFalse = false;
                    if (!AllowList.BOOTSTRAPS.contains(bootstrap.getOwner())) {
                        refuse("invokedynamic with " + AllowList.display(bootstrap.getOwner(), bootstrap.getName())
                                + " is not allowed (method handles)");
                    }
                    useType(Type.getMethodType(descriptor));
                    for (Object a : arguments) {
                        useConstant(a);
                    }
                }

                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    return annotation(annotation);
                }

                @Override
                public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
                    return annotation(annotation);
                }

                @Override
                public void visitLdcInsn(Object value) {
                    afterFalse = false;
                    useConstant(value);
                }

                @Override
                public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
                    afterFalse = false;
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
