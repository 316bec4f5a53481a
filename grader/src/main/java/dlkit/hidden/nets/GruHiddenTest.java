package dlkit.hidden.nets;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.nets.Gru;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(Gru.class)
@ExtendWith(GradingRandom.class)
class GruHiddenTest {

    private static final Known RESET_BEFORE_PRODUCT = new Known("Gru/reset-before-product",
            "the reset gate applied to hPrev before the product, (r * hPrev) W_hn + b_hn, as in the original paper;"
                    + " PyTorch's convention, the one stated, is r * (hPrev W_hn + b_hn)");
    private static final Known UPDATE_SWAPPED = new Known("Gru/update-gate-swapped",
            "z and 1 - z swapped: h = (1 - z) * n + z * hPrev, z keeps the old state");
    private static final Known DHPREV_WITHOUT_DIRECT = new Known("Gru/dhprev-without-direct-path",
            "dhPrev without the direct path: h = ... + z * hPrev, so dhPrev = dh * z + dah W_h^T");
    private static final Known DZ_SIGN = new Known("Gru/update-gradient-sign",
            "dz with the wrong sign: dh/dz = hPrev - n, not n - hPrev");

    /**
     * Backward recomputes the gates, and near saturation s(1 - s) or 1 - n^2 magnifies a
     * rounding-level difference there: gates within 1e-12 of the reference's moved the gradients by
     * 1e-8. Forward's h = (1 - z) n + z hPrev, where the two terms nearly cancel, magnifies it as
     * well. So both are held to 1e-6; every known mistake is off by 1e-2 or more.
     */
    private static final double BACKWARD = 1e-6;

    /** The cell's weights and one step's inputs, drawn for each test. */
    private record Step(int n, int d, int h, DMatrixRMaj wx, DMatrixRMaj wh, DMatrixRMaj bx, DMatrixRMaj bh,
                        DMatrixRMaj x, DMatrixRMaj hPrev) {
        static Step draw(RandomGenerator rng) {
            int n = Draw.size(rng, 1, 4);
            int d = Draw.size(rng, 1, 4);
            int h = Draw.size(rng, 2, 4);
            return new Step(n, d, h, Draw.normal(rng, d, 3 * h, 0.8), Draw.normal(rng, h, 3 * h, 0.8),
                    Draw.normal(rng, 1, 3 * h, 0.5), Draw.normal(rng, 1, 3 * h, 0.5), Draw.normal(rng, n, d, 1.0),
                    Draw.uniform(rng, n, h, -1, 1));
        }

        String what(String method) {
            return "Gru." + method + " (batch " + n + ", D = " + d + ", H = " + h + ")";
        }

        dlkit.reference.nets.Gru reference() {
            return new dlkit.reference.nets.Gru(wx.copy(), wh.copy(), bx.copy(), bh.copy());
        }

        Gru student() {
            return new Gru(wx.copy(), wh.copy(), bx.copy(), bh.copy());
        }
    }

    @Test
    @Points(2)
    void gatesMatchReference(RandomGenerator rng) {
        Step s = Step.draw(rng);
        Given<DMatrixRMaj> wx = Given.of("wx", s.wx());
        Given<DMatrixRMaj> wh = Given.of("wh", s.wh());
        Given<DMatrixRMaj> bx = Given.of("bx", s.bx());
        Given<DMatrixRMaj> bh = Given.of("bh", s.bh());
        Given<DMatrixRMaj> x = Given.of("x", s.x());
        Given<DMatrixRMaj> hPrev = Given.of("hPrev", s.hPrev());
        DMatrixRMaj actual = new Gru(wx.student(), wh.student(), bx.student(), bh.student())
                .gates(x.student(), hPrev.student());
        Given.unchanged("Gru.gates", wx, wh, bx, bh, x, hPrev);
        DMatrixRMaj expected = s.reference().gates(s.x(), s.hPrev());
        Check.close("the gates [r | z | n] of " + s.what("gates"), actual, expected, 1e-9,
                RESET_BEFORE_PRODUCT.wouldGive(resetBeforeProduct(s, expected)));
    }

    @Test
    @Points(2)
    void forwardMatchesReference(RandomGenerator rng) {
        Step s = Step.draw(rng);
        Given<DMatrixRMaj> x = Given.of("x", s.x());
        Given<DMatrixRMaj> hPrev = Given.of("hPrev", s.hPrev());
        DMatrixRMaj actual = s.student().forward(x.student(), hPrev.student());
        Given.unchanged("Gru.forward", x, hPrev);
        DMatrixRMaj gates = s.reference().gates(s.x(), s.hPrev());
        DMatrixRMaj swapped = new DMatrixRMaj(s.n(), s.h());
        for (int n = 0; n < s.n(); n++) {
            for (int j = 0; j < s.h(); j++) {
                double z = gates.get(n, s.h() + j);
                swapped.set(n, j, z * gates.get(n, 2 * s.h() + j) + (1 - z) * s.hPrev().get(n, j));
            }
        }
        Check.close("h of " + s.what("forward"), actual, s.reference().forward(s.x(), s.hPrev()), BACKWARD,
                UPDATE_SWAPPED.wouldGive(swapped));
    }

    @Test
    @Points(3)
    void backwardMatchesReference(RandomGenerator rng) {
        Step s = Step.draw(rng);
        int h = s.h();
        DMatrixRMaj[] before = {Draw.normal(rng, s.d(), 3 * h, 1.0), Draw.normal(rng, h, 3 * h, 1.0),
                Draw.normal(rng, 1, 3 * h, 1.0), Draw.normal(rng, 1, 3 * h, 1.0)};
        Given<DMatrixRMaj> x = Given.of("x", s.x());
        Given<DMatrixRMaj> hPrev = Given.of("hPrev", s.hPrev());
        Given<DMatrixRMaj> dh = Given.of("dh", Draw.normal(rng, s.n(), h, 1.0));
        Gru student = s.student();
        for (int p = 0; p < 4; p++) {
            student.parameters().get(p).grad().setTo(before[p]);
        }
        Gru.Gradients actual = student.backward(x.student(), hPrev.student(), dh.student());
        Given.unchanged("Gru.backward", x, hPrev, dh);
        if (actual == null) {
            throw Check.failure(s.what("backward"), "expected the gradients dx and dhPrev but was null", null);
        }
        var reference = s.reference();
        for (int p = 0; p < 4; p++) {
            reference.parameters().get(p).grad().setTo(before[p]);
        }
        var expected = reference.backward(s.x(), s.hPrev(), dh.copy());

        // Without the direct path, dhPrev loses exactly dh * z.
        DMatrixRMaj gates = s.reference().gates(s.x(), s.hPrev());
        DMatrixRMaj withoutDirect = expected.dhPrev().copy();
        for (int n = 0; n < s.n(); n++) {
            for (int j = 0; j < h; j++) {
                withoutDirect.add(n, j, -dh.copy().get(n, j) * gates.get(n, h + j));
            }
        }
        // With dz's sign flipped, daz flips: dx and dhPrev lose twice the z block's part.
        DMatrixRMaj dazTwice = new DMatrixRMaj(s.n(), 3 * h);
        for (int n = 0; n < s.n(); n++) {
            for (int j = 0; j < h; j++) {
                double z = gates.get(n, h + j);
                double daz = dh.copy().get(n, j) * (s.hPrev().get(n, j) - gates.get(n, 2 * h + j)) * z * (1 - z);
                dazTwice.set(n, h + j, 2 * daz);
            }
        }
        DMatrixRMaj dxSignFlipped = expected.dx().copy();
        CommonOps_DDRM.multAddTransB(-1, dazTwice, s.wx(), dxSignFlipped);
        DMatrixRMaj dhPrevSignFlipped = expected.dhPrev().copy();
        CommonOps_DDRM.multAddTransB(-1, dazTwice, s.wh(), dhPrevSignFlipped);

        String what = s.what("backward");
        // backward recomputes the gates: wrong gates are named as such, not as a wrong backward.
        Check.close("the gates that " + what + " recomputes with your gates (graded on its own by gatesMatchReference)",
                s.student().gates(s.x().copy(), s.hPrev().copy()), gates, 1e-9);
        Check.close("dx of " + what, actual.dx(), expected.dx(), BACKWARD, DZ_SIGN.wouldGive(dxSignFlipped));
        Check.close("dhPrev of " + what, actual.dhPrev(), expected.dhPrev(), BACKWARD,
                DHPREV_WITHOUT_DIRECT.wouldGive(withoutDirect), DZ_SIGN.wouldGive(dhPrevSignFlipped));
        String[] names = {"W_x", "W_h", "b_x", "b_h"};
        for (int p = 0; p < 4; p++) {
            Check.close("d" + names[p] + " (added to the gradient already there) of " + what,
                    student.parameters().get(p).grad(), reference.parameters().get(p).grad(), BACKWARD);
        }
    }

    /** The gates with n = tanh(ax_n + (r * hPrev) W_hn + b_hn), the original paper's reset. */
    private static DMatrixRMaj resetBeforeProduct(Step s, DMatrixRMaj gates) {
        int h = s.h();
        DMatrixRMaj out = gates.copy();
        DMatrixRMaj ax = new DMatrixRMaj(s.n(), 3 * h);
        CommonOps_DDRM.mult(s.x(), s.wx(), ax);
        DMatrixRMaj resetH = new DMatrixRMaj(s.n(), h);
        for (int n = 0; n < s.n(); n++) {
            for (int j = 0; j < h; j++) {
                resetH.set(n, j, gates.get(n, j) * s.hPrev().get(n, j));
            }
        }
        DMatrixRMaj whn = CommonOps_DDRM.extract(s.wh(), 0, h, 2 * h, 3 * h);
        DMatrixRMaj product = new DMatrixRMaj(s.n(), h);
        CommonOps_DDRM.mult(resetH, whn, product);
        for (int n = 0; n < s.n(); n++) {
            for (int j = 0; j < h; j++) {
                int k = 2 * h + j;
                out.set(n, k, Math.tanh(ax.get(n, k) + s.bx().get(0, k) + product.get(n, j) + s.bh().get(0, k)));
            }
        }
        return out;
    }
}
