package dlkit.grader.api;

import dlkit.capstone.Dataset;
import dlkit.capstone.Digits;
import dlkit.capstone.Split;
import dlkit.reference.data.MiniBatches;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;

/**
 * The capstone's digits in a disguise drawn for each grading run, so that weights learnt
 * beforehand on the kit's public copy of the digits earn nothing: the hidden tests train on it,
 * and the engine's training curves train the reference on the same.
 */
public final class Disguise {

    private Disguise() {}

    /** How {@link #of} moves the pixels: only in ways the network's layers treat alike. */
    public enum PixelMove {
        /** The 64 pixels in a random order: Dense layers have no notion of where a pixel is. */
        ANY_ORDER,
        /** The 8x8 image turned or mirrored (one of the square's eight symmetries): a 3x3 convolution padded by 1 and 2x2 pooling treat these alike. */
        SQUARE_SYMMETRY,
        /** The pixels where they are: a network pretrained on the plain digits reads them. */
        NONE
    }

    /**
     * The split in a disguise drawn for each grading run: the classes renumbered at random (none
     * keeping its number) and the pixels moved as {@code move} says, the same way in the three
     * parts. A network trained on what it is given learns the disguised digits as well as the
     * plain ones, the same accuracy in distribution (its layers' independent random initial
     * weights make every class, and every such move, alike), so the bands hold as measured;
     * weights learnt elsewhere, say from the kit's public copy of the digits, fit only the plain
     * ones.
     *
     * @param rng draws the disguise only; not the one handed to student code
     */
    public static Split of(Split plain, RandomGenerator rng, PixelMove move) {
        int classes = 1 + Stream.of(plain.train(), plain.validation(), plain.test())
                .flatMapToInt(part -> Arrays.stream(part.labels())).max().orElse(0);
        int[] newClass = derangement(classes, rng);
        int[] source = switch (move) {
            case ANY_ORDER -> MiniBatches.shuffledIndices(Digits.FEATURES, rng);
            case SQUARE_SYMMETRY -> squareSymmetry(rng.nextInt(8));
            case NONE -> IntStream.range(0, Digits.FEATURES).toArray();
        };
        return new Split(disguised(plain.train(), newClass, source), disguised(plain.validation(), newClass, source),
                disguised(plain.test(), newClass, source));
    }

    /** Pixel j of the result is pixel source[j] of the row; class c becomes newClass[c]. */
    private static Dataset disguised(Dataset part, int[] newClass, int[] source) {
        DMatrixRMaj x = new DMatrixRMaj(part.size(), source.length);
        for (int i = 0; i < part.size(); i++) {
            for (int j = 0; j < source.length; j++) {
                x.unsafe_set(i, j, part.x().unsafe_get(i, source[j]));
            }
        }
        return new Dataset(x, Arrays.stream(part.labels()).map(c -> newClass[c]).toArray());
    }

    /**
     * A random order of 0..n-1 in which no number keeps its place (uniform among those): every
     * class gets another's number, so weights learnt on the plain digits name none of them rightly.
     */
    private static int[] derangement(int n, RandomGenerator rng) {
        while (true) {
            int[] p = MiniBatches.shuffledIndices(n, rng);
            if (IntStream.range(0, n).noneMatch(i -> p[i] == i)) {
                return p;
            }
        }
    }

    /** Symmetry k of the 8x8 square (0 the identity): bit 0 mirrors left-right, bit 1 top-bottom, bit 2 swaps rows and columns. */
    private static int[] squareSymmetry(int k) {
        int side = 8;
        int[] source = new int[side * side];
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                int sr = (k & 4) != 0 ? c : r;
                int sc = (k & 4) != 0 ? r : c;
                sr = (k & 2) != 0 ? side - 1 - sr : sr;
                sc = (k & 1) != 0 ? side - 1 - sc : sc;
                source[r * side + c] = sr * side + sc;
            }
        }
        return source;
    }
}
