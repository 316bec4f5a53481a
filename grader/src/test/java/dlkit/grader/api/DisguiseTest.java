package dlkit.grader.api;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.capstone.Dataset;
import dlkit.capstone.Split;
import dlkit.grader.api.Disguise.PixelMove;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The capstone's disguise moves pixels and classes only in ways the graded networks treat alike,
 * the same way in every part, and never leaves a class its own number.
 */
class DisguiseTest {

    /** Every row is the pixel numbers 0..63 (plus a row offset), so a disguised row tells where each pixel came from. */
    private static Split numbered() {
        return new Split(part(0, 30), part(100, 20), part(200, 10));
    }

    private static Dataset part(int offset, int n) {
        DMatrixRMaj x = new DMatrixRMaj(n, 64);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 64; j++) {
                x.set(i, j, 1000 * (offset + i) + j);
            }
        }
        return new Dataset(x, IntStream.range(0, n).map(i -> i % 10).toArray());
    }

    /** Where each pixel of row i of the disguised part came from. */
    private static int[] sources(Dataset part, int i) {
        return IntStream.range(0, 64).map(j -> (int) part.x().get(i, j) % 1000).toArray();
    }

    private static List<Dataset> parts(Split s) {
        return List.of(s.train(), s.validation(), s.test());
    }

    @Test
    void classesGetOtherNumbersTheSameWayInEveryPart() {
        Split plain = numbered();
        for (long seed = 0; seed < 500; seed++) {
            Split d = Disguise.of(plain, new SplittableRandom(seed), PixelMove.NONE);
            int[] newClass = new int[10];
            for (int c = 0; c < 10; c++) {
                newClass[c] = d.train().labels()[c];
            }
            assertThat(IntStream.of(newClass).distinct().count()).as("classes stay distinct").isEqualTo(10);
            for (int c = 0; c < 10; c++) {
                assertThat(newClass[c]).as("class " + c + " renumbered, seed " + seed).isNotEqualTo(c);
            }
            for (int p = 0; p < 3; p++) {
                Dataset before = parts(plain).get(p);
                Dataset after = parts(d).get(p);
                for (int i = 0; i < before.size(); i++) {
                    assertThat(after.labels()[i]).isEqualTo(newClass[before.labels()[i]]);
                    assertThat(sources(after, i)).as("NONE leaves the pixels").isEqualTo(IntStream.range(0, 64).toArray());
                }
            }
        }
    }

    @Test
    void anyOrderMovesEveryRowsPixelsTheSameWay() {
        Split d = Disguise.of(numbered(), new SplittableRandom(3), PixelMove.ANY_ORDER);
        int[] order = sources(d.train(), 0);
        assertThat(IntStream.of(order).sorted().toArray()).as("a permutation of the 64 pixels").isEqualTo(IntStream.range(0, 64).toArray());
        assertThat(order).as("the pixels moved").isNotEqualTo(IntStream.range(0, 64).toArray());
        for (Dataset part : parts(d)) {
            for (int i = 0; i < part.size(); i++) {
                assertThat(sources(part, i)).isEqualTo(order);
            }
        }
    }

    /**
     * Each move is a symmetry of the 8x8 square (pixels next to each other stay next to each other,
     * which a convolution sees), the same in every row and part, and all eight occur: the chance
     * that one of them is missed in 200 draws is at most 8 (7/8)^200 < 3e-11.
     */
    @Test
    void squareSymmetriesKeepNeighboursAndAllEightOccur() {
        Set<List<Integer>> seen = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            Split d = Disguise.of(numbered(), new SplittableRandom(seed), PixelMove.SQUARE_SYMMETRY);
            int[] source = sources(d.test(), 0);
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c + 1 < 8; c++) {
                    assertThat(distance(source[r * 8 + c], source[r * 8 + c + 1])).as("row neighbours stay neighbours").isEqualTo(1);
                    assertThat(distance(source[c * 8 + r], source[(c + 1) * 8 + r])).as("column neighbours stay neighbours").isEqualTo(1);
                }
            }
            for (Dataset part : parts(d)) {
                for (int i = 0; i < part.size(); i++) {
                    assertThat(sources(part, i)).isEqualTo(source);
                }
            }
            seen.add(IntStream.of(source).boxed().toList());
        }
        assertThat(seen).hasSize(8);
    }

    private static int distance(int a, int b) {
        return Math.abs(a / 8 - b / 8) + Math.abs(a % 8 - b % 8);
    }
}
