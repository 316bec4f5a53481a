package dlkit.quiz;

/**
 * Your answers to the concept quiz, the only file of the quiz you edit. Each method answers one
 * {@link Question}: read the question and its four options in Question.java (or print it, e.g.
 * {@code System.out.println(Question.GAN)}), then replace the method's {@code throw} line with
 * {@code return Choice.A;}, {@code B}, {@code C} or {@code D}. Exactly one option of each question
 * is right.
 *
 * <p>The public test {@code QuizAnswersTest} checks only that every question has an answer; it
 * cannot tell you whether the answer is right. The grader gives one point per right answer and,
 * for each question you miss, explains the right option and what is wrong with yours.
 */
public final class QuizAnswers {

    private QuizAnswers() {}

    /** Question 1, {@link Question#DEEP_VS_CLASSICAL_ML}: deep learning vs classical machine learning. */
    public static Choice q01DeepVsClassicalMl() {
        // TODO: read Question.DEEP_VS_CLASSICAL_ML and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q01DeepVsClassicalMl");
    }

    /** Question 2, {@link Question#WHEN_CLASSICAL_ML_FITS}: when classical machine learning is the better start. */
    public static Choice q02WhenClassicalMlFits() {
        // TODO: read Question.WHEN_CLASSICAL_ML_FITS and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q02WhenClassicalMlFits");
    }

    /** Question 3, {@link Question#AI_ML_DL}: AI, machine learning and deep learning. */
    public static Choice q03AiMlDl() {
        // TODO: read Question.AI_ML_DL and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q03AiMlDl");
    }

    /** Question 4, {@link Question#ML_BUT_NOT_DL}: machine learning that is not deep learning. */
    public static Choice q04MlButNotDl() {
        // TODO: read Question.ML_BUT_NOT_DL and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q04MlButNotDl");
    }

    /** Question 5, {@link Question#CNN_FOR_IMAGES}: convolutional networks. */
    public static Choice q05CnnForImages() {
        // TODO: read Question.CNN_FOR_IMAGES and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q05CnnForImages");
    }

    /** Question 6, {@link Question#RNN_VS_TRANSFORMER}: recurrent networks and transformers. */
    public static Choice q06RnnVsTransformer() {
        // TODO: read Question.RNN_VS_TRANSFORMER and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q06RnnVsTransformer");
    }

    /** Question 7, {@link Question#GAN}: generative adversarial networks. */
    public static Choice q07Gan() {
        // TODO: read Question.GAN and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q07Gan");
    }

    /** Question 8, {@link Question#WHAT_TRAINING_CHANGES}: what training changes in a network. */
    public static Choice q08WhatTrainingChanges() {
        // TODO: read Question.WHAT_TRAINING_CHANGES and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q08WhatTrainingChanges");
    }

    /** Question 9, {@link Question#XOR_NEEDS_HIDDEN_LAYER}: why XOR needs a hidden layer. */
    public static Choice q09XorNeedsHiddenLayer() {
        // TODO: read Question.XOR_NEEDS_HIDDEN_LAYER and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q09XorNeedsHiddenLayer");
    }

    /** Question 10, {@link Question#UNIVERSAL_APPROXIMATION}: the universal approximation theorem. */
    public static Choice q10UniversalApproximation() {
        // TODO: read Question.UNIVERSAL_APPROXIMATION and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q10UniversalApproximation");
    }

    /** Question 11, {@link Question#BACKPROP_VS_GRADIENT_DESCENT}: backpropagation and gradient descent. */
    public static Choice q11BackpropVsGradientDescent() {
        // TODO: read Question.BACKPROP_VS_GRADIENT_DESCENT and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q11BackpropVsGradientDescent");
    }

    /** Question 12, {@link Question#LEARNING_RATE_TOO_HIGH}: a learning rate that is too high. */
    public static Choice q12LearningRateTooHigh() {
        // TODO: read Question.LEARNING_RATE_TOO_HIGH and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q12LearningRateTooHigh");
    }

    /** Question 13, {@link Question#VANISHING_GRADIENT}: vanishing gradients. */
    public static Choice q13VanishingGradient() {
        // TODO: read Question.VANISHING_GRADIENT and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q13VanishingGradient");
    }

    /** Question 14, {@link Question#EXPLODING_GRADIENT}: exploding gradients. */
    public static Choice q14ExplodingGradient() {
        // TODO: read Question.EXPLODING_GRADIENT and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q14ExplodingGradient");
    }

    /** Question 15, {@link Question#OVERFITTING_DIAGNOSIS}: recognising overfitting. */
    public static Choice q15OverfittingDiagnosis() {
        // TODO: read Question.OVERFITTING_DIAGNOSIS and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q15OverfittingDiagnosis");
    }

    /** Question 16, {@link Question#UNDERFITTING_DIAGNOSIS}: recognising underfitting. */
    public static Choice q16UnderfittingDiagnosis() {
        // TODO: read Question.UNDERFITTING_DIAGNOSIS and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q16UnderfittingDiagnosis");
    }

    /** Question 17, {@link Question#UNDERFITTING_REMEDY}: curing underfitting. */
    public static Choice q17UnderfittingRemedy() {
        // TODO: read Question.UNDERFITTING_REMEDY and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q17UnderfittingRemedy");
    }

    /** Question 18, {@link Question#BIAS_VARIANCE_ENSEMBLE}: bias, variance and averaging models. */
    public static Choice q18BiasVarianceEnsemble() {
        // TODO: read Question.BIAS_VARIANCE_ENSEMBLE and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q18BiasVarianceEnsemble");
    }

    /** Question 19, {@link Question#TRANSFER_LEARNING}: transfer learning. */
    public static Choice q19TransferLearning() {
        // TODO: read Question.TRANSFER_LEARNING and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q19TransferLearning");
    }

    /** Question 20, {@link Question#FINE_TUNING}: fine-tuning. */
    public static Choice q20FineTuning() {
        // TODO: read Question.FINE_TUNING and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q20FineTuning");
    }

    /** Question 21, {@link Question#END_TO_END}: end-to-end learning. */
    public static Choice q21EndToEnd() {
        // TODO: read Question.END_TO_END and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q21EndToEnd");
    }

    /** Question 22, {@link Question#EARLY_STOPPING_DATA}: early stopping and honest evaluation. */
    public static Choice q22EarlyStoppingData() {
        // TODO: read Question.EARLY_STOPPING_DATA and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q22EarlyStoppingData");
    }

    /** Question 23, {@link Question#CLASS_IMBALANCE_ACCURACY}: accuracy under class imbalance. */
    public static Choice q23ClassImbalanceAccuracy() {
        // TODO: read Question.CLASS_IMBALANCE_ACCURACY and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q23ClassImbalanceAccuracy");
    }

    /** Question 24, {@link Question#GRU_VS_LSTM}: GRU or LSTM. */
    public static Choice q24GruVsLstm() {
        // TODO: read Question.GRU_VS_LSTM and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q24GruVsLstm");
    }

    /** Question 25, {@link Question#GAN_INSTABILITY}: why GAN training is unstable. */
    public static Choice q25GanInstability() {
        // TODO: read Question.GAN_INSTABILITY and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q25GanInstability");
    }

    /** Question 26, {@link Question#ATTENTION_VS_RECURRENCE}: what attention buys over recurrence. */
    public static Choice q26AttentionVsRecurrence() {
        // TODO: read Question.ATTENTION_VS_RECURRENCE and return the letter of the right option.
        throw new UnsupportedOperationException("not implemented yet: QuizAnswers.q26AttentionVsRecurrence");
    }
}
