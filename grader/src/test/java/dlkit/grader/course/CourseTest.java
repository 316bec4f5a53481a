package dlkit.grader.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.kit.TestCatalog;
import dlkit.grader.report.Visibility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The course file: the sample as shipped, and each kind of mistake an instructor makes in one, named by line and field. */
class CourseTest {

    static final Path SAMPLE = Path.of("..", "course.yaml");
    static final List<Exercise> KIT = Kit.packagedExercises();
    static final Map<String, Double> HIDDEN = TestCatalog.ofGrader().pointsByExercise();

    @TempDir
    Path tmp;

    @Test
    void theSampleHoldsEveryExerciseOfTheKitOnceInFiveWeeks() throws Exception {
        Course course = Course.read(SAMPLE, KIT, HIDDEN);
        assertThat(course.assignments()).extracting(Assignment::name).containsExactly("week1", "week2", "week3", "week4", "week5");
        Set<String> all = new LinkedHashSet<>();
        course.assignments().forEach(a -> all.addAll(a.exercises()));
        assertThat(all).as("every exercise of the kit is in one assignment of the sample course.yaml (add new ones there)")
                .containsExactlyInAnyOrderElementsOf(KIT.stream().map(Exercise::file).toList());
        Assignment week1 = course.assignment("week1");
        assertThat(week1.due()).isEqualTo(ZonedDateTime.of(2026, 10, 9, 23, 59, 0, 0, ZoneId.of("Europe/Berlin")));
        assertThat(week1.late()).isEqualTo(new LatePolicy(10, 3));
        assertThat(week1.results()).isEqualTo(Visibility.AFTER_DUE);
        assertThat(week1.points().get("dlkit/layers/Dense.java")).as("default: the hidden tests' points")
                .isEqualTo(HIDDEN.get("dlkit/layers/Dense.java"));
        assertThat(course.assignment("week2").points().get("dlkit/optim/Adam.java")).isEqualTo(12.0);
        assertThat(course.assignment("week5").late()).as("an assignment's own late policy, the rest from the course's")
                .isEqualTo(new LatePolicy(10, 0));
    }

    @Test
    void aDueDateMayCarryItsOwnOffsetOrZone() throws Exception {
        Course c = read("""
                assignments:
                  - name: a
                    due: 2026-10-09T23:59+02:00
                    exercises: [Adam]
                  - name: b
                    due: 2026-10-09T23:59[America/New_York]
                    exercises: [Dense]
                """);
        assertThat(c.assignment("a").due().toInstant()).isEqualTo(ZonedDateTime.parse("2026-10-09T21:59Z").toInstant());
        assertThat(c.assignment("b").due().getZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(c.assignment("a").results()).isEqualTo(Visibility.VISIBLE);
        assertThat(c.assignment("a").explanations()).as("the default keeps the quiz's answers until the due date")
                .isEqualTo(Visibility.AFTER_DUE);
        assertThat(c.assignment("a").late()).isEqualTo(LatePolicy.NONE);
    }

    @Test
    void anUnknownExerciseIsNamedWithItsLine() {
        assertProblems("""
                time-zone: UTC
                assignments:
                  - name: week1
                    due: 2026-10-09 23:59
                    exercises: [Adam,
                                Adamm]
                """, "course.yaml:6: week1.exercises: no exercise named 'Adamm' in the kit (did you mean Adam or AdamW?)");
        assertProblems("""
                time-zone: UTC
                assignments:
                  - name: week1
                    due: 2026-10-09 23:59
                    exercises: [Perceptron]
                """, "course.yaml:5: week1.exercises: no exercise named 'Perceptron' in the kit (there are: Adam, AdamW, Augmentation, ");
    }

    @Test
    void aDuplicateAssignmentAndAnExerciseInTwoAreRefused() {
        assertProblems("""
                time-zone: UTC
                assignments:
                  - name: week1
                    due: 2026-10-09 23:59
                    exercises: [Adam]
                  - name: week1
                    due: 2026-10-16 23:59
                    exercises: [Dense, Adam, Dense]
                """, "course.yaml:6: week1.name: a second assignment named week1",
                "course.yaml:8: week1.exercises: Adam is already in week1",
                "course.yaml:8: week1.exercises: Dense is listed twice");
    }

    @Test
    void pointsThatDoNotAddUpAreRefused() {
        double dense = HIDDEN.get("dlkit/layers/Dense.java");
        assertProblems("""
                time-zone: UTC
                assignments:
                  - name: week1
                    due: 2026-10-09 23:59
                    exercises: [Adam, Dense]
                    points:
                      Adam: 20
                      Dropout: 5
                      Dense: -1
                    total: 100
                """, "course.yaml:8: week1.points.Dropout: Dropout is not an exercise of week1",
                "course.yaml:9: week1.points.Dense: must be a number of points above 0",
                "course.yaml:10: week1.total: the exercises' points add up to " + (long) (20 + dense) + ", not 100");
    }

    @Test
    void aDateThatDoesNotParseOrHasNoZoneIsRefused() {
        assertProblems("""
                assignments:
                  - name: week1
                    due: 2026-13-09 23:59
                    exercises: [Adam]
                  - name: week2
                    due: 2026-10-16 23:59
                    exercises: [Dense]
                  - name: week3
                    exercises: [Dropout]
                """, "course.yaml:3: week1.due: '2026-13-09 23:59' is not a date and time such as 2026-10-09 23:59",
                "course.yaml:6: week2.due: '2026-10-16 23:59' has no time zone",
                "course.yaml:8: week3.due: missing: the due date");
    }

    @Test
    void aBadZoneLatePolicyOrVisibilityIsRefused() {
        assertProblems("""
                time-zone: Europe/Atlantis
                late:
                  penalty-per-day: 10
                  last-day: -1
                results: after-due-date
                assignments:
                  - name: week 1
                    due: 2026-10-09T23:59Z
                    exercises: [Adam]
                """, "course.yaml:1: time-zone: 'Europe/Atlantis' is not a time zone",
                "course.yaml:3: late.penalty-per-day: '10' is not a percentage from 0% to 100%, such as 10%",
                "course.yaml:4: late.last-day: must be 0 (no late work) or more days",
                "course.yaml:5: results: 'after-due-date' is not one of visible, after-due, after-published, hidden",
                "course.yaml:7: assignments[0].name: 'week 1' is not a name of letters, digits, - and _");
    }

    @Test
    void anUnknownFieldOrAWrongKindOfValueIsNamedByJackson() {
        assertProblems("""
                assignments:
                  - name: week1
                    deadline: 2026-10-09T23:59Z
                    exercises: [Adam]
                """, "course.yaml:3: assignments[0].deadline: unknown field (known here: due, exercises, explanations, late, name, points, results, title, total)");
        assertProblems("""
                assignments:
                  - name: week1
                    due: 2026-10-09T23:59Z
                    exercises: [Adam]
                    points:
                      Adam: ten
                """, "course.yaml:6: assignments[0].points.Adam: not the kind of value expected here");
        assertProblems("", "course.yaml: the file is empty");
        assertProblems("assignments: []\n", "course.yaml:1: assignments: the course has no assignments");
    }

    private Course read(String yaml) throws IOException, Course.Invalid {
        Path file = tmp.resolve("course.yaml");
        Files.writeString(file, yaml);
        return Course.read(file, KIT, HIDDEN);
    }

    private void assertProblems(String yaml, String... starts) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOfSatisfying(Course.Invalid.class, e -> {
            assertThat(e.problems()).hasSize(starts.length);
            for (int i = 0; i < starts.length; i++) {
                assertThat(e.problems().get(i)).startsWith(starts[i]);
            }
        });
    }
}
