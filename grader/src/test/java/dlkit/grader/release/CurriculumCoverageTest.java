package dlkit.grader.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The README's coverage table maps every question of the source list to graded work that exists. */
class CurriculumCoverageTest {

    /** The source list's 35 questions: 1-21, 23, 25, 28-31, and eight unnumbered ones counted 32-39. */
    static final Set<Integer> QUESTIONS = IntStream.rangeClosed(1, 39)
            .filter(q -> q != 22 && q != 24 && q != 26 && q != 27)
            .boxed().collect(Collectors.toCollection(TreeSet::new));

    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| [^|]+ \\| (.+) \\|$");
    private static final Pattern NAME = Pattern.compile("`([A-Za-z0-9]+)(?:\\.(\\w+))?`");

    @Test
    void everyQuestionHasGradedWorkThatExists() throws IOException {
        Map<Integer, List<String[]>> table = coverageTable();
        assertThat(QUESTIONS).hasSize(35);
        assertThat(table.keySet()).as("questions in the README's coverage table").containsExactlyElementsOf(QUESTIONS);

        List<ExerciseGenerator.Stub> stubs = ExercisesInSyncTest.stubs(ExercisesInSyncTest.ROOT.resolve("solutions"));
        Set<String> exercises = stubs.stream().map(ExerciseGenerator.Stub::className).collect(Collectors.toSet());
        Set<String> methods = stubs.stream().map(ExerciseGenerator.Stub::qualifiedMethod).collect(Collectors.toSet());
        Set<String> named = new TreeSet<>();
        table.forEach((q, names) -> {
            assertThat(names).as("graded work of question " + q).isNotEmpty();
            for (String[] name : names) {
                assertThat(exercises).as("question " + q + " names " + name[0]).contains(name[0]);
                if (name[1] != null) {
                    assertThat(methods).as("question " + q + " names a method").contains(name[0] + "." + name[1]);
                }
                named.add(name[0]);
            }
        });
        assertThat(named).as("exercises in the coverage table").containsAll(exercises);
    }

    @Test
    void everyQuizItemIsInTheTable() throws IOException {
        Set<String> quizInTable = new TreeSet<>();
        coverageTable().values().forEach(names -> names.stream()
                .filter(n -> n[1] != null).forEach(n -> quizInTable.add(n[0] + "." + n[1])));
        Set<String> quizMethods = ExercisesInSyncTest.stubs(ExercisesInSyncTest.ROOT.resolve("solutions")).stream()
                .filter(s -> s.className().equals("QuizAnswers")).map(ExerciseGenerator.Stub::qualifiedMethod)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(quizMethods).isNotEmpty();
        assertThat(quizInTable).containsAll(quizMethods);
    }

    /** Question number to the names in its "graded work" cell: {class, method or null}. */
    static Map<Integer, List<String[]>> coverageTable() throws IOException {
        String readme = Files.readString(ExercisesInSyncTest.ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Curriculum coverage"));
        Map<Integer, List<String[]>> table = new LinkedHashMap<>();
        for (String line : section.split("\n")) {
            Matcher row = ROW.matcher(line.trim());
            if (row.matches()) {
                List<String[]> names = new ArrayList<>();
                Matcher name = NAME.matcher(row.group(2));
                while (name.find()) {
                    names.add(new String[] {name.group(1), name.group(2)});
                }
                table.put(Integer.parseInt(row.group(1)), names);
            }
        }
        return table;
    }
}
