package dlkit.hidden.nets;

import dlkit.layers.Layer;
import org.ejml.data.DMatrixRMaj;

/**
 * A reference layer seen as the student's {@link Layer}, so that a student's composition (the
 * encoder block) runs on the reference's parts and a mistake in a part is charged only in that
 * part's exercise. Its {@link #parameters()} is empty: the tests read the gradients from the
 * reference layer itself.
 */
final class ReferencePart implements Layer {

    private final dlkit.reference.layers.Layer layer;

    ReferencePart(dlkit.reference.layers.Layer layer) {
        this.layer = layer;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        return layer.forward(x);
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        return layer.backward(gradOutput);
    }
}
