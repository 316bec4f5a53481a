package dlkit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.ejml.data.DMatrixRMaj;

/**
 * Golden values computed by PyTorch, an independent framework, on fixed inputs: the
 * instructor's scripts write {@code golden/<topic>.json}; the tests hold the kit to them.
 *
 * <p>A file is one JSON object of named cases; a matrix is a list of rows, a vector a list of
 * numbers (read as a (1, n) row), a number a number.
 */
public final class Golden {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {}

    /** The cases of {@code golden/<topic>.json}. */
    public static JsonNode load(String topic) {
        String name = "golden/" + topic + ".json";
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A matrix from a list of rows, or a (1, n) row from a list of numbers, or (1, 1) from a number. */
    public static DMatrixRMaj matrix(JsonNode node) {
        if (node.isNumber()) {
            return new DMatrixRMaj(1, 1, true, node.doubleValue());
        }
        if (node.size() > 0 && node.get(0).isArray()) {
            double[][] rows = new double[node.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = vector(node.get(i));
            }
            return new DMatrixRMaj(rows);
        }
        double[] v = vector(node);
        return new DMatrixRMaj(1, v.length, true, v);
    }

    /** A list of numbers. */
    public static double[] vector(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).doubleValue();
        }
        return v;
    }

    /** A list of whole numbers, such as class labels. */
    public static int[] ints(JsonNode node) {
        int[] v = new int[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).intValue();
        }
        return v;
    }
}
