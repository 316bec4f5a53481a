package dlkit.losses;

/** Checks of class-label arrays, shared by the classification losses. */
final class Labels {

    private Labels() {}

    /**
     * Checks that there is at least one row, one label per row, and that each label is a class
     * index in [0, C).
     *
     * @throws IllegalArgumentException naming the first bad label, or the lengths that differ
     */
    static void check(int[] labels, int rows, int classes) {
        if (rows == 0) {
            throw new IllegalArgumentException("scores: expected at least one row (N >= 1) but got none");
        }
        if (labels == null || labels.length != rows) {
            throw new IllegalArgumentException("labels: expected one label per row, N = " + rows
                    + ", but got " + (labels == null ? "null" : labels.length + " labels"));
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i]
                        + " is not a class index in [0, " + classes + ")");
            }
        }
    }
}
