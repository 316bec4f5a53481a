package dlkit.hidden.quiz;

import dlkit.grader.api.CheckFailure;
import dlkit.grader.api.Failure;
import dlkit.grader.api.Grades;
import dlkit.grader.api.Points;
import dlkit.quiz.Choice;
import dlkit.quiz.Question;
import dlkit.quiz.QuizAnswers;
import org.junit.jupiter.api.Test;

/**
 * One point per question of the concept quiz: the student's letter must be the reference's
 * ({@code dlkit.reference.quiz.QuizAnswers}; its Choice is the relocated enum, so letters are
 * compared by name). A miss is explained from explanations.md: why the right option is right and
 * why the chosen one is wrong.
 */
@Grades(QuizAnswers.class)
class QuizAnswersHiddenTest {

    @Test
    @Points(1)
    void q01DeepVsClassicalMl() {
        grade(Question.DEEP_VS_CLASSICAL_ML, QuizAnswers.q01DeepVsClassicalMl(),
                dlkit.reference.quiz.QuizAnswers.q01DeepVsClassicalMl().name());
    }

    @Test
    @Points(1)
    void q02WhenClassicalMlFits() {
        grade(Question.WHEN_CLASSICAL_ML_FITS, QuizAnswers.q02WhenClassicalMlFits(),
                dlkit.reference.quiz.QuizAnswers.q02WhenClassicalMlFits().name());
    }

    @Test
    @Points(1)
    void q03AiMlDl() {
        grade(Question.AI_ML_DL, QuizAnswers.q03AiMlDl(),
                dlkit.reference.quiz.QuizAnswers.q03AiMlDl().name());
    }

    @Test
    @Points(1)
    void q04MlButNotDl() {
        grade(Question.ML_BUT_NOT_DL, QuizAnswers.q04MlButNotDl(),
                dlkit.reference.quiz.QuizAnswers.q04MlButNotDl().name());
    }

    @Test
    @Points(1)
    void q05CnnForImages() {
        grade(Question.CNN_FOR_IMAGES, QuizAnswers.q05CnnForImages(),
                dlkit.reference.quiz.QuizAnswers.q05CnnForImages().name());
    }

    @Test
    @Points(1)
    void q06RnnVsTransformer() {
        grade(Question.RNN_VS_TRANSFORMER, QuizAnswers.q06RnnVsTransformer(),
                dlkit.reference.quiz.QuizAnswers.q06RnnVsTransformer().name());
    }

    @Test
    @Points(1)
    void q07Gan() {
        grade(Question.GAN, QuizAnswers.q07Gan(),
                dlkit.reference.quiz.QuizAnswers.q07Gan().name());
    }

    @Test
    @Points(1)
    void q08WhatTrainingChanges() {
        grade(Question.WHAT_TRAINING_CHANGES, QuizAnswers.q08WhatTrainingChanges(),
                dlkit.reference.quiz.QuizAnswers.q08WhatTrainingChanges().name());
    }

    @Test
    @Points(1)
    void q09XorNeedsHiddenLayer() {
        grade(Question.XOR_NEEDS_HIDDEN_LAYER, QuizAnswers.q09XorNeedsHiddenLayer(),
                dlkit.reference.quiz.QuizAnswers.q09XorNeedsHiddenLayer().name());
    }

    @Test
    @Points(1)
    void q10UniversalApproximation() {
        grade(Question.UNIVERSAL_APPROXIMATION, QuizAnswers.q10UniversalApproximation(),
                dlkit.reference.quiz.QuizAnswers.q10UniversalApproximation().name());
    }

    @Test
    @Points(1)
    void q11BackpropVsGradientDescent() {
        grade(Question.BACKPROP_VS_GRADIENT_DESCENT, QuizAnswers.q11BackpropVsGradientDescent(),
                dlkit.reference.quiz.QuizAnswers.q11BackpropVsGradientDescent().name());
    }

    @Test
    @Points(1)
    void q12LearningRateTooHigh() {
        grade(Question.LEARNING_RATE_TOO_HIGH, QuizAnswers.q12LearningRateTooHigh(),
                dlkit.reference.quiz.QuizAnswers.q12LearningRateTooHigh().name());
    }

    @Test
    @Points(1)
    void q13VanishingGradient() {
        grade(Question.VANISHING_GRADIENT, QuizAnswers.q13VanishingGradient(),
                dlkit.reference.quiz.QuizAnswers.q13VanishingGradient().name());
    }

    @Test
    @Points(1)
    void q14ExplodingGradient() {
        grade(Question.EXPLODING_GRADIENT, QuizAnswers.q14ExplodingGradient(),
                dlkit.reference.quiz.QuizAnswers.q14ExplodingGradient().name());
    }

    @Test
    @Points(1)
    void q15OverfittingDiagnosis() {
        grade(Question.OVERFITTING_DIAGNOSIS, QuizAnswers.q15OverfittingDiagnosis(),
                dlkit.reference.quiz.QuizAnswers.q15OverfittingDiagnosis().name());
    }

    @Test
    @Points(1)
    void q16UnderfittingDiagnosis() {
        grade(Question.UNDERFITTING_DIAGNOSIS, QuizAnswers.q16UnderfittingDiagnosis(),
                dlkit.reference.quiz.QuizAnswers.q16UnderfittingDiagnosis().name());
    }

    @Test
    @Points(1)
    void q17UnderfittingRemedy() {
        grade(Question.UNDERFITTING_REMEDY, QuizAnswers.q17UnderfittingRemedy(),
                dlkit.reference.quiz.QuizAnswers.q17UnderfittingRemedy().name());
    }

    @Test
    @Points(1)
    void q18BiasVarianceEnsemble() {
        grade(Question.BIAS_VARIANCE_ENSEMBLE, QuizAnswers.q18BiasVarianceEnsemble(),
                dlkit.reference.quiz.QuizAnswers.q18BiasVarianceEnsemble().name());
    }

    @Test
    @Points(1)
    void q19TransferLearning() {
        grade(Question.TRANSFER_LEARNING, QuizAnswers.q19TransferLearning(),
                dlkit.reference.quiz.QuizAnswers.q19TransferLearning().name());
    }

    @Test
    @Points(1)
    void q20FineTuning() {
        grade(Question.FINE_TUNING, QuizAnswers.q20FineTuning(),
                dlkit.reference.quiz.QuizAnswers.q20FineTuning().name());
    }

    @Test
    @Points(1)
    void q21EndToEnd() {
        grade(Question.END_TO_END, QuizAnswers.q21EndToEnd(),
                dlkit.reference.quiz.QuizAnswers.q21EndToEnd().name());
    }

    @Test
    @Points(1)
    void q22EarlyStoppingData() {
        grade(Question.EARLY_STOPPING_DATA, QuizAnswers.q22EarlyStoppingData(),
                dlkit.reference.quiz.QuizAnswers.q22EarlyStoppingData().name());
    }

    @Test
    @Points(1)
    void q23ClassImbalanceAccuracy() {
        grade(Question.CLASS_IMBALANCE_ACCURACY, QuizAnswers.q23ClassImbalanceAccuracy(),
                dlkit.reference.quiz.QuizAnswers.q23ClassImbalanceAccuracy().name());
    }

    @Test
    @Points(1)
    void q24GruVsLstm() {
        grade(Question.GRU_VS_LSTM, QuizAnswers.q24GruVsLstm(),
                dlkit.reference.quiz.QuizAnswers.q24GruVsLstm().name());
    }

    @Test
    @Points(1)
    void q25GanInstability() {
        grade(Question.GAN_INSTABILITY, QuizAnswers.q25GanInstability(),
                dlkit.reference.quiz.QuizAnswers.q25GanInstability().name());
    }

    @Test
    @Points(1)
    void q26AttentionVsRecurrence() {
        grade(Question.ATTENTION_VS_RECURRENCE, QuizAnswers.q26AttentionVsRecurrence(),
                dlkit.reference.quiz.QuizAnswers.q26AttentionVsRecurrence().name());
    }

    /**
     * Fails with the question and the student's choice as the check; the right answer and why go
     * apart ({@link Failure#answer}), so the reports show them only when the course file allows
     * (a student who saw them at once would score full marks on the next submission).
     */
    static void grade(Question question, Choice chosen, String referenceAnswer) {
        Choice right = Choice.valueOf(referenceAnswer);
        if (chosen == right) {
            return;
        }
        QuizExplanations.Entry entry = QuizExplanations.of(question);
        String heading = "Question " + question.number() + " (" + question.topic() + ")";
        String answer = "The answer is " + right + ", \"" + question.option(right) + "\"\n"
                + "  Why " + right + ": " + entry.why().get(right);
        if (chosen == null) {
            throw new CheckFailure(Failure.because(heading, "not answered: QuizAnswers." + question.answerMethod()
                    + "() returned null").withAnswer(answer));
        }
        throw new CheckFailure(Failure.because(heading, "you chose " + chosen + ", \"" + question.option(chosen)
                + "\", which is not the right answer").withAnswer(answer + "\n  Why not " + chosen + ": " + entry.why().get(chosen)));
    }
}
