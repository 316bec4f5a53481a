package dlkit.quiz;

/** The letter of one option of a {@link Question}: what each method of {@link QuizAnswers} returns. */
public enum Choice {
    A, B, C, D
}
