package dlkit.hidden.layers;

import static dlkit.testing.KitAssertions.assertThatThrownBy;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.Dense;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(Dense.class)
@ExtendWith(GradingRandom.class)
class DenseHiddenTest {

    /**
     * Products summed in another order round differently: about D * 1e-16 absolutely, which the
     * relative error's floor of 1e-8 turns into at most about 1e-7. Every known mistake is off by far more.
     */
    private static final double SUMS = 1e-6;

    private static final Known NO_BIAS = new Known("Dense/no-bias", "the bias b is not added");
    private static final Known DB_AVERAGED = new Known("Dense/db-averaged",
            "db averaged over the batch; it is the SUM of dY's rows");
    private static final Known DB_FIRST_ROW = new Known("Dense/db-first-sample-only",
            "db taken from the first sample only; it sums over the batch");
    private static final Known DW_OVERWRITTEN = new Known("Dense/dw-overwritten",
            "dW overwritten by each backward call instead of added to");
    private static final Known DB_OVERWRITTEN = new Known("Dense/db-overwritten",
            "db overwritten by each backward call instead of added to");

    @Test
    @Points(2)
    void forwardMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 1, 8);
        int d = Draw.size(rng, 1, 6);
        int m = Draw.size(rng, 1, 6);
        Given<DMatrixRMaj> w = Given.of("w", Draw.normal(rng, d, m, 1.0));
        Given<DMatrixRMaj> b = Given.of("b", Draw.normal(rng, 1, m, 1.0));
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, n, d, 1.0));

        DMatrixRMaj student = new Dense(w.student(), b.student()).forward(x.student());
        x.unchanged("Dense.forward");
        DMatrixRMaj reference = new dlkit.reference.layers.Dense(w.copy(), b.copy()).forward(x.copy());

        DMatrixRMaj noBias = new DMatrixRMaj(n, m);
        CommonOps_DDRM.mult(x.copy(), w.copy(), noBias);
        Check.close("Y of Dense.forward on a (" + n + ", " + d + ") batch into " + m + " outputs", student, reference,
                SUMS, NO_BIAS.wouldGive(noBias));
    }

    @Test
    @Points(3)
    void backwardMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 8);
        int d = Draw.size(rng, 1, 6);
        int m = Draw.size(rng, 1, 6);
        Given<DMatrixRMaj> w = Given.of("w", Draw.normal(rng, d, m, 1.0));
        Given<DMatrixRMaj> b = Given.of("b", Draw.normal(rng, 1, m, 1.0));
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, n, d, 1.0));
        Given<DMatrixRMaj> dy = Given.of("dY", Draw.normal(rng, n, m, 1.0));
        Dense student = new Dense(w.student(), b.student());
        var reference = new dlkit.reference.layers.Dense(w.copy(), b.copy());
        student.forward(x.student());
        reference.forward(x.copy());

        DMatrixRMaj dx = student.backward(dy.student());
        Given.unchanged("Dense.backward", x, dy);
        DMatrixRMaj expectedDx = reference.backward(dy.copy());

        String batch = " of Dense.backward on a (" + n + ", " + d + ") batch into " + m + " outputs";
        Check.close("dX" + batch, dx, expectedDx, SUMS);
        DMatrixRMaj meanDb = reference.bias().grad().copy();
        CommonOps_DDRM.scale(1.0 / n, meanDb);
        DMatrixRMaj firstRowDb = CommonOps_DDRM.extract(dy.copy(), 0, 1, 0, m);
        Check.close("db (bias gradient)" + batch, student.bias().grad(), reference.bias().grad(), SUMS,
                DB_AVERAGED.wouldGive(meanDb), DB_FIRST_ROW.wouldGive(firstRowDb));
        Check.close("dW (weight gradient)" + batch, student.weight().grad(), reference.weight().grad(), SUMS);
    }

    @Test
    @Points(2)
    void parameterGradientsAccumulateOverTwoBackwardCalls(RandomGenerator rng) {
        int d = Draw.size(rng, 1, 5);
        int m = Draw.size(rng, 1, 5);
        Given<DMatrixRMaj> w = Given.of("w", Draw.normal(rng, d, m, 1.0));
        Given<DMatrixRMaj> b = Given.of("b", Draw.normal(rng, 1, m, 1.0));
        Dense student = new Dense(w.student(), b.student());
        var reference = new dlkit.reference.layers.Dense(w.copy(), b.copy());
        var secondOnly = new dlkit.reference.layers.Dense(w.copy(), b.copy());

        for (int call = 0; call < 2; call++) {
            int n = Draw.size(rng, 1, 6);
            Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, n, d, 1.0));
            Given<DMatrixRMaj> dy = Given.of("dY", Draw.normal(rng, n, m, 1.0));
            student.forward(x.student());
            student.backward(dy.student());
            Given.unchanged("Dense.forward and backward", x, dy);
            reference.forward(x.copy());
            reference.backward(dy.copy());
            if (call == 1) {
                secondOnly.forward(x.copy());
                secondOnly.backward(dy.copy());
            }
        }

        Check.close("dW after two forward/backward passes without zeroGrad (gradients must add up)",
                student.weight().grad(), reference.weight().grad(), SUMS,
                DW_OVERWRITTEN.wouldGive(secondOnly.weight().grad()));
        Check.close("db after two forward/backward passes without zeroGrad (gradients must add up)",
                student.bias().grad(), reference.bias().grad(), SUMS,
                DB_OVERWRITTEN.wouldGive(secondOnly.bias().grad()));
    }

    @Test
    @Points(1)
    void inputOfTheWrongWidthIsRejected(RandomGenerator rng) {
        int n = Draw.size(rng, 1, 6);
        Given<DMatrixRMaj> w = Given.of("w", Draw.normal(rng, 4, 3, 1.0));
        Given<DMatrixRMaj> b = Given.of("b", Draw.normal(rng, 1, 3, 1.0));
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, n, 4, 1.0));
        Dense student = new Dense(w.student(), b.student());
        Check.close("Y of Dense.forward on a (" + n + ", 4) batch into 3 outputs", student.forward(x.student()),
                new dlkit.reference.layers.Dense(w.copy(), b.copy()).forward(x.copy()), SUMS);
        x.unchanged("Dense.forward");

        assertThatThrownBy(() -> student.forward(Draw.normal(rng, n, 5, 1.0)))
                .as("Dense(4 -> 3).forward on a (" + n + ", 5) input must throw")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
