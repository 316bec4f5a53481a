package dlkit.grader.release;

import java.util.List;
import java.util.stream.Collectors;

/** Fills the student README's exercise table. */
final class StudentReadme {

    static final String TABLE = "{{EXERCISES}}";

    private StudentReadme() {}

    static String render(String template, List<Exercise> exercises) {
        StringBuilder table = new StringBuilder("| file to complete | methods | check it with | points |\n|---|---|---|---|\n");
        for (Exercise e : exercises) {
            table.append("| `src/main/java/").append(e.file()).append("` | ")
                    .append(e.methods().stream().map(m -> "`" + m + "`").collect(Collectors.joining(", ")))
                    .append(" | `mvn ").append(e.testGoal()).append("` | ").append(points(e.points())).append(" |\n");
        }
        return template.replace(TABLE, table.toString().strip());
    }

    static String points(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
}
