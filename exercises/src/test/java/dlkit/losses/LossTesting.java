package dlkit.losses;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/** Seeded inputs for the loss tests. */
final class LossTesting {

    private LossTesting() {}

    static DMatrixRMaj random(long seed, int rows, int cols, double std) {
        Random rng = new Random(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = std * rng.nextGaussian();
        }
        return m;
    }

    static int[] labels(long seed, int n, int classes) {
        Random rng = new Random(seed);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
        }
        return y;
    }
}
