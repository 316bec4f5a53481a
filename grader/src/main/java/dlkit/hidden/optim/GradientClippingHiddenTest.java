package dlkit.hidden.optim;

import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.optim.GradientClipping;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(GradientClipping.class)
@ExtendWith(GradingRandom.class)
class GradientClippingHiddenTest {

    /** 2 to 5 gradients of random shapes and scales. */
    private static List<DMatrixRMaj> drawGrads(RandomGenerator rng) {
        List<DMatrixRMaj> grads = new ArrayList<>();
        int count = Draw.size(rng, 2, 5);
        for (int k = 0; k < count; k++) {
            grads.add(Draw.normal(rng, Draw.size(rng, 1, 4), Draw.size(rng, 1, 4), Math.pow(10, rng.nextDouble(-1, 1))));
        }
        return grads;
    }

    private static List<Parameter> student(List<DMatrixRMaj> grads) {
        List<Parameter> params = new ArrayList<>();
        for (DMatrixRMaj g : grads) {
            Parameter p = new Parameter("p", new DMatrixRMaj(g.numRows, g.numCols));
            p.grad().setTo(g);
            params.add(p);
        }
        return params;
    }

    private static List<dlkit.reference.core.Parameter> reference(List<DMatrixRMaj> grads) {
        List<dlkit.reference.core.Parameter> params = new ArrayList<>();
        for (DMatrixRMaj g : grads) {
            var p = new dlkit.reference.core.Parameter("p", new DMatrixRMaj(g.numRows, g.numCols));
            p.grad().setTo(g);
            params.add(p);
        }
        return params;
    }

    /** All gradients side by side in one row, so one check covers every tensor. */
    private static DMatrixRMaj concat(List<DMatrixRMaj> grads) {
        DMatrixRMaj all = new DMatrixRMaj(1, grads.stream().mapToInt(DMatrixRMaj::getNumElements).sum());
        int at = 0;
        for (DMatrixRMaj g : grads) {
            System.arraycopy(g.data, 0, all.data, at, g.getNumElements());
            at += g.getNumElements();
        }
        return all;
    }

    private static double sumOfSquares(DMatrixRMaj g) {
        double s = 0;
        for (int i = 0; i < g.getNumElements(); i++) {
            s += g.data[i] * g.data[i];
        }
        return s;
    }

    @Test
    @Points(1)
    void byValueMatchesReference(RandomGenerator rng) {
        List<DMatrixRMaj> grads = drawGrads(rng);
        double clip = rng.nextDouble(0.05, 1.0);
        List<Parameter> s = student(grads);
        var r = reference(grads);
        GradientClipping.clipByValue(s, clip);
        dlkit.reference.optim.GradientClipping.clipByValue(r, clip);
        List<DMatrixRMaj> upperOnly = grads.stream().map(g -> dlkit.core.Matrices.map(g, x -> Math.min(clip, x))).toList();
        Check.close("gradients after clipByValue(" + clip + ") on " + grads.size() + " tensors, side by side",
                concat(s.stream().map(Parameter::grad).toList()), concat(r.stream().map(p -> p.grad()).toList()), 0.0,
                new Mistake("only the upper bound was applied; clamp to [-clip, clip]", concat(upperOnly)));
    }

    @Test
    @Points(1)
    void globalNormMatchesReference(RandomGenerator rng) {
        List<DMatrixRMaj> grads = drawGrads(rng);
        double largestTensorNorm = grads.stream().mapToDouble(g -> Math.sqrt(sumOfSquares(g))).max().orElseThrow();
        Check.close("globalNorm of " + grads.size() + " tensors", GradientClipping.globalNorm(student(grads)),
                dlkit.reference.optim.GradientClipping.globalNorm(reference(grads)), 1e-12,
                Mistake.of("the norm of one tensor; the global norm covers every element of every tensor", largestTensorNorm));
    }

    @Test
    @Points(3)
    void byGlobalNormScalesEveryTensorByOneFactor(RandomGenerator rng) {
        List<DMatrixRMaj> grads = drawGrads(rng);
        double total = Math.sqrt(grads.stream().mapToDouble(GradientClippingHiddenTest::sumOfSquares).sum());
        double maxNorm = total * rng.nextDouble(0.1, 0.9);
        List<Parameter> s = student(grads);
        var r = reference(grads);
        double returned = GradientClipping.clipByGlobalNorm(s, maxNorm);
        double expectedReturn = dlkit.reference.optim.GradientClipping.clipByGlobalNorm(r, maxNorm);
        List<DMatrixRMaj> eachOwn = new ArrayList<>();
        for (DMatrixRMaj g : grads) {
            double scale = Math.min(1, maxNorm / (Math.sqrt(sumOfSquares(g)) + 1e-6));
            eachOwn.add(dlkit.core.Matrices.map(g, x -> x * scale));
        }
        Check.close("gradients after clipByGlobalNorm(maxNorm = " + maxNorm + ") on " + grads.size()
                        + " tensors with global norm " + total + ", side by side",
                concat(s.stream().map(Parameter::grad).toList()), concat(r.stream().map(p -> p.grad()).toList()), 1e-12,
                new Mistake("each tensor clipped by its own norm; one factor maxNorm / (global norm + 1e-6) "
                        + "must scale every tensor, so the overall direction is kept", concat(eachOwn)));
        Check.close("the norm clipByGlobalNorm returns (measured before clipping)", returned, expectedReturn, 1e-12,
                Mistake.of("the norm after clipping was returned", maxNorm));
    }

    @Test
    @Points(1)
    void byGlobalNormLeavesSmallGradientsAlone(RandomGenerator rng) {
        List<DMatrixRMaj> grads = drawGrads(rng);
        double total = Math.sqrt(grads.stream().mapToDouble(GradientClippingHiddenTest::sumOfSquares).sum());
        double maxNorm = total * rng.nextDouble(1.1, 3);
        List<Parameter> s = student(grads);
        GradientClipping.clipByGlobalNorm(s, maxNorm);
        List<DMatrixRMaj> stretched = grads.stream()
                .map(g -> dlkit.core.Matrices.map(g, x -> x * maxNorm / (total + 1e-6))).toList();
        Check.close("gradients after clipByGlobalNorm with a global norm below maxNorm (must stay as they are)",
                concat(s.stream().map(Parameter::grad).toList()), concat(grads), 0.0,
                new Mistake("gradients were scaled up; scale only when maxNorm / (norm + 1e-6) < 1", concat(stretched)));
    }
}
