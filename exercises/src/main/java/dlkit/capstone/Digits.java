package dlkit.capstone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;

/**
 * The 8x8 handwritten digits (Alpaydin and Kaynak, 1998; UCI "Optical Recognition of
 * Handwritten Digits", CC BY 4.0; source and licence in {@code DIGITS-LICENSE.txt} beside the
 * data): 1,797 images of the digits 0 to 9, each 64 pixels counting 0..16, read from the
 * resource {@code dlkit/capstone/digits.csv} on the classpath.
 *
 * <p>The fixed split, the same on every machine and in every grading run: the 1,797 indices
 * are shuffled by Fisher-Yates (for i = N-1 down to 1, swap i with {@code nextInt(i + 1)}) with
 * an {@code L64X128MixRandom} seeded with {@link #SPLIT_SEED}; the first 60% (1,078 images)
 * are the training part, the next 20% (359) the validation part, the last 359 + 1 = 360 the
 * test part. Pixels are raw counts here: standardise them with statistics of the training part
 * only (the {@code Standardizer} exercise).
 */
public final class Digits {

    /** Images in the data set. */
    public static final int SAMPLES = 1797;
    /** Pixels per image, 8 x 8. */
    public static final int FEATURES = 64;
    /** The digits 0..9. */
    public static final int CLASSES = 10;
    /** The seed of the fixed split. Never change it: every reported accuracy depends on it. */
    public static final long SPLIT_SEED = 20240607L;
    /** The training part's size, 60% of the images. */
    public static final int TRAIN = 1078;
    /** The validation part's size, 20% of the images. */
    public static final int VALIDATION = 359;

    private static final String RESOURCE = "digits.csv";
    private static Dataset all;

    private Digits() {}

    /**
     * All 1,797 images in the file's order: x is (1797, 64) with raw pixel counts 0..16 (row by
     * row of the image), labels the digits. Read once; each call returns a new copy.
     */
    public static Dataset load() {
        synchronized (Digits.class) {
            if (all == null) {
                all = read();
            }
        }
        return new Dataset(all.x().copy(), all.labels().clone());
    }

    /** The fixed 60/20/20 split of the class comment: 1,078 / 359 / 360 raw images. */
    public static Split split() {
        Dataset data = load();
        int[] order = IntStream.range(0, SAMPLES).toArray();
        RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(SPLIT_SEED);
        for (int last = SAMPLES - 1; last >= 1; last--) {
            int other = rng.nextInt(last + 1);
            int swapped = order[other];
            order[other] = order[last];
            order[last] = swapped;
        }
        return new Split(data.rows(Arrays.copyOfRange(order, 0, TRAIN)),
                data.rows(Arrays.copyOfRange(order, TRAIN, TRAIN + VALIDATION)),
                data.rows(Arrays.copyOfRange(order, TRAIN + VALIDATION, SAMPLES)));
    }

    private static Dataset read() {
        try (InputStream in = Digits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the digits data " + RESOURCE + " is missing from the classpath"
                        + " (it belongs in src/main/resources/dlkit/capstone)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            DMatrixRMaj x = new DMatrixRMaj(SAMPLES, FEATURES);
            int[] labels = new int[SAMPLES];
            int row = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",");
                if (row >= SAMPLES || fields.length != FEATURES + 1) {
                    throw new IllegalStateException(RESOURCE + ": line " + (row + 1) + " is not 64 pixels and a label");
                }
                for (int j = 0; j < FEATURES; j++) {
                    x.set(row, j, Double.parseDouble(fields[j]));
                }
                labels[row] = Integer.parseInt(fields[FEATURES].trim());
                row++;
            }
            if (row != SAMPLES) {
                throw new IllegalStateException(RESOURCE + ": expected " + SAMPLES + " images but found " + row);
            }
            return new Dataset(x, labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
