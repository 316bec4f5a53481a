package dlkit.hidden.gan;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Measures the bands of {@link GanHiddenTest#trainingFindsBothModes} with the reference's
 * training step over many seeds (not a test: run it by hand after changing the training set-up,
 * and copy its numbers into GanHiddenTest's Javadoc):
 * {@code java -cp grader/target/classes:grader/target/test-classes:... dlkit.hidden.gan.GanBandMeasurement 200}.
 */
public final class GanBandMeasurement {

    private GanBandMeasurement() {}

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        double[] above = new double[seeds];
        double[] near = new double[seeds];
        long start = System.nanoTime();
        for (int s = 0; s < seeds; s++) {
            GanHiddenTest.Nets nets = GanHiddenTest.Nets.of(1000 + s, 1, GanHiddenTest.HIDDEN, GanHiddenTest.LR);
            var gan = nets.referenceGan();
            DMatrixRMaj x = GanHiddenTest.trainedSamples(nets, gan::trainStep, 5000 + s);
            above[s] = GanHiddenTest.fractionAboveZero(x);
            near[s] = GanHiddenTest.fractionNearAMode(x);
        }
        System.out.printf("%d seeds, %.2f s a run%n", seeds, (System.nanoTime() - start) / 1e9 / seeds);
        report("fraction above 0", above);
        report("fraction within 1.0 of a mode", near);
    }

    private static void report(String name, double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
        System.out.printf("%s: mean %.4f, standard deviation %.4f, min %.4f, max %.4f%n", name, mean, sd,
                Arrays.stream(values).min().orElseThrow(), Arrays.stream(values).max().orElseThrow());
    }
}
