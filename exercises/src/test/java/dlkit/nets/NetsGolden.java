package dlkit.nets;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** Reads golden/nets.json (written by the instructor's PyTorch script) for the three golden tests. */
final class NetsGolden {

    static final JsonNode CASES = Golden.load("nets");

    private NetsGolden() {}

    /** A list of matrices from a JSON list of matrices (a (T, N, D) tensor). */
    static List<DMatrixRMaj> matrices(JsonNode node) {
        List<DMatrixRMaj> out = new ArrayList<>();
        node.forEach(m -> out.add(Golden.matrix(m)));
        return out;
    }

    /** A boolean mask from a JSON matrix of 0 and 1. */
    static boolean[][] mask(JsonNode node) {
        boolean[][] mask = new boolean[node.size()][];
        for (int i = 0; i < mask.length; i++) {
            int[] row = Golden.ints(node.get(i));
            mask[i] = new boolean[row.length];
            for (int j = 0; j < row.length; j++) {
                mask[i][j] = row[j] != 0;
            }
        }
        return mask;
    }
}
