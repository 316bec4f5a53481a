package dlkit.grader.bench;

import dlkit.capstone.DigitClassifier;
import dlkit.capstone.Digits;
import dlkit.capstone.History;
import dlkit.capstone.Split;
import dlkit.capstone.Standardizer;
import dlkit.core.Parameter;
import dlkit.layers.Dense;
import dlkit.layers.Layer;
import dlkit.layers.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGeneratorFactory;
import org.ejml.data.DMatrixRMaj;

/**
 * How fast the capstone trains: the reference {@code DigitClassifier} on the digits, once with
 * its Dense layers as they are (EJML's matrix products) and once with every product a plain
 * triple loop, in one run. Prints milliseconds per epoch, training samples per second and full
 * runs (build, train with early stopping, test accuracy), and the ratio of the two. Not a test:
 * run it from the top folder after {@code mvn package}:
 * <pre>
 *   java -cp "grader/target/dlkit-grader.jar:grader/target/lib/*" dlkit.grader.bench.CapstoneBenchmark [RUNS]
 * </pre>
 * Each kind of product gets one warm-up run (for the JIT), then RUNS timed runs (default 5) with
 * the seeds 1..RUNS, the same seeds for both, so both train on the same shuffles.
 */
public final class CapstoneBenchmark {

    private CapstoneBenchmark() {}

    private record Timing(double msPerEpoch, double samplesPerSecond, double msPerRun, double meanAccuracy, int epochs) {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Split data = Standardizer.standardize(Digits.split());
        System.out.printf(Locale.ROOT, "capstone benchmark: %d training images, %d timed runs each, %d cores, Java %s%n",
                data.train().size(), runs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Timing ejml = measure(data, runs, false);
        Timing loops = measure(data, runs, true);
        print("EJML products      ", ejml);
        print("triple-loop product", loops);
        System.out.printf(Locale.ROOT, "triple loop / EJML: %.2fx the time per epoch%n", loops.msPerEpoch() / ejml.msPerEpoch());
    }

    private static void print(String name, Timing t) {
        System.out.printf(Locale.ROOT, "%s  %7.2f ms/epoch  %9.0f samples/s  %7.0f ms per full run  (%d epochs, test accuracy %.4f)%n",
                name, t.msPerEpoch(), t.samplesPerSecond(), t.msPerRun(), t.epochs(), t.meanAccuracy());
    }

    private static Timing measure(Split data, int runs, boolean tripleLoop) {
        run(data, 0, tripleLoop); // warm-up
        long nanos = 0;
        int epochs = 0;
        double accuracy = 0;
        for (int seed = 1; seed <= runs; seed++) {
            long start = System.nanoTime();
            Result r = run(data, seed, tripleLoop);
            nanos += System.nanoTime() - start;
            epochs += r.epochs();
            accuracy += r.accuracy();
        }
        double ms = nanos / 1e6;
        return new Timing(ms / epochs, (double) epochs * data.train().size() / (ms / 1000), ms / runs, accuracy / runs, epochs);
    }

    private record Result(int epochs, double accuracy) {}

    private static Result run(Split data, long seed, boolean tripleLoop) {
        var rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        Sequential model = DigitClassifier.build(rng);
        if (tripleLoop) {
            List<Layer> layers = new ArrayList<>();
            for (Layer layer : model.layers()) {
                layers.add(layer instanceof Dense d ? new LoopDense(d.weight().value(), d.bias().value()) : layer);
            }
            model = new Sequential(layers);
        }
        History history = DigitClassifier.train(model, data.train(), data.validation(), DigitClassifier.MAX_EPOCHS, rng);
        return new Result(history.epochs(), DigitClassifier.accuracy(model, data.test().x(), data.test().labels()));
    }

    /** The Dense layer's maths with each matrix product written as three nested loops. */
    static final class LoopDense implements Layer {
        private final Parameter weight;
        private final Parameter bias;
        private DMatrixRMaj input;

        LoopDense(DMatrixRMaj weight, DMatrixRMaj bias) {
            this.weight = new Parameter("weight", weight);
            this.bias = new Parameter("bias", bias);
        }

        @Override
        public DMatrixRMaj forward(DMatrixRMaj x) {
            input = x.copy();
            DMatrixRMaj w = weight.value();
            DMatrixRMaj y = new DMatrixRMaj(x.numRows, w.numCols);
            for (int i = 0; i < x.numRows; i++) {
                for (int j = 0; j < w.numCols; j++) {
                    double s = bias.value().data[j];
                    for (int k = 0; k < x.numCols; k++) {
                        s += x.data[i * x.numCols + k] * w.data[k * w.numCols + j];
                    }
                    y.data[i * y.numCols + j] = s;
                }
            }
            return y;
        }

        @Override
        public DMatrixRMaj backward(DMatrixRMaj dy) {
            DMatrixRMaj w = weight.value();
            DMatrixRMaj dw = weight.grad();
            int n = input.numRows;
            int d = input.numCols;
            int m = w.numCols;
            for (int k = 0; k < d; k++) {
                for (int j = 0; j < m; j++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += input.data[i * d + k] * dy.data[i * m + j];
                    }
                    dw.data[k * m + j] += s;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    bias.grad().data[j] += dy.data[i * m + j];
                }
            }
            DMatrixRMaj dx = new DMatrixRMaj(n, d);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        s += dy.data[i * m + j] * w.data[k * m + j];
                    }
                    dx.data[i * d + k] = s;
                }
            }
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(weight, bias);
        }
    }
}
