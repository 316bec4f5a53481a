package dlkit.capstone;

import dlkit.layers.Dense;
import dlkit.layers.ReLU;
import dlkit.layers.Sequential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.ejml.data.DMatrixRMaj;

/**
 * The body of a digit classifier pretrained on the digits 0 to 4 only, shipped with the kit as
 * the resource {@code dlkit/capstone/pretrained-body.csv}: {@code Dense(64, 128) -> ReLU}, whose
 * 128 outputs are the features a new head classifies. It was trained by the reference
 * {@link DigitClassifier#fit} (Adam at 3e-3 annealed by a cosine schedule to 1.5e-4 over 40
 * epochs, a longer recipe than the grading's) on the 0-4 images of the training part
 * (standardised with the statistics of the whole training part, as
 * {@code Standardizer.standardize} gives them), then its first Dense layer was written out;
 * the grader's {@code Pretrain} command makes the file again (see the kit's top README). Its
 * header states the seed and the accuracy reached on digits 0-4.
 *
 * <p>The format: lines starting with {@code #} are comments; then {@code weight R C} followed by
 * R lines of C comma-separated numbers, then {@code bias 1 C} followed by one line. Numbers are
 * written with {@code Double.toString}, so they read back bit for bit.
 */
public final class PretrainedBody {

    private static final String RESOURCE = "pretrained-body.csv";

    private PretrainedBody() {}

    /** A new {@code Sequential(Dense(64, 128), ReLU)} holding the shipped weights, in training mode, nothing frozen. */
    public static Sequential load() {
        try (InputStream in = PretrainedBody.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the pretrained weights " + RESOURCE + " are missing from the classpath"
                        + " (they belong in src/main/resources/dlkit/capstone)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            DMatrixRMaj weight = readMatrix(reader, "weight");
            DMatrixRMaj bias = readMatrix(reader, "bias");
            Sequential body = new Sequential(new Dense(weight, bias), new ReLU());
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code dense}'s weight and bias in the format above, after {@code comments} (one
     * {@code #} line each). Nothing is modified but {@code out}.
     */
    public static void write(Dense dense, Iterable<String> comments, Appendable out) throws IOException {
        for (String comment : comments) {
            out.append("# ").append(comment).append('\n');
        }
        writeMatrix(out, "weight", dense.weight().value());
        writeMatrix(out, "bias", dense.bias().value());
    }

    private static void writeMatrix(Appendable out, String name, DMatrixRMaj m) throws IOException {
        out.append(name).append(' ').append(Integer.toString(m.numRows)).append(' ')
                .append(Integer.toString(m.numCols)).append('\n');
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                out.append(j == 0 ? "" : ",").append(Double.toString(m.get(i, j)));
            }
            out.append('\n');
        }
    }

    private static DMatrixRMaj readMatrix(BufferedReader reader, String name) throws IOException {
        String header = reader.readLine();
        while (header != null && header.startsWith("#")) {
            header = reader.readLine();
        }
        String[] parts = header == null ? new String[0] : header.trim().split(" ");
        if (parts.length != 3 || !parts[0].equals(name)) {
            throw new IllegalStateException(RESOURCE + ": expected a line '" + name + " ROWS COLS' but found " + header);
        }
        DMatrixRMaj m = new DMatrixRMaj(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        for (int i = 0; i < m.numRows; i++) {
            String line = reader.readLine();
            String[] fields = line == null ? new String[0] : line.split(",");
            if (fields.length != m.numCols) {
                throw new IllegalStateException(RESOURCE + ": row " + i + " of " + name + " should hold " + m.numCols + " numbers");
            }
            for (int j = 0; j < m.numCols; j++) {
                m.set(i, j, Double.parseDouble(fields[j]));
            }
        }
        return m;
    }
}
