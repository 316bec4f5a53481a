package dlkit.hidden.gan;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Measures the bands of {@link GanHiddenTest#trainingFindsBothModes} with the reference's
 * training step over many seeds (not a test: run it by hand after changing the training set-up,
 * and copy its numbers into GanHiddenTest's Javadoc), after {@code mvn -B -o package -DskipTests}:
 * {@code java -cp grader/target/test-classes:grader/target/dlkit-grader.jar dlkit.hidden.gan.GanBandMeasurement 200},
 * or {@code ... 2000 untrained} for a generator that is never trained (the training step does nothing).
 */
public final class GanBandMeasurement {

    private GanBandMeasurement() {}

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        boolean untrained = args.length > 1 && args[1].equals("untrained");
        double[] above = new double[seeds];
        double[] near = new double[seeds];
        double[] meanAbs = new double[seeds];
        double[] sdAbs = new double[seeds];
        long start = System.nanoTime();
        for (int i = 0; i < seeds; i++) {
            final int s = i;
            GanHiddenTest.Nets nets = GanHiddenTest.Nets.of(1000 + s, 1, GanHiddenTest.HIDDEN, GanHiddenTest.LR);
            var gan = nets.referenceGan();
            DMatrixRMaj x = GanHiddenTest.trainedSamples(nets, untrained ? (real, noise) -> { } : gan::trainStep, 5000 + s);
            above[s] = GanHiddenTest.fractionAboveZero(x);
            near[s] = GanHiddenTest.fractionNearAMode(x);
            double[] abs = Arrays.stream(x.data).map(Math::abs).toArray();
            meanAbs[s] = GanHiddenTest.meanAbsolute(x);
            sdAbs[s] = Math.sqrt(Arrays.stream(abs).map(v -> (v - meanAbs[s]) * (v - meanAbs[s])).sum() / abs.length);
        }
        System.out.printf("%d seeds, %.2f s a run%n", seeds, (System.nanoTime() - start) / 1e9 / seeds);
        report("fraction above 0", above);
        report("fraction within 1.0 of a mode", near);
        report("mean of |x|", meanAbs);
        report("standard deviation of |x|", sdAbs);
        int passed = 0;
        for (int s = 0; s < seeds; s++) {
            passed += above[s] >= 0.3 && above[s] <= 0.7 && near[s] >= 0.6 && meanAbs[s] >= 1.5 && meanAbs[s] <= 2.4 ? 1 : 0;
        }
        System.out.printf("within the bands: %d of %d%n", passed, seeds);
    }

    private static void report(String name, double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
        System.out.printf("%s: mean %.4f, standard deviation %.4f, min %.4f, max %.4f%n", name, mean, sd,
                Arrays.stream(values).min().orElseThrow(), Arrays.stream(values).max().orElseThrow());
    }
}
