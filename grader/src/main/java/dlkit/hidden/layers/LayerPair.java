package dlkit.hidden.layers;

import dlkit.grader.api.Given;
import dlkit.layers.Layer;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A student's layer and the reference's, run side by side: each pass gives each its own copy of
 * the input, and after each student call every input the student was given so far (a layer
 * keeps x for backward) is checked unchanged.
 */
final class LayerPair {

    /** What the two layers returned for the same input. */
    record Outputs(DMatrixRMaj student, DMatrixRMaj reference) {}

    private final String name;
    private final Layer student;
    private final dlkit.reference.layers.Layer reference;
    private final List<Given<DMatrixRMaj>> inputs = new ArrayList<>();

    /** @param name the student's class, as messages show it: {@code "ReLU"} */
    LayerPair(String name, Layer student, dlkit.reference.layers.Layer reference) {
        this.name = name;
        this.student = student;
        this.reference = reference;
    }

    Outputs forward(Given<DMatrixRMaj> x) {
        inputs.add(x);
        DMatrixRMaj studentY = student.forward(x.student());
        unchanged(name + ".forward");
        return new Outputs(studentY, reference.forward(x.copy()));
    }

    Outputs backward(Given<DMatrixRMaj> dy) {
        inputs.add(dy);
        DMatrixRMaj studentDx = student.backward(dy.student());
        unchanged(name + ".backward");
        return new Outputs(studentDx, reference.backward(dy.copy()));
    }

    /** Switches both layers between training and inference. */
    void setTraining(boolean training) {
        student.setTraining(training);
        reference.setTraining(training);
    }

    private void unchanged(String call) {
        for (Given<DMatrixRMaj> input : inputs) {
            input.unchanged(call);
        }
    }
}
