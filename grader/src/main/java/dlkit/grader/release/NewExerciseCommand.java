package dlkit.grader.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code new-exercise NAME}: writes the pieces of a new exercise where the conventions put them
 * (AUTHORING.md): the solution with a solution region, its public test, the hidden test on the
 * {@code dlkit.grader.api} Given/Check API, one known-wrong variant with its {@code mistake:} line
 * and the {@code Check.Known} that names it, and the exercise's entry in {@value Manifest#FILE}.
 * Everything compiles at once; until filled in, the public test fails with "fill in ...", and
 * {@code validate --exercise NAME} fails because the placeholder reference throws "fill in the
 * reference solution of NAME.apply" (the stub scores 0, as it must).
 */
@Command(name = "new-exercise", mixinStandardHelpOptions = true,
        description = {"Writes the pieces of a new exercise (solution, public test, hidden test, a variant, its entry in "
                + Manifest.FILE + ") for you to fill in; see AUTHORING.md.",
                "Exit code 0 when written, 2 for a usage error (a name that exists or is not a class name)."})
public final class NewExerciseCommand implements Callable<Integer> {

    /** A package of the kit: dlkit and one more lower-case part, which names the hidden tests' package too. */
    private static final Pattern PACKAGE = Pattern.compile("dlkit\\.[a-z][a-z0-9]*");

    @Parameters(paramLabel = "NAME", description = "the exercise's class name, such as Square")
    String name;

    @Option(names = "--package", paramLabel = "PACKAGE", description = "its package (default: ${DEFAULT-VALUE})")
    String packageName = "dlkit.layers";

    @Option(names = "--question", paramLabel = "N", description = "a question of the source list it serves (repeatable)")
    List<Integer> questions = new ArrayList<>();

    @Option(names = "--root", paramLabel = "DIR", description = "the kit's top folder, with solutions/ and grader/ (default: ${DEFAULT-VALUE})")
    Path root = Path.of(".");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        refuseBadNames();
        String topic = packageName.substring("dlkit.".length());
        String path = packageName.replace('.', '/') + "/" + name;
        Map<String, String> values = Map.of("{{Name}}", name, "{{package}}", packageName, "{{topic}}", topic, "{{path}}", path);
        Map<Path, String> pieces = Map.of(
                root.resolve("solutions/src/main/java/" + path + ".java"), "Solution.java",
                root.resolve("solutions/src/test/java/" + path + "Test.java"), "PublicTest.java",
                root.resolve("grader/src/main/java/dlkit/hidden/" + topic + "/" + name + "HiddenTest.java"), "HiddenTest.java",
                root.resolve("grader/src/main/resources/variants/" + name + "/returns-input.variant"), "returns-input.variant");
        for (Path file : pieces.keySet()) {
            if (Files.exists(file)) {
                throw new ParameterException(spec.commandLine(), file + " exists already; nothing written");
            }
        }
        for (Map.Entry<Path, String> piece : pieces.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            String text = ExerciseGenerator.resource("scaffold/" + piece.getValue() + ".template");
            for (Map.Entry<String, String> v : values.entrySet()) {
                text = text.replace(v.getKey(), v.getValue());
            }
            Files.createDirectories(piece.getKey().getParent());
            Files.writeString(piece.getKey(), text);
            spec.commandLine().getOut().println("wrote " + piece.getKey());
        }
        Path manifest = root.resolve(Manifest.FILE);
        String entry = "  " + name + ": {questions: [" + questions.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]}\n";
        String text = Files.readString(manifest);
        Files.writeString(manifest, text + (text.endsWith("\n") ? "" : "\n") + entry);
        spec.commandLine().getOut().println("added " + name + " to " + manifest);
        spec.commandLine().getOut().printf("Next: fill in the pieces (AUTHORING.md), then mvn -B verify, or quicker:%n"
                + "  mvn -B -q package -DskipTests && java -jar grader/target/dlkit-grader.jar validate --exercise %s%n", name);
        return 0;
    }

    private void refuseBadNames() throws IOException {
        if (name.contains("/") || name.contains("\\") || name.contains(".")) {
            throw new ParameterException(spec.commandLine(), "'" + name + "' is a path; give the class name alone, such as Square");
        }
        if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name) || !Character.isUpperCase(name.charAt(0))) {
            throw new ParameterException(spec.commandLine(), "'" + name
                    + "' is not a class name: letters and digits, starting with a capital letter, such as Square");
        }
        if (!PACKAGE.matcher(packageName).matches()) {
            throw new ParameterException(spec.commandLine(), "--package " + packageName
                    + " is not a package of the kit: dlkit and one lower-case part, such as dlkit.layers");
        }
        Path sources = root.resolve("solutions/src/main/java");
        if (!Files.isDirectory(sources) || !Files.isRegularFile(root.resolve(Manifest.FILE))) {
            throw new ParameterException(spec.commandLine(), root.toAbsolutePath().normalize()
                    + " is not the kit's top folder (no solutions/src/main/java or " + Manifest.FILE + "); pass --root DIR");
        }
        try (Stream<Path> s = Files.walk(sources)) {
            List<Path> same = s.filter(p -> p.getFileName().toString().equals(name + ".java")).toList();
            if (!same.isEmpty() || Manifest.read(root).exercises().containsKey(name)) {
                throw new ParameterException(spec.commandLine(), "the kit has a class named " + name
                        + (same.isEmpty() ? " in " + Manifest.FILE : " (" + sources.relativize(same.get(0)) + ")") + "; choose another name");
            }
        }
    }
}
