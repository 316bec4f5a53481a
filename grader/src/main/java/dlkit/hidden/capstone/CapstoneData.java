package dlkit.hidden.capstone;

import dlkit.capstone.Dataset;
import dlkit.capstone.Digits;
import dlkit.capstone.Split;
import dlkit.grader.api.Draw;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Data for the capstone's hidden tests, standardised by the REFERENCE standardizer, so that a
 * mistake in the student's Standardizer costs points in its own exercise only.
 */
public final class CapstoneData {

    private CapstoneData() {}

    /** The fixed digits split, standardised with the training part's statistics by the reference. */
    public static Split digits() {
        Split raw = Digits.split();
        var s = dlkit.reference.capstone.Standardizer.fit(raw.train().x());
        return new Split(new Dataset(s.transform(raw.train().x()), raw.train().labels()),
                new Dataset(s.transform(raw.validation().x()), raw.validation().labels()),
                new Dataset(s.transform(raw.test().x()), raw.test().labels()));
    }

    /**
     * A split of random inputs, (N, 64) standard normal, with random labels 0..9: every row is
     * distinct (with probability 1), so a spy can tell which rows a batch holds; and nothing can
     * be learnt, so the validation loss soon rises and early stopping stops.
     */
    static Split random(RandomGenerator rng, int train, int validation) {
        return new Split(randomPart(rng, train), randomPart(rng, validation), randomPart(rng, 20));
    }

    private static Dataset randomPart(RandomGenerator rng, int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(Digits.CLASSES);
        }
        return new Dataset(Draw.normal(rng, n, Digits.FEATURES, 1.0), labels);
    }
}
