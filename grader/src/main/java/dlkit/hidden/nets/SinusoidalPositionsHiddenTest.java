package dlkit.hidden.nets;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.nets.SinusoidalPositions;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SinusoidalPositions against the reference. The angle pos / 10000^(2i/d) computed another way
 * (exp and log, a division instead of a product) differs in its last bits, about 1e-16 times the
 * angle, which an encoding near 0 turns into a relative error up to (1e-16 * T) / 1e-8; the
 * tolerance 1e-5 covers T up to 100, 1e-4 the long test's 512. Every named mistake is off by O(1).
 */
@Grades(SinusoidalPositions.class)
@ExtendWith(GradingRandom.class)
class SinusoidalPositionsHiddenTest {

    private static final Known SWAPPED = new Known("SinusoidalPositions/sin-cos-swapped",
            "sine and cosine swapped: even columns 2i hold the sine, odd columns 2i + 1 the cosine");
    private static final Known COLUMN_EXPONENT = new Known("SinusoidalPositions/exponent-by-column-index",
            "the exponent taken from the column index c; both columns of a pair share 2i / d_model, 2i the even one");
    private static final Known FROM_ONE = new Known("SinusoidalPositions/positions-from-one",
            "positions counted from 1; the first row is position 0, (0, 1, 0, 1, ...)");

    @Test
    @Points(2)
    void encodingsMatchReference(RandomGenerator rng) {
        int t = Draw.size(rng, 2, 40);
        int d = 2 * Draw.size(rng, 1, 6);
        check(t, d, 1e-5);
    }

    @Test
    @Points(1)
    void anOddWidthMatchesReference(RandomGenerator rng) {
        check(Draw.size(rng, 2, 30), 2 * Draw.size(rng, 1, 5) + 1, 1e-5);
    }

    @Test
    @Points(1)
    void aLongSequenceMatchesReference(RandomGenerator rng) {
        check(512, 2 * Draw.size(rng, 4, 8), 1e-4);
    }

    private static void check(int t, int d, double tolerance) {
        DMatrixRMaj expected = dlkit.reference.nets.SinusoidalPositions.encodings(t, d);
        DMatrixRMaj swapped = new DMatrixRMaj(t, d);
        DMatrixRMaj columnExponent = new DMatrixRMaj(t, d);
        DMatrixRMaj fromOne = new DMatrixRMaj(t, d);
        for (int pos = 0; pos < t; pos++) {
            for (int c = 0; c < d; c++) {
                double pairAngle = pos * Math.pow(10000, -(double) (c - c % 2) / d);
                double columnAngle = pos * Math.pow(10000, -(double) c / d);
                double nextAngle = (pos + 1) * Math.pow(10000, -(double) (c - c % 2) / d);
                swapped.set(pos, c, c % 2 == 0 ? Math.cos(pairAngle) : Math.sin(pairAngle));
                columnExponent.set(pos, c, c % 2 == 0 ? Math.sin(columnAngle) : Math.cos(columnAngle));
                fromOne.set(pos, c, c % 2 == 0 ? Math.sin(nextAngle) : Math.cos(nextAngle));
            }
        }
        Check.close("SinusoidalPositions.encodings(" + t + ", " + d + ")", SinusoidalPositions.encodings(t, d), expected,
                tolerance, SWAPPED.wouldGive(swapped), COLUMN_EXPONENT.wouldGive(columnExponent),
                FROM_ONE.wouldGive(fromOne));
    }
}
