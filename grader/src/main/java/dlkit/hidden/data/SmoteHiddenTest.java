package dlkit.hidden.data;

import dlkit.core.Matrices;
import dlkit.data.Smote;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(Smote.class)
@ExtendWith(GradingRandom.class)
class SmoteHiddenTest {

    private static final Known ANY_CLASS = new Known("Smote/neighbours-from-any-class",
            "neighbours taken from every class; they must be minority rows only");
    private static final Known MIDPOINT = new Known("Smote/midpoint-gap",
            "a fixed gap u = 0.5 (the midpoint) instead of u = rng.nextDouble()");
    private static final Known TIES_IN_CANDIDATE_ORDER = new Known("Smote/ties-not-by-index",
            "equal distances left in the candidates' order; the smaller row index must come first");
    private static final Known UNEVEN_GAPS = new Known("Smote/uneven-gaps",
            "gaps u not drawn uniformly from [0, 1): u = rng.nextDouble()");

    @Test
    @Points(2)
    void nearestNeighboursMatchReference(RandomGenerator rng) {
        Data data = data(rng, false);
        int[] members = members(data.labels());
        int k = Draw.size(rng, 1, members.length - 1);
        for (int a : members) {
            Check.close("Smote.nearestNeighbours of row " + a + " among the " + members.length + " minority rows, k = " + k,
                    asRow(studentNeighbours(data.x(), members, a, k)),
                    asRow(dlkit.reference.data.Smote.nearestNeighbours(data.x(), members, a, k)), 0.0);
        }
    }

    @Test
    @Points(1)
    void nearestNeighboursBreakTiesByIndex(RandomGenerator rng) {
        // Points on a small integer grid: many equal distances, which the smaller index must win,
        // whatever the order of the candidates (shuffled here).
        Data data = data(rng, true);
        int[] members = members(data.labels());
        for (int i = members.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = members[i];
            members[i] = members[j];
            members[j] = t;
        }
        // Always at least one tie across the k-th place: rows 1, 2 and 3 lie at the same distance s
        // from row 0, and are offered from the largest index down.
        double s = rng.nextDouble(0.5, 2);
        DMatrixRMaj star = new DMatrixRMaj(new double[][] {{0, 0}, {s, 0}, {0, s}, {-s, 0}});
        int[] offered = {3, 2, 1, 0};
        Check.close("Smote.nearestNeighbours of row 0, k = 2, candidates [3, 2, 1, 0], where rows 1, 2 and 3 "
                        + "are all at distance " + s + " from row 0 (the smaller index wins a tie)",
                asRow(studentNeighbours(star, offered, 0, 2)),
                asRow(dlkit.reference.data.Smote.nearestNeighbours(star, offered, 0, 2)), 0.0,
                TIES_IN_CANDIDATE_ORDER.wouldGive(asRow(tiesInCandidateOrder(star, offered, 0, 2))));

        int k = Draw.size(rng, 2, members.length - 1);
        for (int a : members) {
            Check.close("Smote.nearestNeighbours of row " + a + ", k = " + k + ", on integer points with equal distances, "
                            + "candidates " + Arrays.toString(members),
                    asRow(studentNeighbours(data.x(), members, a, k)),
                    asRow(dlkit.reference.data.Smote.nearestNeighbours(data.x(), members, a, k)), 0.0,
                    TIES_IN_CANDIDATE_ORDER.wouldGive(asRow(tiesInCandidateOrder(data.x(), members, a, k))));
        }
    }

    /** The k nearest candidates by distance alone, ties left in the candidates' order (a stable sort). */
    private static int[] tiesInCandidateOrder(DMatrixRMaj x, int[] candidates, int i, int k) {
        return Arrays.stream(candidates).filter(c -> c != i).boxed()
                .sorted(java.util.Comparator.comparingDouble(c -> squaredDistance(x, i, c)))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    private static double squaredDistance(DMatrixRMaj x, int a, int b) {
        double sum = 0;
        for (int d = 0; d < x.numCols; d++) {
            double diff = x.get(a, d) - x.get(b, d);
            sum += diff * diff;
        }
        return sum;
    }

    /** The student's nearestNeighbours on copies of x and the candidates, which it must leave unchanged. */
    private static int[] studentNeighbours(DMatrixRMaj x, int[] candidates, int i, int k) {
        Given<DMatrixRMaj> givenX = Given.of("x", x);
        Given<int[]> givenCandidates = Given.of("candidates", candidates);
        int[] neighbours = Smote.nearestNeighbours(givenX.student(), givenCandidates.student(), i, k);
        Given.unchanged("Smote.nearestNeighbours", givenX, givenCandidates);
        return neighbours;
    }

    /** The student's synthesize on copies of x and the labels, which it must leave unchanged. */
    private static DMatrixRMaj studentSynthesize(Data data, int count, int k, RandomGenerator rng) {
        Given<DMatrixRMaj> x = Given.of("x", data.x());
        Given<int[]> labels = Given.of("labels", data.labels());
        DMatrixRMaj synthetic = Smote.synthesize(x.student(), labels.student(), 1, count, k, rng);
        Given.unchanged("Smote.synthesize", x, labels);
        return synthetic;
    }

    @Test
    @Points(2)
    void syntheticRowsLieOnSegmentsBetweenNearMinorityNeighbours(RandomGenerator rng) {
        // Holds whatever the order of draws. The gaps u must also be spread over [0, 1): of 200
        // rows, the number with u in [0.25, 0.75) is Binomial(200, 1/2); by Hoeffding it lies
        // outside [40, 160] (60 from its mean 100) with probability at most 2 exp(-2 * 60^2 / 200)
        // = 2 exp(-36) < 1e-15.
        Data data = data(rng, false);
        int[] members = members(data.labels());
        int k = Draw.size(rng, 1, Math.min(5, members.length - 1));
        int count = 200;
        DMatrixRMaj synthetic = studentSynthesize(data, count, k, new SplittableRandom(rng.nextLong()));
        if (synthetic == null || synthetic.numRows != count || synthetic.numCols != data.x().numCols) {
            throw Check.failure("the rows of Smote.synthesize(count = " + count + ")", "expected a (" + count + ", "
                    + data.x().numCols + ") matrix but was " + (synthetic == null ? "null" : "(" + synthetic.numRows + ", " + synthetic.numCols + ")"), null);
        }
        int middle = 0;
        for (int s = 0; s < count; s++) {
            double u = gapOnSomeSegment(data.x(), members, synthetic, s, k);
            if (Double.isNaN(u)) {
                throw Check.failure("synthetic row " + s + " of Smote.synthesize (k = " + k + ")", "it does not lie on a "
                        + "segment from a minority row to one of its " + k + " nearest minority neighbours, within 1e-9", null);
            }
            if (u >= 0.25 && u < 0.75) {
                middle++;
            }
        }
        Check.holds("the gaps u of Smote.synthesize spread over [0, 1): " + middle + " of " + count
                + " fall in [0.25, 0.75), expected about 100 (from 40 to 160)", middle >= 40 && middle <= 160,
                middle == count ? MIDPOINT : UNEVEN_GAPS);
    }

    @Test
    @Points(3)
    void synthesizeDrawsAsPrescribed(RandomGenerator rng) {
        Data data = data(rng, false);
        int[] members = members(data.labels());
        int k = Draw.size(rng, 1, Math.min(5, members.length - 1));
        int count = Draw.size(rng, 5, 20);
        long seed = rng.nextLong();

        DMatrixRMaj actual = studentSynthesize(data, count, k, new SplittableRandom(seed));
        DMatrixRMaj expected = dlkit.reference.data.Smote.synthesize(data.x(), data.labels(), 1, count, k,
                new SplittableRandom(seed));

        int[] everyRow = IntStream.range(0, data.labels().length).toArray();
        Check.close("Smote.synthesize of " + count + " rows, k = " + k + ", draws in the prescribed order (a, b, u)",
                actual, expected, 1e-12,
                ANY_CLASS.wouldGive(synthesize(data.x(), members, everyRow, count, k, new SplittableRandom(seed), false)),
                MIDPOINT.wouldGive(synthesize(data.x(), members, members, count, k, new SplittableRandom(seed), true)));
    }

    /** The algorithm with neighbours among {@code candidates} and, if {@code midpoint}, u = 0.5 without a draw. */
    private static DMatrixRMaj synthesize(DMatrixRMaj x, int[] members, int[] candidates, int count, int k,
                                          RandomGenerator rng, boolean midpoint) {
        DMatrixRMaj out = new DMatrixRMaj(count, x.numCols);
        for (int s = 0; s < count; s++) {
            int a = members[rng.nextInt(members.length)];
            int b = dlkit.reference.data.Smote.nearestNeighbours(x, candidates, a, k)[rng.nextInt(k)];
            double u = midpoint ? 0.5 : rng.nextDouble();
            for (int d = 0; d < x.numCols; d++) {
                out.set(s, d, x.get(a, d) + u * (x.get(b, d) - x.get(a, d)));
            }
        }
        return out;
    }

    /** The gap u of the first segment (a, b), b among a's k nearest minority rows, holding row s; NaN if none. */
    private static double gapOnSomeSegment(DMatrixRMaj x, int[] members, DMatrixRMaj p, int s, int k) {
        for (int a : members) {
            for (int b : dlkit.reference.data.Smote.nearestNeighbours(x, members, a, k)) {
                double dot = 0;
                double len2 = 0;
                for (int d = 0; d < x.numCols; d++) {
                    double ab = x.get(b, d) - x.get(a, d);
                    dot += (p.get(s, d) - x.get(a, d)) * ab;
                    len2 += ab * ab;
                }
                double u = Math.max(0, Math.min(1, dot / len2));
                double worst = 0;
                for (int d = 0; d < x.numCols; d++) {
                    worst = Math.max(worst, Math.abs(p.get(s, d) - (x.get(a, d) + u * (x.get(b, d) - x.get(a, d)))));
                }
                if (worst <= 1e-9) {
                    return u;
                }
            }
        }
        return Double.NaN;
    }

    private record Data(DMatrixRMaj x, int[] labels) {}

    /**
     * 15 to 40 rows of 2 to 4 features; class 1 (the minority, at least 6 rows) is shifted so that
     * majority rows sit among the minority ones. On a grid: integer features in [0, 3].
     */
    private static Data data(RandomGenerator rng, boolean grid) {
        int n = Draw.size(rng, 15, 40);
        int d = Draw.size(rng, 2, 4);
        int[] labels = new int[n];
        DMatrixRMaj x = grid ? new DMatrixRMaj(n, d) : Draw.normal(rng, n, d, 1.0);
        for (int i = 0; i < n; i++) {
            labels[i] = i < 6 || rng.nextDouble() < 0.25 ? 1 : 0;
            for (int j = 0; j < d; j++) {
                if (grid) {
                    x.set(i, j, rng.nextInt(4));
                } else {
                    x.add(i, j, 0.5 * labels[i]);
                }
            }
        }
        return new Data(x, labels);
    }

    private static int[] members(int[] labels) {
        return IntStream.range(0, labels.length).filter(i -> labels[i] == 1).toArray();
    }

    private static DMatrixRMaj asRow(int[] values) {
        return values == null ? null : Matrices.row(Arrays.stream(values).asDoubleStream().toArray());
    }
}
