package dlkit.hidden.nets;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
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

    private static final Known MISSING_TANH = new Known("VanillaRnn/missing-tanh",
            "tanh missing: h = x W_xh + hPrev W_hh + b must go through tanh");
    private static final Known NOT_FED_BACK = new Known("VanillaRnn/state-not-fed-back",
            "h_{t-1} not fed back: every step started from h0");
    private static final Known SHIFTED = new Known("VanillaRnn/states-shifted",
            "the states shifted by one: h_0 .. h_{T-1} returned instead of h_1 .. h_T");

    @Test
    @Points(2)
    void stepMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 1, 4);
        int d = Draw.size(rng, 1, 5);
        int h = Draw.size(rng, 1, 5);
        Given<DMatrixRMaj> wxh = Given.of("wxh", Draw.normal(rng, d, h, 0.8));
        Given<DMatrixRMaj> whh = Given.of("whh", Draw.normal(rng, h, h, 0.8));
        Given<DMatrixRMaj> b = Given.of("b", Draw.normal(rng, 1, h, 0.5));
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, n, d, 1.0));
        Given<DMatrixRMaj> hPrev = Given.of("hPrev", Draw.uniform(rng, n, h, -1, 1));

        DMatrixRMaj actual = new VanillaRnn(wxh.student(), whh.student(), b.student()).step(x.student(), hPrev.student());
        Given.unchanged("VanillaRnn.step", wxh, whh, b, x, hPrev);
        DMatrixRMaj expected = new dlkit.reference.nets.VanillaRnn(wxh.copy(), whh.copy(), b.copy())
                .step(x.copy(), hPrev.copy());

        Check.close("VanillaRnn.step with a batch of " + n + ", D = " + d + ", H = " + h, actual, expected, 1e-9,
                MISSING_TANH.wouldGive(preActivation(x.copy(), hPrev.copy(), wxh.copy(), whh.copy(), b.copy())));
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
        var reference = new dlkit.reference.nets.VanillaRnn(wxh.copy(), whh.copy(), b.copy());
        List<Given<DMatrixRMaj>> givenXs = new ArrayList<>();
        for (int s = 0; s < t; s++) {
            givenXs.add(Given.of("xs[" + s + "]", xs.get(s)));
        }
        Given<DMatrixRMaj> givenH0 = Given.of("h0", h0);
        Given<DMatrixRMaj> givenWxh = Given.of("wxh", wxh);
        Given<DMatrixRMaj> givenWhh = Given.of("whh", whh);
        Given<DMatrixRMaj> givenB = Given.of("b", b);

        List<DMatrixRMaj> actual = new VanillaRnn(givenWxh.student(), givenWhh.student(), givenB.student())
                .forward(givenXs.stream().map(Given::student).toList(), givenH0.student());
        Given.unchanged("VanillaRnn.forward", givenH0, givenWxh, givenWhh, givenB);
        Given.unchanged("VanillaRnn.forward", givenXs.toArray(Given<?>[]::new));
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
                NOT_FED_BACK.wouldGive(stack(notFedBack)), SHIFTED.wouldGive(stack(shifted)),
                MISSING_TANH.wouldGive(stack(noTanh)));
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
