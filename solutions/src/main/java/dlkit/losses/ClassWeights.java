package dlkit.losses;

/**
 * Class weights for imbalanced data, to pass to {@link WeightedCrossEntropy} or {@link FocalLoss}.
 */
public final class ClassWeights {

    private ClassWeights() {}

    /**
     * Inverse-frequency ("balanced") weights: {@code w_c = N / (C n_c)}, with N labels, C classes
     * and n_c the number of labels equal to c. A class seen half as often weighs twice as much,
     * and on balanced data every weight is 1. This is scikit-learn's
     * {@code compute_class_weight("balanced", ...)}. Like scikit-learn, a class with no label at
     * all is an error (its weight would be infinite), not a weight of 0. {@code labels} is not
     * modified.
     *
     * @param labels     N class indices in [0, numClasses), N >= 1
     * @param numClasses C >= 1
     * @return a new array of C weights
     * @throws IllegalArgumentException if a label is out of range or a class has no label
     */
    public static double[] inverseFrequency(int[] labels, int numClasses) {
        if (numClasses < 1 || labels == null || labels.length == 0) {
            throw new IllegalArgumentException("inverseFrequency: need numClasses >= 1 and at least one label");
        }
        Labels.check(labels, labels.length, numClasses);
        // TODO: count each class, then w_c = N / (C * n_c); throw an IllegalArgumentException naming
        //  the class when some n_c is 0.
        // BEGIN SOLUTION
        int[] counts = new int[numClasses];
        for (int y : labels) {
            counts[y]++;
        }
        double[] w = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("inverseFrequency: class " + c
                        + " has no label, so its inverse frequency is undefined");
            }
            w[c] = (double) labels.length / ((double) numClasses * counts[c]);
        }
        return w;
        // END SOLUTION
    }
}
