package dlkit.grader.release;

import java.util.List;
import java.util.stream.Collectors;

/** Fills the student README's exercise table. */
final class StudentReadme {

    static final String TABLE = "{{EXERCISES}}";

    private StudentReadme() {}

    static String render(String template, List<Exercise> exercises) {
        return render(template, exercises, List.of());
    }

    /** @param alsoNeeded exercises of other assignments whose stubs this kit holds because its code needs them */
    static String render(String template, List<Exercise> exercises, List<Exercise> alsoNeeded) {
        StringBuilder table = new StringBuilder("| file to complete | methods | check it with | points |\n|---|---|---|---|\n");
        for (Exercise e : exercises) {
            table.append("| `src/main/java/").append(e.file()).append("` | ")
                    .append(e.methods().stream().map(m -> "`" + m + "`").collect(Collectors.joining(", ")))
                    .append(" | `mvn ").append(e.testGoal()).append("` | ").append(points(e.points())).append(" |\n");
        }
        if (!alsoNeeded.isEmpty()) {
            table.append("\nThis assignment's code also uses ").append(alsoNeeded.stream()
                            .map(e -> "`src/main/java/" + e.file() + "`").collect(Collectors.joining(", ")))
                    .append(", from another assignment and not graded in this one: the kit holds their stubs; copy in your own"
                            + " if you have written them, so the tests that use them can pass.\n");
        }
        return template.replace(TABLE, table.toString().strip());
    }

    static String points(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
}
