package dlkit.hidden.nets;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.nets.Lstm;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(Lstm.class)
@ExtendWith(GradingRandom.class)
class LstmHiddenTest {

    private static final Known GATE_ORDER = new Known("Lstm/gate-order-ifog",
            "the gates read in CS231n's order i, f, o, g (tanh on the last block); PyTorch's order, the one stated, is"
                    + " i, f, g, o, with tanh on block 3 of 4");
    private static final Known CELL_DROPPED = new Known("Lstm/previous-cell-dropped",
            "the previous cell state left out: c = f * cPrev + i * g, the forget gate scales cPrev");
    private static final Known H_WITHOUT_TANH = new Known("Lstm/h-without-tanh", "h = o * c; it is o * tanh(c)");
    private static final Known DCPREV_WITHOUT_F = new Known("Lstm/dcprev-without-forget",
            "dcPrev without the forget gate: c = f * cPrev + ..., so dcPrev = dcTotal * f");
    private static final Known DC_WITHOUT_H_PATH = new Known("Lstm/cell-gradient-without-h-path",
            "the cell's gradient without the path through h: dcTotal = dc + dh * o * (1 - tanh(c)^2)");

    /**
     * Backward recomputes the forward pass, and near saturation 1 - h^2 (or s(1 - s) of a gate)
     * magnifies a rounding-level difference there: a forward within 1e-12 of the reference's moved
     * the gradients by 1e-8. So the gradients are held to 1e-6; every known mistake is off by 1e-2 or more.
     */
    private static final double BACKWARD = 1e-6;

    /** The cell's weights and one step's inputs, drawn for each test. */
    private record Step(int n, int d, int h, DMatrixRMaj wx, DMatrixRMaj wh, DMatrixRMaj b, DMatrixRMaj x,
                        DMatrixRMaj hPrev, DMatrixRMaj cPrev) {
        static Step draw(RandomGenerator rng) {
            int n = Draw.size(rng, 1, 4);
            int d = Draw.size(rng, 1, 4);
            int h = Draw.size(rng, 2, 4);
            return new Step(n, d, h, Draw.normal(rng, d, 4 * h, 0.8), Draw.normal(rng, h, 4 * h, 0.8),
                    Draw.normal(rng, 1, 4 * h, 0.5), Draw.normal(rng, n, d, 1.0), Draw.uniform(rng, n, h, -1, 1),
                    Draw.normal(rng, n, h, 1.0));
        }

        String what(String method) {
            return "Lstm." + method + " (batch " + n + ", D = " + d + ", H = " + h + ")";
        }

        dlkit.reference.nets.Lstm reference() {
            return new dlkit.reference.nets.Lstm(wx.copy(), wh.copy(), b.copy());
        }
    }

    @Test
    @Points(2)
    void gatesMatchReference(RandomGenerator rng) {
        Step s = Step.draw(rng);
        Given<DMatrixRMaj> wx = Given.of("wx", s.wx());
        Given<DMatrixRMaj> wh = Given.of("wh", s.wh());
        Given<DMatrixRMaj> b = Given.of("b", s.b());
        Given<DMatrixRMaj> x = Given.of("x", s.x());
        Given<DMatrixRMaj> hPrev = Given.of("hPrev", s.hPrev());
        DMatrixRMaj actual = new Lstm(wx.student(), wh.student(), b.student()).gates(x.student(), hPrev.student());
        Given.unchanged("Lstm.gates", wx, wh, b, x, hPrev);
        DMatrixRMaj expected = s.reference().gates(s.x(), s.hPrev());
        Check.close("the gates [i | f | g | o] of " + s.what("gates"), actual, expected, 1e-9,
                GATE_ORDER.wouldGive(cs231nOrder(s, expected)));
    }

    @Test
    @Points(2)
    void forwardMatchesReference(RandomGenerator rng) {
        Step s = Step.draw(rng);
        Given<DMatrixRMaj> x = Given.of("x", s.x());
        Given<DMatrixRMaj> hPrev = Given.of("hPrev", s.hPrev());
        Given<DMatrixRMaj> cPrev = Given.of("cPrev", s.cPrev());
        Lstm.State actual = new Lstm(s.wx().copy(), s.wh().copy(), s.b().copy())
                .forward(x.student(), hPrev.student(), cPrev.student());
        Given.unchanged("Lstm.forward", x, hPrev, cPrev);
        if (actual == null) {
            throw Check.failure(s.what("forward"), "expected the states h and c but was null", null);
        }
        var expected = s.reference().forward(s.x(), s.hPrev(), s.cPrev());
        DMatrixRMaj gates = s.reference().gates(s.x(), s.hPrev());
        int h = s.h();
        DMatrixRMaj withoutCell = new DMatrixRMaj(s.n(), h);
        DMatrixRMaj withoutTanh = new DMatrixRMaj(s.n(), h);
        for (int n = 0; n < s.n(); n++) {
            for (int j = 0; j < h; j++) {
                withoutCell.set(n, j, gates.get(n, j) * gates.get(n, 2 * h + j));
                withoutTanh.set(n, j, gates.get(n, 3 * h + j) * expected.c().get(n, j));
            }
        }
        Check.close("c of " + s.what("forward"), actual.c(), expected.c(), 1e-9, CELL_DROPPED.wouldGive(withoutCell));
        Check.close("h of " + s.what("forward"), actual.h(), expected.h(), 1e-9, H_WITHOUT_TANH.wouldGive(withoutTanh));
    }

    @Test
    @Points(3)
    void backwardMatchesReference(RandomGenerator rng) {
        Step s = Step.draw(rng);
        DMatrixRMaj[] before = {Draw.normal(rng, s.d(), 4 * s.h(), 1.0), Draw.normal(rng, s.h(), 4 * s.h(), 1.0),
                Draw.normal(rng, 1, 4 * s.h(), 1.0)};
        Given<DMatrixRMaj> x = Given.of("x", s.x());
        Given<DMatrixRMaj> hPrev = Given.of("hPrev", s.hPrev());
        Given<DMatrixRMaj> cPrev = Given.of("cPrev", s.cPrev());
        Given<DMatrixRMaj> dh = Given.of("dh", Draw.normal(rng, s.n(), s.h(), 1.0));
        Given<DMatrixRMaj> dc = Given.of("dc", Draw.normal(rng, s.n(), s.h(), 1.0));
        Lstm student = new Lstm(s.wx().copy(), s.wh().copy(), s.b().copy());
        for (int p = 0; p < 3; p++) {
            student.parameters().get(p).grad().setTo(before[p]);
        }
        Lstm.Gradients actual = student.backward(x.student(), hPrev.student(), cPrev.student(), dh.student(), dc.student());
        Given.unchanged("Lstm.backward", x, hPrev, cPrev, dh, dc);
        if (actual == null) {
            throw Check.failure(s.what("backward"), "expected the gradients dx, dhPrev and dcPrev but was null", null);
        }
        var reference = s.reference();
        for (int p = 0; p < 3; p++) {
            reference.parameters().get(p).grad().setTo(before[p]);
        }
        var expected = reference.backward(s.x(), s.hPrev(), s.cPrev(), dh.copy(), dc.copy());
        DMatrixRMaj[] withoutF = flawed(s, dh.copy(), dc.copy(), true, false);
        DMatrixRMaj[] withoutHPath = flawed(s, dh.copy(), dc.copy(), false, true);

        String what = s.what("backward");
        // backward recomputes the gates: wrong gates are named as such, not as a wrong backward.
        Check.close("the gates that " + what + " recomputes with your gates (graded on its own by gatesMatchReference)",
                new Lstm(s.wx().copy(), s.wh().copy(), s.b().copy()).gates(s.x().copy(), s.hPrev().copy()),
                s.reference().gates(s.x(), s.hPrev()), 1e-9);
        Check.close("dcPrev of " + what, actual.dcPrev(), expected.dcPrev(), BACKWARD, DCPREV_WITHOUT_F.wouldGive(withoutF[2]),
                DC_WITHOUT_H_PATH.wouldGive(withoutHPath[2]));
        Check.close("dx of " + what, actual.dx(), expected.dx(), BACKWARD, DC_WITHOUT_H_PATH.wouldGive(withoutHPath[0]));
        Check.close("dhPrev of " + what, actual.dhPrev(), expected.dhPrev(), BACKWARD,
                DC_WITHOUT_H_PATH.wouldGive(withoutHPath[1]));
        String[] names = {"W_x", "W_h", "b"};
        for (int p = 0; p < 3; p++) {
            Check.close("d" + names[p] + " (added to the gradient already there) of " + what,
                    student.parameters().get(p).grad(), reference.parameters().get(p).grad(), BACKWARD);
        }
    }

    /** The gates with the blocks read in the order i, f, o, g: tanh on block 3 (0-based) instead of block 2. */
    private static DMatrixRMaj cs231nOrder(Step s, DMatrixRMaj gates) {
        DMatrixRMaj a = new DMatrixRMaj(s.n(), 4 * s.h());
        CommonOps_DDRM.mult(s.x(), s.wx(), a);
        CommonOps_DDRM.multAdd(s.hPrev(), s.wh(), a);
        for (int n = 0; n < a.numRows; n++) {
            for (int k = 0; k < a.numCols; k++) {
                double v = a.get(n, k) + s.b().get(0, k);
                a.set(n, k, k / s.h() == 3 ? Math.tanh(v) : 1 / (1 + Math.exp(-v)));
            }
        }
        return a;
    }

    /** dx, dhPrev and dcPrev of a backward pass with dcPrev missing its f, or dcTotal missing the path through h. */
    private static DMatrixRMaj[] flawed(Step s, DMatrixRMaj dh, DMatrixRMaj dc, boolean dcPrevWithoutF,
                                        boolean withoutHPath) {
        DMatrixRMaj gates = s.reference().gates(s.x(), s.hPrev());
        int hidden = s.h();
        DMatrixRMaj da = new DMatrixRMaj(s.n(), 4 * hidden);
        DMatrixRMaj dcPrev = new DMatrixRMaj(s.n(), hidden);
        for (int n = 0; n < s.n(); n++) {
            for (int j = 0; j < hidden; j++) {
                double i = gates.get(n, j);
                double f = gates.get(n, hidden + j);
                double g = gates.get(n, 2 * hidden + j);
                double o = gates.get(n, 3 * hidden + j);
                double tanhC = Math.tanh(f * s.cPrev().get(n, j) + i * g);
                double dcTotal = dc.get(n, j) + (withoutHPath ? 0 : dh.get(n, j) * o * (1 - tanhC * tanhC));
                da.set(n, j, dcTotal * g * i * (1 - i));
                da.set(n, hidden + j, dcTotal * s.cPrev().get(n, j) * f * (1 - f));
                da.set(n, 2 * hidden + j, dcTotal * i * (1 - g * g));
                da.set(n, 3 * hidden + j, dh.get(n, j) * tanhC * o * (1 - o));
                dcPrev.set(n, j, dcPrevWithoutF ? dcTotal : dcTotal * f);
            }
        }
        DMatrixRMaj dx = new DMatrixRMaj(s.n(), s.d());
        CommonOps_DDRM.multTransB(da, s.wx(), dx);
        DMatrixRMaj dhPrev = new DMatrixRMaj(s.n(), hidden);
        CommonOps_DDRM.multTransB(da, s.wh(), dhPrev);
        return new DMatrixRMaj[] {dx, dhPrev, dcPrev};
    }
}
