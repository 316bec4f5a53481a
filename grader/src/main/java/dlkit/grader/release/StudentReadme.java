package dlkit.grader.release;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Fills the student README's exercise table from the stubs the generator made. */
final class StudentReadme {

    static final String TABLE = "{{EXERCISES}}";

    private StudentReadme() {}

    static String render(String template, List<ExerciseGenerator.Stub> stubs) {
        Map<String, List<ExerciseGenerator.Stub>> byFile = new LinkedHashMap<>();
        for (ExerciseGenerator.Stub stub : stubs) {
            byFile.computeIfAbsent(stub.file(), f -> new java.util.ArrayList<>()).add(stub);
        }
        StringBuilder table = new StringBuilder("| file to complete | methods | check it with |\n|---|---|---|\n");
        byFile.forEach((file, list) -> {
            String className = list.get(0).className();
            String pkg = file.contains("/") ? file.substring(0, file.lastIndexOf('/')).replace('/', '.') + "." : "";
            table.append("| `src/main/java/").append(file).append("` | ")
                    .append(list.stream().map(s -> "`" + s.method() + "`").distinct().collect(Collectors.joining(", ")))
                    .append(" | `mvn test -Dtest=").append(pkg).append(className).append("Test` |\n");
        });
        return template.replace(TABLE, table.toString().strip());
    }
}
