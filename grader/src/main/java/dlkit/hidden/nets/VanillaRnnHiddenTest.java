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
    private static final Known ONE_STEP = new Known("VanillaRnn/bptt-one-step",
            "the gradient not carried back through time: each step used only its own dh_t, without da_{t+1} W_hh^T"
                    + " from the step after it");
    private static final Known WHH_WITH_H_T = new Known("VanillaRnn/dwhh-uses-h-t",
            "dW_hh from h_t^T da_t; step t multiplies h_{t-1} by W_hh, so it is h_{t-1}^T da_t (h_0 at the first step)");
    private static final Known OVERWRITTEN = new Known("VanillaRnn/gradients-overwritten",
            "the weight gradients overwritten at every step, so only one step's part is left; W_xh, W_hh and b are shared"
                    + " by all steps: ADD every step's part into the gradients");

    /**
     * Backward recomputes the forward pass, and near saturation 1 - h^2 (or s(1 - s) of a gate)
     * magnifies a rounding-level difference there: a forward within 1e-12 of the reference's moved
     * the gradients by 1e-8. So the gradients are held to 1e-6; every known mistake is off by 1e-2 or more.
     */
    private static final double BACKWARD = 1e-6;

    /** What the student's backward gets, and the reference's results on it. */
    private record BackwardCase(String what, List<DMatrixRMaj> dxs, DMatrixRMaj dh0, List<DMatrixRMaj> grads,
                                Bptt expected, Bptt oneStep, Bptt whhWithHt, Bptt overwritten) {}

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
            throw Check.failure("the states of VanillaRnn.forward on " + t + " steps", "expected " + t
                    + " states (h_1 .. h_T) but was " + (actual == null ? "null" : actual.size() + " states"), null);
        }
        Check.close("the " + t + " states h_1 .. h_T of VanillaRnn.forward, stacked (batch " + n + ", D = " + d
                        + ", H = " + h + ")", stack(actual), stack(expected), 1e-9,
                NOT_FED_BACK.wouldGive(stack(notFedBack)), SHIFTED.wouldGive(stack(shifted)),
                MISSING_TANH.wouldGive(stack(noTanh)));
    }

    @Test
    @Points(2)
    void backwardInputGradientsMatchReference(RandomGenerator rng) {
        BackwardCase c = backwardCase(rng);
        Check.close("dL/dx_1 .. dL/dx_T of " + c.what() + ", stacked", stack(c.dxs()), stack(c.expected().dxs), BACKWARD,
                ONE_STEP.wouldGive(stack(c.oneStep().dxs)));
        Check.close("dL/dh_0 of " + c.what(), c.dh0(), c.expected().dh0, BACKWARD, ONE_STEP.wouldGive(c.oneStep().dh0));
    }

    @Test
    @Points(3)
    void backwardParameterGradientsMatchReference(RandomGenerator rng) {
        BackwardCase c = backwardCase(rng);
        String[] names = {"W_xh", "W_hh", "b"};
        for (int p = 0; p < names.length; p++) {
            Check.close("d" + names[p] + " (added to the gradient already there) of " + c.what(), c.grads().get(p),
                    c.expected().grads.get(p), BACKWARD, ONE_STEP.wouldGive(c.oneStep().grads.get(p)),
                    OVERWRITTEN.wouldGive(c.overwritten().grads.get(p)), WHH_WITH_H_T.wouldGive(c.whhWithHt().grads.get(p)));
        }
    }

    /**
     * A random sequence with a gradient at every step, weights whose gradients already hold random
     * numbers (backward ADDS into them); the student's backward run on copies, inputs checked unchanged.
     */
    private static BackwardCase backwardCase(RandomGenerator rng) {
        int t = Draw.size(rng, 3, 6);
        int n = Draw.size(rng, 1, 3);
        int d = Draw.size(rng, 1, 4);
        int h = Draw.size(rng, 2, 5);
        DMatrixRMaj[] weights = {Draw.normal(rng, d, h, 0.7), Draw.normal(rng, h, h, 0.7), Draw.normal(rng, 1, h, 0.5)};
        DMatrixRMaj[] before = {Draw.normal(rng, d, h, 1.0), Draw.normal(rng, h, h, 1.0), Draw.normal(rng, 1, h, 1.0)};
        List<Given<DMatrixRMaj>> xs = new ArrayList<>();
        List<Given<DMatrixRMaj>> dhs = new ArrayList<>();
        for (int s = 0; s < t; s++) {
            xs.add(Given.of("xs[" + s + "]", Draw.normal(rng, n, d, 1.0)));
            dhs.add(Given.of("dhs[" + s + "]", Draw.normal(rng, n, h, 1.0)));
        }
        Given<DMatrixRMaj> h0 = Given.of("h0", Draw.uniform(rng, n, h, -1, 1));
        List<Given<DMatrixRMaj>> givenWeights = List.of(Given.of("wxh", weights[0]), Given.of("whh", weights[1]),
                Given.of("b", weights[2]));

        VanillaRnn student = new VanillaRnn(givenWeights.get(0).student(), givenWeights.get(1).student(),
                givenWeights.get(2).student());
        for (int p = 0; p < 3; p++) {
            student.parameters().get(p).grad().setTo(before[p]);
        }
        VanillaRnn.Gradients g = student.backward(xs.stream().map(Given::student).toList(), h0.student(),
                dhs.stream().map(Given::student).toList());
        Given.unchanged("VanillaRnn.backward", xs.toArray(Given<?>[]::new));
        Given.unchanged("VanillaRnn.backward", dhs.toArray(Given<?>[]::new));
        Given.unchanged("VanillaRnn.backward", h0, givenWeights.get(0), givenWeights.get(1), givenWeights.get(2));
        String what = "VanillaRnn.backward over " + t + " steps (batch " + n + ", D = " + d + ", H = " + h + ")";
        if (g == null || g.dxs() == null || g.dxs().size() != t) {
            throw Check.failure("the dx's of " + what, "expected " + t + " matrices dL/dx_1 .. dL/dx_T but was "
                    + (g == null || g.dxs() == null ? "null" : g.dxs().size() + " matrices"), null);
        }
        List<DMatrixRMaj> grads = student.parameters().stream().map(p -> p.grad()).toList();

        List<DMatrixRMaj> x = xs.stream().map(Given::copy).toList();
        // backward runs forward: a wrong forward is named as such, not as a wrong backward.
        Check.close("the states h_1 .. h_T that " + what + " recomputes with your forward (graded on its own by"
                        + " forwardOverASequenceMatchesReference)",
                stack(new VanillaRnn(weights[0].copy(), weights[1].copy(), weights[2].copy()).forward(
                        xs.stream().map(Given::copy).toList(), h0.copy())),
                stack(new dlkit.reference.nets.VanillaRnn(weights[0].copy(), weights[1].copy(), weights[2].copy())
                        .forward(x, h0.copy())), 1e-9);
        List<DMatrixRMaj> dh = dhs.stream().map(Given::copy).toList();
        var reference = new dlkit.reference.nets.VanillaRnn(weights[0].copy(), weights[1].copy(), weights[2].copy());
        for (int p = 0; p < 3; p++) {
            reference.parameters().get(p).grad().setTo(before[p]);
        }
        var r = reference.backward(x, h0.copy(), dh);
        Bptt expected = new Bptt(r.dxs(), r.dh0(), reference.parameters().stream().map(p -> p.grad()).toList());
        List<DMatrixRMaj> hs = reference.forward(x, h0.copy());
        return new BackwardCase(what, g.dxs(), g.dh0(), grads, expected,
                bptt(x, h0.copy(), hs, dh, weights, before, Flaw.ONE_STEP),
                bptt(x, h0.copy(), hs, dh, weights, before, Flaw.WHH_WITH_H_T),
                bptt(x, h0.copy(), hs, dh, weights, before, Flaw.OVERWRITTEN));
    }

    private enum Flaw { ONE_STEP, WHH_WITH_H_T, OVERWRITTEN }

    /** The results of a backward pass: the dx's, dh0 and the three parameter gradients. */
    private record Bptt(List<DMatrixRMaj> dxs, DMatrixRMaj dh0, List<DMatrixRMaj> grads) {}

    /** Backpropagation through time with one known mistake, on the reference's states hs. */
    private static Bptt bptt(List<DMatrixRMaj> xs, DMatrixRMaj h0, List<DMatrixRMaj> hs, List<DMatrixRMaj> dhs,
                             DMatrixRMaj[] weights, DMatrixRMaj[] before, Flaw flaw) {
        List<DMatrixRMaj> grads = new ArrayList<>();
        for (DMatrixRMaj m : before) {
            grads.add(m.copy());
        }
        DMatrixRMaj[] dxs = new DMatrixRMaj[xs.size()];
        DMatrixRMaj dNext = new DMatrixRMaj(h0.numRows, h0.numCols);
        for (int t = xs.size() - 1; t >= 0; t--) {
            DMatrixRMaj h = hs.get(t);
            DMatrixRMaj da = new DMatrixRMaj(h.numRows, h.numCols);
            for (int i = 0; i < da.getNumElements(); i++) {
                double carried = flaw == Flaw.ONE_STEP ? 0 : dNext.data[i];
                da.data[i] = (dhs.get(t).data[i] + carried) * (1 - h.data[i] * h.data[i]);
            }
            DMatrixRMaj[] parts = {new DMatrixRMaj(weights[0].numRows, weights[0].numCols),
                    new DMatrixRMaj(weights[1].numRows, weights[1].numCols), new DMatrixRMaj(1, h.numCols)};
            CommonOps_DDRM.multTransA(xs.get(t), da, parts[0]);
            CommonOps_DDRM.multTransA(flaw == Flaw.WHH_WITH_H_T ? h : t == 0 ? h0 : hs.get(t - 1), da, parts[1]);
            CommonOps_DDRM.sumCols(da, parts[2]);
            for (int p = 0; p < 3; p++) {
                if (flaw == Flaw.OVERWRITTEN) {
                    grads.get(p).setTo(parts[p]);
                } else {
                    CommonOps_DDRM.addEquals(grads.get(p), parts[p]);
                }
            }
            dxs[t] = new DMatrixRMaj(h.numRows, weights[0].numRows);
            CommonOps_DDRM.multTransB(da, weights[0], dxs[t]);
            dNext = new DMatrixRMaj(h.numRows, h.numCols);
            CommonOps_DDRM.multTransB(da, weights[1], dNext);
        }
        return new Bptt(List.of(dxs), dNext, grads);
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
