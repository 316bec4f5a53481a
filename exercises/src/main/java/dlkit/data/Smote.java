package dlkit.data;

import dlkit.core.Matrices;
import java.util.Arrays;
import java.util.Comparator;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;

/**
 * SMOTE, the Synthetic Minority Over-sampling TEchnique (Chawla et al., 2002): instead of
 * repeating minority rows, make new ones on the line segments between a minority row and one of
 * its nearest minority neighbours.
 * <pre>
 *   x_new = x_a + u (x_b - x_a),   u ~ U[0, 1)
 * </pre>
 * where x_a is a minority row and x_b one of its k nearest neighbours AMONG THE MINORITY ROWS
 * (Euclidean distance, x_a itself excluded, ties broken by the smaller row index).
 *
 * <p>Order of random draws, for each synthetic row s = 0, 1, ... in turn: first
 * {@code a = members[rng.nextInt(M)]} (members: the M minority row indices in increasing order),
 * then {@code b = neighbours(a)[rng.nextInt(k)]} (neighbours nearest first), then
 * {@code u = rng.nextDouble()}.
 */
public final class Smote {

    private Smote() {}

    /**
     * New synthetic rows of class {@code minorityClass}.
     *
     * @param x             (N, D) all rows; not modified
     * @param labels        N labels; not modified
     * @param minorityClass the class to over-sample; it needs at least k + 1 rows
     * @param count         how many rows to make, >= 0
     * @param k             how many nearest neighbours to choose from, >= 1
     * @param rng           the source of randomness, drawn in the order above
     * @return a new (count, D) matrix of synthetic rows (all of class minorityClass)
     */
    public static DMatrixRMaj synthesize(DMatrixRMaj x, int[] labels, int minorityClass, int count, int k,
                                         RandomGenerator rng) {
        Matrices.requireShape("x", x, "N, D", labels.length, Matrices.ANY);
        int[] members = IntStream.range(0, labels.length).filter(i -> labels[i] == minorityClass).toArray();
        if (k < 1 || members.length < k + 1 || count < 0) {
            throw new IllegalArgumentException("Smote: need k >= 1, count >= 0 and at least k + 1 rows of class "
                    + minorityClass + " but k = " + k + ", count = " + count + " and the class has " + members.length);
        }
        // TODO: for each synthetic row, draw a, then b among a's k nearest minority neighbours, then u,
        //  in exactly the order of the class comment, and write x_a + u (x_b - x_a).
        //  Hint: nearestNeighbours(x, members, a, k) gives b's candidates, nearest first; compute it
        //  once per minority row if you like, it does not change.
        throw new UnsupportedOperationException("not implemented yet: Smote.synthesize");
    }

    /**
     * The k rows among {@code candidates} nearest to row {@code i} of {@code x}, row i itself
     * excluded, nearest first; equal distances in increasing row index.
     *
     * @param x          (N, D) rows; not modified
     * @param candidates row indices to choose from, in any order (row i may be among them); not modified
     * @param i          the row whose neighbours are wanted
     * @param k          how many, at most the number of candidates other than i
     * @return a new array of k row indices
     */
    public static int[] nearestNeighbours(DMatrixRMaj x, int[] candidates, int i, int k) {
        // TODO: sort the candidates other than i by (squared Euclidean distance to row i, index)
        //  and return the first k. Squared distances order the rows as the distances do.
        throw new UnsupportedOperationException("not implemented yet: Smote.nearestNeighbours");
    }

    private static double squaredDistance(DMatrixRMaj x, int a, int b) {
        double sum = 0;
        for (int d = 0; d < x.numCols; d++) {
            double diff = x.get(a, d) - x.get(b, d);
            sum += diff * diff;
        }
        return sum;
    }
}
