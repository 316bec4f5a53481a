package dlkit.data;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SmoteTest {

    // Rows 0, 2, 3 are the minority (class 1); row 1 (class 0) is closest to row 0 but is not a
    // minority row, so it is never a neighbour.
    private final DMatrixRMaj x = Matrices.of(new double[][] {{0, 0}, {1, 0}, {3, 0}, {0, 4}, {100, 100}});
    private final int[] labels = {1, 0, 1, 1, 0};

    @Test
    void nearestNeighboursByHand() {
        // From row 0: row 2 at distance 3, row 3 at distance 4.
        assertThat(Smote.nearestNeighbours(x, new int[] {0, 2, 3}, 0, 2)).as("Smote.nearestNeighbours(x, new int[] {0, 2, 3}, 0, 2)").containsExactly(2, 3);
        // From row 2: row 0 at 3, row 3 at 5.
        assertThat(Smote.nearestNeighbours(x, new int[] {0, 2, 3}, 2, 1)).as("Smote.nearestNeighbours(x, new int[] {0, 2, 3}, 2, 1)").containsExactly(0);
    }

    @Test
    void tiesGoToTheSmallerIndex() {
        // Rows 0 and 2 are both at distance 1 from row 1; row 3 is at distance 2.
        DMatrixRMaj line = Matrices.of(new double[][] {{3}, {2}, {1}, {0}});
        assertThat(Smote.nearestNeighbours(line, new int[] {3, 2, 1, 0}, 1, 3)).as("Smote.nearestNeighbours(line, new int[] {3, 2, 1, 0}, 1, 3)").containsExactly(0, 2, 3);
    }

    @Test
    void synthesizeByHand() {
        // Draw a = members[nextInt(3)] = members[0] = row 0; its nearest minority neighbour (k = 1)
        // is row 2, b = neighbours[nextInt(1)]; u = nextDouble() = 0.5:
        //   (0, 0) + 0.5 * ((3, 0) - (0, 0)) = (1.5, 0).
        // Then a = members[2] = row 3, whose nearest is row 0 (distance 4 < 5); u = 0.25: (0, 3).
        ScriptedRandom rng = new ScriptedRandom().withInts(0, 0, 2, 0).withDoubles(0.5, 0.25);
        DMatrixRMaj synthetic = Smote.synthesize(x, labels, 1, 2, 1, rng);
        assertThat(synthetic).as("Smote.synthesize synthetic").isCloseTo(Matrices.of(new double[][] {{1.5, 0}, {0, 3}}), 1e-15);
        assertThat(rng.exhausted()).as("Smote exhausted").isTrue();
    }

    @Test
    void syntheticRowsLieOnSegmentsToNearMinorityNeighbours() {
        SplittableRandom rng = new SplittableRandom(11);
        DMatrixRMaj data = new DMatrixRMaj(30, 3);
        int[] y = new int[30];
        for (int i = 0; i < 30; i++) {
            y[i] = i % 4 == 0 ? 1 : 0;
            for (int d = 0; d < 3; d++) {
                data.set(i, d, rng.nextGaussian() + 3 * y[i]);
            }
        }
        int k = 3;
        DMatrixRMaj synthetic = Smote.synthesize(data, y, 1, 40, k, rng);
        assertThat(synthetic).as("Smote.synthesize synthetic").hasShape(40, 3);
        int[] members = Resampling.membersOf(y, 1);
        for (int s = 0; s < synthetic.numRows; s++) {
            assertThat(onSomeSegment(data, members, synthetic, s, k)).as("synthetic row %d on a segment", s).isTrue();
        }
    }

    /** True if row s of p is x_a + u (x_b - x_a), u in [0, 1], b among a's k nearest minority rows. */
    static boolean onSomeSegment(DMatrixRMaj x, int[] members, DMatrixRMaj p, int s, int k) {
        for (int a : members) {
            for (int b : Smote.nearestNeighbours(x, members, a, k)) {
                if (distanceToSegment(x, a, b, p, s) <= 1e-12) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double distanceToSegment(DMatrixRMaj x, int a, int b, DMatrixRMaj p, int s) {
        double dot = 0;
        double len2 = 0;
        for (int d = 0; d < x.numCols; d++) {
            double ab = x.get(b, d) - x.get(a, d);
            dot += (p.get(s, d) - x.get(a, d)) * ab;
            len2 += ab * ab;
        }
        double u = len2 == 0 ? 0 : Math.max(0, Math.min(1, dot / len2));
        double worst = 0;
        for (int d = 0; d < x.numCols; d++) {
            double closest = x.get(a, d) + u * (x.get(b, d) - x.get(a, d));
            worst = Math.max(worst, Math.abs(p.get(s, d) - closest));
        }
        return worst;
    }
}
