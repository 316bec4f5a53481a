package dlkit.hidden.experiments;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import dlkit.experiments.Xor;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * XOR: the student's network and least-squares fit against the reference, and the claim that no
 * affine classifier gets XOR right, proved by the test with the identity
 * f(0,0) + f(1,1) = f(0,1) + f(1,0) (a Farkas certificate: weights 1, -1, -1, 1 on the points
 * [x, 1] sum to the zero vector exactly) and shown by the reference's best affine fit.
 */
@Grades(Xor.class)
@ExtendWith(GradingRandom.class)
class XorHiddenTest {

    private static final Known NO_RELU = new Known("Xor/no-relu", "the ReLU between the two Dense layers is missing");
    private static final Known AT_OR_ABOVE = new Known("Xor/classify-at-or-above",
            "a score equal to the threshold classified as 1; the rule is score > threshold");
    private static final Known BIAS_FIRST = new Known("Xor/affine-fit-bias-first",
            "the bias first; theta is the D weights, then the bias");

    @Test
    @Points(2)
    void networkMatchesReferenceOnRandomInputs(RandomGenerator rng) {
        Given<DMatrixRMaj> given = Given.of("x", Draw.normal(rng, Draw.size(rng, 3, 9), 2, 2.0));
        DMatrixRMaj x = given.copy();
        DMatrixRMaj expected = dlkit.reference.experiments.Xor.network().forward(x);
        // Without the ReLU the network is affine: y = x W1 W2 + b1 W2 + b2 = -(x1 + x2) + 2.
        DMatrixRMaj linear = new DMatrixRMaj(x.numRows, 1);
        for (int i = 0; i < x.numRows; i++) {
            linear.data[i] = -(x.get(i, 0) + x.get(i, 1)) + 2;
        }
        Check.close("Xor.network().forward on a (" + x.numRows + ", 2) batch of random points",
                Xor.network().forward(given.student()), expected, 1e-12, NO_RELU.wouldGive(linear));
        Check.close("Xor.network() on the four corners (0,0), (0,1), (1,0), (1,1)",
                Xor.network().forward(Xor.inputs()), Xor.targets(), 1e-12);
    }

    @Test
    @Points(1)
    void classifyMatchesReference(RandomGenerator rng) {
        double threshold = rng.nextDouble(-1, 1);
        DMatrixRMaj scores = Draw.uniform(rng, 12, 1, -2, 2);
        scores.data[rng.nextInt(12)] = threshold;
        Given<DMatrixRMaj> given = Given.of("scores", scores);
        DMatrixRMaj atOrAbove = Matrices.map(scores, s -> s >= threshold ? 1 : 0);
        DMatrixRMaj actual = Xor.classify(given.student(), threshold);
        given.unchanged("Xor.classify");
        Check.close("Xor.classify with threshold " + threshold + " (one score equal to it)", actual,
                dlkit.reference.experiments.Xor.classify(scores, threshold), 0.0, AT_OR_ABOVE.wouldGive(atOrAbove));
    }

    @Test
    @Points(2)
    void bestAffineFitMatchesReference(RandomGenerator rng) {
        int d = Draw.size(rng, 1, 4);
        int n = Draw.size(rng, d + 3, 12);
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, n, d, 1.0));
        Given<DMatrixRMaj> y = Given.of("y", Draw.normal(rng, n, 1, 1.0));
        DMatrixRMaj expected = dlkit.reference.experiments.Xor.bestAffineFit(x.copy(), y.copy());
        DMatrixRMaj biasFirst = new DMatrixRMaj(d + 1, 1);
        biasFirst.data[0] = expected.data[d];
        System.arraycopy(expected.data, 0, biasFirst.data, 1, d);
        DMatrixRMaj actual = Xor.bestAffineFit(x.student(), y.student());
        Given.unchanged("Xor.bestAffineFit", x, y);
        Check.close("Xor.bestAffineFit on " + n + " random points in " + d + " dimensions: theta = [w; b]",
                actual, expected, 1e-9, BIAS_FIRST.wouldGive(biasFirst));
    }

    @Test
    @Points(2)
    void noAffineClassifierSolvesXorButTheNetworkDoes(RandomGenerator rng) {
        DMatrixRMaj corners = dlkit.reference.experiments.Xor.inputs();
        DMatrixRMaj labels = dlkit.reference.experiments.Xor.targets();
        // The certificate, in exact integer arithmetic: sum_i s_i [x_i, 1] = 0 with s = (1, -1, -1, 1),
        // so for every affine f, sum_i s_i f(x_i) = 0, while a correct classifier at any threshold t
        // would need f - t <= 0 on the 0s (s = 1) and > 0 on the 1s (s = -1): a sum < 0. Impossible.
        int[] s = {1, -1, -1, 1};
        for (int j = 0; j <= 2; j++) {
            double sum = 0;
            for (int i = 0; i < 4; i++) {
                sum += s[i] * (j < 2 ? corners.get(i, j) : 1) * 1.0;
                assertThat(s[i] == 1 ? labels.get(i, 0) == 0 : labels.get(i, 0) == 1).isTrue();
            }
            assertThat(sum).as("component " + j + " of the certificate sum_i s_i [x_i, 1]").isZero();
        }
        // In numbers: the reference's least-squares fit predicts 1/2 at every corner, so any threshold
        // gives all four the same label and misclassifies two.
        DMatrixRMaj theta = dlkit.reference.experiments.Xor.bestAffineFit(corners, labels);
        for (int i = 0; i < 4; i++) {
            double f = theta.get(0, 0) * corners.get(i, 0) + theta.get(1, 0) * corners.get(i, 1) + theta.get(2, 0);
            assertThat(f).as("best affine fit at corner " + i).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        }
        Check.close("Xor.bestAffineFit on the four XOR points", Xor.bestAffineFit(Xor.inputs(), Xor.targets()), theta, 1e-9);
        // And random affine classifiers all fail somewhere, while the network is right everywhere.
        for (int k = 0; k < 20; k++) {
            DMatrixRMaj w = Draw.normal(rng, 3, 1, 1.0);
            int wrong = 0;
            for (int i = 0; i < 4; i++) {
                double f = w.get(0, 0) * corners.get(i, 0) + w.get(1, 0) * corners.get(i, 1) + w.get(2, 0);
                wrong += (f > 0 ? 1 : 0) != labels.get(i, 0) ? 1 : 0;
            }
            assertThat(wrong).as("misclassified corners of a random affine classifier").isPositive();
        }
        Check.close("Xor.classify(Xor.network().forward(corners), 0.5)",
                Xor.classify(Xor.network().forward(Xor.inputs()), 0.5), labels, 0.0);
    }
}
