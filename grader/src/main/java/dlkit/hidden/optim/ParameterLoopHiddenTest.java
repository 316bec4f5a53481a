package dlkit.hidden.optim;

import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.grader.api.ToReference;
import dlkit.optim.ParameterLoop;
import dlkit.optim.ParameterState;
import dlkit.optim.UpdateRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ParameterLoop against the reference: the student's loop and the reference's each step their
 * own Parameters (a {@link Given}, copied for each) with the same stateful rule, so that every
 * piece of plumbing shows in the numbers: the rule keeps a running sum in its state's buffer and
 * divides its step by the count {@code s.step() + 1}. Each wrong loop of the Known mistakes is
 * simulated here on the same inputs; the student's gradients must come out of each step unchanged.
 */
@Grades(ParameterLoop.class)
@ExtendWith(GradingRandom.class)
class ParameterLoopHiddenTest {

    private static final Known FROZEN_NOT_SKIPPED = new Known("ParameterLoop/frozen-not-skipped",
            "frozen parameters updated like the others: skip a parameter whose isFrozen() is true");
    private static final Known FROZEN_COUNTED = new Known("ParameterLoop/frozen-counted",
            "a frozen parameter's steps counted while it is skipped: check isFrozen() before taking its state,"
                    + " so its s.step() does not move while it is frozen");
    private static final Known SHARED_STATE = new Known("ParameterLoop/shared-state",
            "one state shared by all parameters: each parameter needs its own ParameterState (a map from"
                    + " parameter to state)");
    private static final Known STATE_NOT_KEPT = new Known("ParameterLoop/state-not-kept",
            "a new state at every step: state(p) must make p's state the first time only, then return that same"
                    + " object (keep it in the map)");
    private static final Known COUNTED_AFTER_UPDATE = new Known("ParameterLoop/counted-after-update",
            "the step counted after the rule: call countStep() before rule.update, so s.step() is 1 at the first step");

    /** The buffer the test's rule keeps its running sum in. */
    private static final String SUM = "sum";

    /** The ways a loop can go wrong that the test simulates, one per Known mistake. */
    private enum Wrong { FROZEN_NOT_SKIPPED, FROZEN_COUNTED, SHARED_STATE, STATE_NOT_KEPT, COUNTED_AFTER_UPDATE }

    /** The test's rule on one parameter: sum = sum / 2 + dw; w = w - 0.1 sum / (t + 1). */
    private static void rule(double[] w, double[] dw, double[] sum, int t) {
        for (int i = 0; i < w.length; i++) {
            sum[i] = 0.5 * sum[i] + dw[i];
            w[i] -= 0.1 * sum[i] / (t + 1);
        }
    }

    /**
     * A run's inputs: P parameters of one shape (rows, cols), T steps, each step's gradients and
     * frozen flags.
     */
    private record Run(List<Parameter> start, DMatrixRMaj[][] grads, boolean[][] frozen) {

        static Run draw(RandomGenerator rng, int parameters, int steps, double frozenRate) {
            int rows = Draw.size(rng, 1, 4);
            int cols = Draw.size(rng, 1, 4);
            List<Parameter> start = new ArrayList<>();
            for (int p = 0; p < parameters; p++) {
                start.add(new Parameter("p" + p, Draw.normal(rng, rows, cols, 1.0)));
            }
            DMatrixRMaj[][] grads = new DMatrixRMaj[steps][parameters];
            boolean[][] frozen = new boolean[steps][parameters];
            for (int t = 0; t < steps; t++) {
                for (int p = 0; p < parameters; p++) {
                    grads[t][p] = Draw.normal(rng, rows, cols, 1.0);
                    frozen[t][p] = rng.nextDouble() < frozenRate;
                }
            }
            return new Run(start, grads, frozen);
        }

        /** Freezes the second parameter for the first {@code k} steps only. */
        Run secondFrozenFor(int k) {
            for (int t = 0; t < frozen.length; t++) {
                frozen[t] = new boolean[frozen[t].length];
                frozen[t][1] = t < k;
            }
            return this;
        }

        int steps() {
            return grads.length;
        }

        /** What a loop with the mistake {@code wrong} gives: the values after each step, and the s.step() the rule saw. */
        Outcome simulate(Wrong wrong) {
            int count = start.size();
            List<double[]> w = new ArrayList<>();
            int[] steps = new int[count];
            double[][] sums = new double[count][];
            for (Parameter p : start) {
                w.add(p.value().data.clone());
            }
            List<DMatrixRMaj> values = new ArrayList<>();
            List<Double> seen = new ArrayList<>();
            for (int t = 0; t < steps(); t++) {
                for (int p = 0; p < count; p++) {
                    boolean frozenNow = frozen[t][p];
                    if (frozenNow && wrong != Wrong.FROZEN_NOT_SKIPPED && wrong != Wrong.FROZEN_COUNTED) {
                        continue;
                    }
                    int k = wrong == Wrong.SHARED_STATE ? 0 : p;
                    if (sums[k] == null || wrong == Wrong.STATE_NOT_KEPT) {
                        sums[k] = new double[w.get(p).length];
                        steps[k] = 0;
                    }
                    if (wrong != Wrong.COUNTED_AFTER_UPDATE) {
                        steps[k]++;
                    }
                    if (frozenNow && wrong == Wrong.FROZEN_COUNTED) {
                        continue;
                    }
                    seen.add((double) steps[k]);
                    rule(w.get(p), grads[t][p].data, sums[k], steps[k]);
                    if (wrong == Wrong.COUNTED_AFTER_UPDATE) {
                        steps[k]++;
                    }
                }
                values.add(stack(w));
            }
            return new Outcome(values, row(seen));
        }
    }

    /** The values of all parameters after each step, one row per parameter, and the s.step() of each call of the rule. */
    private record Outcome(List<DMatrixRMaj> values, DMatrixRMaj stepsSeen) {}

    /** Runs the student's loop and the reference's on the run, checking each step's values; returns both outcomes. */
    private static Outcome[] run(Run run, Known... mistakes) {
        Given<List<Parameter>> given = Given.ofParameters("params", run.start());
        List<Parameter> student = given.student();
        var reference = ToReference.parameters(given.copy());
        ParameterLoop loop = new ParameterLoop(student);
        var referenceLoop = new dlkit.reference.optim.ParameterLoop(reference);
        List<Double> studentSeen = new ArrayList<>();
        List<Double> referenceSeen = new ArrayList<>();
        UpdateRule studentRule = (w, dw, s) -> {
            studentSeen.add((double) s.step());
            rule(w.data, dw.data, s.buffer(SUM).data, s.step());
        };
        dlkit.reference.optim.UpdateRule referenceRule = (w, dw, s) -> {
            referenceSeen.add((double) s.step());
            rule(w.data, dw.data, s.buffer(SUM).data, s.step());
        };
        List<Outcome> wrongs = new ArrayList<>();
        for (Known mistake : mistakes) {
            wrongs.add(run.simulate(wrongOf(mistake)));
        }
        List<DMatrixRMaj> studentValues = new ArrayList<>();
        List<DMatrixRMaj> referenceValues = new ArrayList<>();
        for (int t = 0; t < run.steps(); t++) {
            for (int p = 0; p < student.size(); p++) {
                student.get(p).setFrozen(run.frozen()[t][p]);
                reference.get(p).setFrozen(run.frozen()[t][p]);
                student.get(p).grad().setTo(run.grads()[t][p]);
                reference.get(p).grad().setTo(run.grads()[t][p]);
            }
            loop.step(studentRule);
            referenceLoop.step(referenceRule);
            List<double[]> studentRows = new ArrayList<>();
            List<double[]> referenceRows = new ArrayList<>();
            for (int p = 0; p < student.size(); p++) {
                Given.unchanged("ParameterLoop.step", "the gradient of " + student.get(p).name(), run.grads()[t][p],
                        student.get(p).grad());
                studentRows.add(student.get(p).value().data);
                referenceRows.add(reference.get(p).value().data);
            }
            studentValues.add(stack(studentRows));
            referenceValues.add(stack(referenceRows));
            Check.Mistake[] known = new Check.Mistake[mistakes.length];
            for (int i = 0; i < mistakes.length; i++) {
                known[i] = mistakes[i].wouldGive(wrongs.get(i).values().get(t));
            }
            Check.close("the parameters after step " + (t + 1) + " (one row each" + frozenNote(run, t) + ")",
                    studentValues.get(t), referenceValues.get(t), 1e-9, known);
        }
        return new Outcome[] {new Outcome(studentValues, row(studentSeen)), new Outcome(referenceValues, row(referenceSeen))};
    }

    @Test
    @Points(2)
    void skipsTheFrozenParameters(RandomGenerator rng) {
        Run run = Run.draw(rng, 3, 4, 0.4);
        run.frozen()[0][Draw.size(rng, 0, 2)] = true;
        run(run, FROZEN_NOT_SKIPPED, FROZEN_COUNTED);
    }

    @Test
    @Points(2)
    void eachParameterHasItsOwnState(RandomGenerator rng) {
        Run run = Run.draw(rng, 3, 4, 0.0);
        Given<List<Parameter>> given = Given.ofParameters("params", run.start());
        run(run, SHARED_STATE);

        // The states themselves: one per parameter, each with its own buffer.
        List<Parameter> student = given.student();
        ParameterLoop loop = new ParameterLoop(student);
        Check.holds("ParameterLoop.state of two parameters are two different objects",
                loop.state(student.get(0)) != loop.state(student.get(1)), SHARED_STATE);
    }

    @Test
    @Points(1)
    void keepsEachStateFromStepToStep(RandomGenerator rng) {
        Run run = Run.draw(rng, 2, 3, 0.0);
        run(run, STATE_NOT_KEPT);

        Given<List<Parameter>> given = Given.ofParameters("params", run.start());
        List<Parameter> student = given.student();
        ParameterLoop loop = new ParameterLoop(student);
        List<ParameterState> seen = new ArrayList<>();
        loop.step((w, dw, s) -> seen.add(s));
        Check.holds("ParameterLoop.state(p) after a step is the state the rule was given at that step",
                seen.size() == 2 && loop.state(student.get(0)) == seen.get(0), STATE_NOT_KEPT);
        Check.holds("ParameterLoop.state(p) twice gives the same object",
                loop.state(student.get(1)) == loop.state(student.get(1)), STATE_NOT_KEPT);
    }

    @Test
    @Points(1)
    void eachParameterCountsItsOwnSteps(RandomGenerator rng) {
        // The second parameter is frozen for the first k steps: its first step after that is its
        // own s.step() == 1, as torch.optim.Adam keeps state["step"] per parameter.
        int frozenSteps = Draw.size(rng, 1, 3);
        Run run = Run.draw(rng, 2, frozenSteps + Draw.size(rng, 2, 4), 0.0).secondFrozenFor(frozenSteps);
        Known[] mistakes = {COUNTED_AFTER_UPDATE, FROZEN_COUNTED, SHARED_STATE, STATE_NOT_KEPT};
        List<Outcome> wrongs = new ArrayList<>();
        for (Known mistake : mistakes) {
            wrongs.add(run.simulate(wrongOf(mistake)));
        }
        Outcome[] outcomes = run(run, mistakes);
        Check.Mistake[] known = new Check.Mistake[mistakes.length];
        for (int i = 0; i < mistakes.length; i++) {
            known[i] = mistakes[i].wouldGive(wrongs.get(i).stepsSeen());
        }
        Check.close("s.step() at each call of the rule, in order (the second parameter frozen for steps 1 to "
                + frozenSteps + ")", outcomes[0].stepsSeen(), outcomes[1].stepsSeen(), 0.0, known);
    }

    private static Wrong wrongOf(Known mistake) {
        return Map.of(FROZEN_NOT_SKIPPED, Wrong.FROZEN_NOT_SKIPPED, FROZEN_COUNTED, Wrong.FROZEN_COUNTED,
                SHARED_STATE, Wrong.SHARED_STATE, STATE_NOT_KEPT, Wrong.STATE_NOT_KEPT,
                COUNTED_AFTER_UPDATE, Wrong.COUNTED_AFTER_UPDATE).get(mistake);
    }

    private static String frozenNote(Run run, int t) {
        List<String> names = new ArrayList<>();
        for (int p = 0; p < run.start().size(); p++) {
            if (run.frozen()[t][p]) {
                names.add(run.start().get(p).name());
            }
        }
        return names.isEmpty() ? "" : "; frozen at this step: " + String.join(", ", names);
    }

    /** The arrays as the rows of one matrix; all have the same length. */
    private static DMatrixRMaj stack(List<double[]> rows) {
        DMatrixRMaj m = new DMatrixRMaj(rows.size(), rows.get(0).length);
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, m.data, r * m.numCols, m.numCols);
        }
        return m;
    }

    private static DMatrixRMaj row(List<Double> values) {
        DMatrixRMaj m = new DMatrixRMaj(1, values.size());
        for (int i = 0; i < values.size(); i++) {
            m.data[i] = values.get(i);
        }
        return m;
    }
}
