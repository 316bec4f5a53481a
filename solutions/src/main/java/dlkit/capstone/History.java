package dlkit.capstone;

import java.util.List;

/**
 * What a training run did, epoch by epoch (epoch 0 first), for plots and checks. Every list has
 * one entry per epoch run.
 *
 * @param trainLoss          the mean softmax cross-entropy over the epoch's mini-batches (weighted
 *                           by batch size, measured during training: dropout on, weights moving;
 *                           the L2 penalty is not included), as Keras reports it
 * @param trainAccuracy      the fraction of training samples classified right in those same
 *                           forward passes
 * @param validationLoss     the mean softmax cross-entropy on the validation part at the end of
 *                           the epoch, in inference mode
 * @param validationAccuracy the accuracy on the validation part at the end of the epoch, in
 *                           inference mode
 * @param learningRate       the learning rate used in the epoch
 * @param bestEpoch          the epoch whose weights the model holds at the end (the one with the
 *                           lowest validation loss, restored by early stopping)
 */
public record History(List<Double> trainLoss, List<Double> trainAccuracy, List<Double> validationLoss,
                      List<Double> validationAccuracy, List<Double> learningRate, int bestEpoch) {

    public History {
        trainLoss = List.copyOf(trainLoss);
        trainAccuracy = List.copyOf(trainAccuracy);
        validationLoss = List.copyOf(validationLoss);
        validationAccuracy = List.copyOf(validationAccuracy);
        learningRate = List.copyOf(learningRate);
        int n = trainLoss.size();
        if (trainAccuracy.size() != n || validationLoss.size() != n || validationAccuracy.size() != n
                || learningRate.size() != n) {
            throw new IllegalArgumentException("History: every list needs one entry per epoch but the sizes were "
                    + List.of(n, trainAccuracy.size(), validationLoss.size(), validationAccuracy.size(), learningRate.size()));
        }
        if (bestEpoch < 0 || bestEpoch >= Math.max(n, 1)) {
            throw new IllegalArgumentException("History: bestEpoch must be an epoch run, in [0, " + n + ") but was " + bestEpoch);
        }
    }

    /** The number of epochs run. */
    public int epochs() {
        return trainLoss.size();
    }
}
