package dlkit.grader.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.kit.Exercise;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FileMatcherTest {

    static final Exercise ADAM = new Exercise("dlkit/optim/Adam.java", "");
    static final Exercise ADAM_W = new Exercise("dlkit/optim/AdamW.java", "");
    static final Exercise DROPOUT = new Exercise("dlkit/layers/Dropout.java", "");
    static final Exercise OTHER_DROPOUT = new Exercise("dlkit/regularization/Dropout.java", "");
    static final List<Exercise> KIT = List.of(ADAM, ADAM_W, DROPOUT, OTHER_DROPOUT);

    @ParameterizedTest
    @ValueSource(strings = {
            "Adam.java",
            "smithj_12345_67890_Adam.java",           // Canvas
            "smithj_12345_67890_Adam-1.java",         // Canvas resubmission
            "smithj_LATE_12345_67890_Adam-2.java",    // Canvas, late
            "hw3_jsmith_attempt_2026-01-01-10-00-00_Adam.java", // Blackboard
            "Adam (1).java",                          // a second download
            "Adam(2).java",
            "adam.java",                              // case changed by hand
            "Jo Smith Adam.java"})
    void mangledNamesAreMatched(String name) {
        assertThat(FileMatcher.match(name, "class Adam {}", KIT)).contains(ADAM);
    }

    @Test
    void aLongerClassNameIsNotTakenForAShorterOne() {
        assertThat(FileMatcher.match("smithj_1_2_AdamW.java", "", KIT)).contains(ADAM_W);
        assertThat(FileMatcher.match("NotAdam.java", "", KIT)).isEmpty();
    }

    @Test
    void theDeclaredPackageChoosesBetweenClassesOfTheSameName() {
        assertThat(FileMatcher.match("Dropout.java", "package dlkit.regularization;\nclass Dropout {}", KIT))
                .contains(OTHER_DROPOUT);
        assertThat(FileMatcher.match("Dropout.java", "package dlkit.layers;\nclass Dropout {}", KIT)).contains(DROPOUT);
    }

    @Test
    void aFileNamedAnyhowIsMatchedByTheClassItDeclares() {
        assertThat(FileMatcher.match("homework3.java", "package dlkit.optim;\n\npublic final class Adam implements X {}", KIT))
                .contains(ADAM);
    }

    @Test
    void otherFilesAreNotMatched() {
        assertThat(FileMatcher.match("Notes.txt", "class Adam {}", KIT)).isEqualTo(Optional.empty());
        assertThat(FileMatcher.match("Helper.java", "class Helper {}", KIT)).isEmpty();
    }
}
