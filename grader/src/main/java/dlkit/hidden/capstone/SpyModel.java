package dlkit.hidden.capstone;

import dlkit.core.Parameter;
import dlkit.layers.Layer;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Wraps a student's model and records what a training loop does with it: the input and the mode
 * (training or inference) of every forward pass, and which forward passes a backward pass
 * followed (the training steps). Everything else is passed through unchanged.
 */
final class SpyModel implements Layer {

    /** One forward pass: a copy of its input, the mode at that time, and whether backward followed. */
    static final class Pass {
        final DMatrixRMaj input;
        final boolean training;
        boolean backwardFollowed;

        Pass(DMatrixRMaj input, boolean training) {
            this.input = input;
            this.training = training;
        }
    }

    private final Layer inner;
    private boolean training = true;
    final List<Pass> passes = new ArrayList<>();

    SpyModel(Layer inner) {
        this.inner = inner;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        passes.add(new Pass(x.copy(), training));
        return inner.forward(x);
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        if (!passes.isEmpty()) {
            passes.get(passes.size() - 1).backwardFollowed = true;
        }
        return inner.backward(gradOutput);
    }

    @Override
    public List<Parameter> parameters() {
        return inner.parameters();
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
        inner.setTraining(training);
    }

    /** The training steps: forward passes that a backward pass followed, in order. */
    List<Pass> steps() {
        return passes.stream().filter(p -> p.backwardFollowed).toList();
    }
}
