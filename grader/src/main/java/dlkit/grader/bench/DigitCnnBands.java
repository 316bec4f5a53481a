package dlkit.grader.bench;

import dlkit.capstone.DigitClassifier;
import dlkit.capstone.Digits;
import dlkit.capstone.Split;
import dlkit.capstone.Standardizer;
import dlkit.nets.DigitCnn;
import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGeneratorFactory;

/**
 * Where the accuracy bands of {@code DigitCnnHiddenTest} come from: the reference
 * {@code DigitCnn.build}, trained by {@code DigitClassifier.train} on the digits as the grading
 * does, over many seeds. Prints the lowest test accuracy, the 5th percentile, the mean and the
 * time per run. Not a test: run it from the top folder after {@code mvn package}:
 * <pre>
 *   java -cp "grader/target/dlkit-grader.jar:grader/target/lib/*" dlkit.grader.bench.DigitCnnBands [SEEDS]
 * </pre>
 * with the seeds 0..SEEDS-1 (default 200) of an {@code L64X128MixRandom}.
 */
public final class DigitCnnBands {

    private DigitCnnBands() {}

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Split data = Standardizer.standardize(Digits.split());
        double[] accuracy = new double[seeds];
        long start = System.nanoTime();
        for (int seed = 0; seed < seeds; seed++) {
            var rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
            DigitCnn model = DigitCnn.build(rng);
            DigitClassifier.train(model, data.train(), data.validation(), DigitClassifier.MAX_EPOCHS, rng);
            accuracy[seed] = DigitClassifier.accuracy(model, data.test().x(), data.test().labels());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] sorted = accuracy.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "DigitCnn on %d seeds: test accuracy min %.4f (%d of %d right), 5th percentile %.4f,"
                        + " mean %.4f; %.2f s per run%n", seeds, sorted[0], Math.round(sorted[0] * data.test().size()),
                data.test().size(), sorted[seeds / 20], Arrays.stream(accuracy).average().orElse(Double.NaN), seconds / seeds);
    }
}
