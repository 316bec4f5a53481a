package dlkit.hidden.nets;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.nets.VanillaRnn;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(VanillaRnn.class)
@ExtendWith(GradingRandom.class)
class VanillaRnnHiddenTest {

    @Test
    @Points(2)
    void stepMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 1, 4);
        int d = Draw.size(rng, 1, 5);
        int h = Draw.size(rng, 1, 5);
        DMatrixRMaj wxh = Draw.normal(rng, d, h, 0.8);
        DMatrixRMaj whh = Draw.normal(rng, h, h, 0.8);
        DMatrixRMaj b = Draw.normal(rng, 1, h, 0.5);
        DMatrixRMaj x = Draw.normal(rng, n, d, 1.0);
        DMatrixRMaj hPrev = Draw.uniform(rng, n, h, -1, 1);

        DMatrixRMaj actual = new VanillaRnn(wxh, whh, b).step(x, hPrev);
        DMatrixRMaj expected = new dlkit.reference.nets.VanillaRnn(wxh, whh, b).step(x, hPrev);

        Check.close("VanillaRnn.step with a batch of " + n + ", D = " + d + ", H = " + h, actual, expected, 1e-9,
                new Mistake("tanh missing: h = x W_xh + hPrev W_hh + b must go through tanh",
                        preActivation(x, hPrev, wxh, whh, b)));
    }

    @Test
    @Points(3)
    void forwardOverASequenceMatchesReference(RandomGenerator rng) {
        int t = Draw.size(rng, 3, 7);
        int n = Draw.size(rng, 1, 3);
        int d = Draw.size(rng, 1, 4);
        int h = Draw.size(rng, 2, 5);
        DMatrixRMaj wxh = Draw.normal(rng, d, h, 0.8);
        DMatrixRMaj whh = Draw.normal(rng, h, h, 0.8);
        DMatrixRMaj b = Draw.normal(rng, 1, h, 0.5);
        DMatrixRMaj h0 = Draw.uniform(rng, n, h, -1, 1);
        List<DMatrixRMaj> xs = new ArrayList<>();
        for (int s = 0; s < t; s++) {
            xs.add(Draw.normal(rng, n, d, 1.0));
        }
        var reference = new dlkit.reference.nets.VanillaRnn(wxh, whh, b);

        List<DMatrixRMaj> actual = new VanillaRnn(wxh, whh, b).forward(xs, h0);
        List<DMatrixRMaj> expected = reference.forward(xs, h0);

        List<DMatrixRMaj> notFedBack = new ArrayList<>();
        List<DMatrixRMaj> shifted = new ArrayList<>(List.of(h0));
        List<DMatrixRMaj> noTanh = new ArrayList<>();
        DMatrixRMaj linear = h0;
        for (DMatrixRMaj x : xs) {
            notFedBack.add(reference.step(x, h0));
            linear = preActivation(x, linear, wxh, whh, b);
            noTanh.add(linear);
        }
        shifted.addAll(expected.subList(0, t - 1));
        if (actual == null || actual.size() != t) {
            throw new AssertionError("VanillaRnn.forward on " + t + " steps must return " + t + " states (h_1 .. h_T) but returned "
                    + (actual == null ? "null" : actual.size()));
        }
        Check.close("the " + t + " states h_1 .. h_T of VanillaRnn.forward, stacked (batch " + n + ", D = " + d
                        + ", H = " + h + ")", stack(actual), stack(expected), 1e-9,
                new Mistake("h_{t-1} not fed back: every step started from h0", stack(notFedBack)),
                new Mistake("the states shifted by one: h_0 .. h_{T-1} returned instead of h_1 .. h_T", stack(shifted)),
                new Mistake("tanh missing in step", stack(noTanh)));
    }

    private static DMatrixRMaj preActivation(DMatrixRMaj x, DMatrixRMaj hPrev, DMatrixRMaj wxh, DMatrixRMaj whh,
                                             DMatrixRMaj b) {
        DMatrixRMaj z = new DMatrixRMaj(x.numRows, wxh.numCols);
        CommonOps_DDRM.mult(x, wxh, z);
        CommonOps_DDRM.multAdd(hPrev, whh, z);
        for (int i = 0; i < z.numRows; i++) {
            for (int j = 0; j < z.numCols; j++) {
                z.add(i, j, b.get(0, j));
            }
        }
        return z;
    }

    private static DMatrixRMaj stack(List<DMatrixRMaj> states) {
        return CommonOps_DDRM.concatRowsMulti(states.toArray(DMatrixRMaj[]::new));
    }
}
