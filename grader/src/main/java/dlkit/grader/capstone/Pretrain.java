package dlkit.grader.capstone;

import dlkit.capstone.DigitClassifier;
import dlkit.capstone.Digits;
import dlkit.capstone.History;
import dlkit.capstone.PretrainedBody;
import dlkit.capstone.Split;
import dlkit.capstone.Standardizer;
import dlkit.init.Initializers;
import dlkit.layers.Dense;
import dlkit.layers.Dropout;
import dlkit.layers.ReLU;
import dlkit.layers.Sequential;
import dlkit.optim.Adam;
import dlkit.optim.Schedules;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.ejml.data.DMatrixRMaj;

/**
 * Makes the pretrained body that the transfer-learning exercise ships with
 * ({@code solutions/src/main/resources/dlkit/capstone/pretrained-body.csv}): a classifier of
 * the digits 0 to 4, {@code Dense(64, 128) -> ReLU -> Dropout -> Dense(128, 5)}, trained by
 * {@code DigitClassifier.fit}, of which the first Dense layer is written out. The recipe is the
 * one the shipped file was made with, fixed here rather than taken from {@code DigitClassifier}
 * (whose constants were retuned later for a shorter grading run): Adam (betas 0.9, 0.999, eps
 * 1e-8) at {@value #LEARNING_RATE}, annealed by a cosine schedule to LEARNING_RATE / 20 over
 * {@value #EPOCHS} epochs, with DigitClassifier's hidden size, dropout, batch size, L2 and
 * patience. Deterministic: it writes the shipped file again byte for byte. Run from the top
 * folder after {@code mvn package}:
 * <pre>
 *   java -cp "grader/target/dlkit-grader.jar:grader/target/lib/*" dlkit.grader.capstone.Pretrain [FILE]
 * </pre>
 * and compare with {@code cmp FILE solutions/src/main/resources/dlkit/capstone/pretrained-body.csv}.
 */
public final class Pretrain {

    /** The seed of the shipped weights. */
    public static final long SEED = 2024L;
    /** The epochs of the shipped weights' training (DigitClassifier.MAX_EPOCHS when it was made). */
    public static final int EPOCHS = 40;
    /** Adam's learning rate at epoch 0 for the shipped weights (DigitClassifier.LEARNING_RATE when it was made). */
    public static final double LEARNING_RATE = 3e-3;
    static final Path DEFAULT_FILE = Path.of("solutions/src/main/resources/dlkit/capstone/pretrained-body.csv");

    private Pretrain() {}

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : DEFAULT_FILE;
        Split digits04 = Standardizer.standardize(Digits.split()).onlyClasses(0, 4);
        RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
        int hidden = DigitClassifier.HIDDEN;
        Dense body = new Dense(Initializers.heNormal(Digits.FEATURES, hidden, rng), new DMatrixRMaj(1, hidden));
        Sequential model = new Sequential(body, new ReLU(), new Dropout(DigitClassifier.DROPOUT, rng),
                new Dense(Initializers.heNormal(hidden, 5, rng), new DMatrixRMaj(1, 5)));
        Adam adam = new Adam(model.parameters(), LEARNING_RATE, 0.9, 0.999, 1e-8);
        History history = DigitClassifier.fit(model, adam,
                epoch -> Schedules.cosine(LEARNING_RATE, LEARNING_RATE / 20, EPOCHS, epoch), digits04.train(),
                digits04.validation(), EPOCHS, rng);
        double accuracy = DigitClassifier.accuracy(model, digits04.test().x(), digits04.test().labels());

        // The words of the shipped file's header, kept so that the file comes out byte for byte.
        List<String> comments = List.of(
                "dlkit pretrained body: Dense(64, " + hidden + ") of a digit classifier trained on the digits 0-4 only",
                "made by the grader's Pretrain command with seed " + SEED + ": the DigitClassifier recipe on the"
                        + " 0-4 images of the fixed training split, standardised with the whole training part's statistics",
                String.format(Locale.ROOT, "%d epochs, best epoch %d; accuracy on the 0-4 test part (%d images): %.4f",
                        history.epochs(), history.bestEpoch(), digits04.test().size(), accuracy));
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            PretrainedBody.write(body, comments, out);
        }
        comments.forEach(System.out::println);
        System.out.println("wrote " + file);
    }
}
