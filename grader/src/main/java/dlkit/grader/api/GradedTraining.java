package dlkit.grader.api;

import dlkit.capstone.History;

/**
 * A training run that hidden tests grade, offered to the engine for the student's training
 * curves: the engine names the hidden test's implementation (it never links a hidden test) and
 * reads the run through this interface, in the test JVM after the tests.
 */
public interface GradedTraining {

    /** The history of the graded run, trained now if no test has asked yet. */
    History history();

    /** The test accuracy the graded run reached, of the same run as {@link #history()}. */
    double testAccuracy();
}
