package dlkit.grader.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlkit.capstone.Dataset;
import dlkit.capstone.Split;
import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class GivenTest {

    private static DMatrixRMaj matrix() {
        return Matrices.of(new double[][] {{1.0, 2.0}, {3.0, 1.37}, {5.0, 6.0}});
    }

    @Test
    void everyCopyIsFreshAndNoneIsTheOriginal() {
        DMatrixRMaj value = matrix();
        Given<DMatrixRMaj> x = Given.of("x", value);
        DMatrixRMaj first = x.student();
        DMatrixRMaj reference = x.copy();

        assertThat(first).isNotSameAs(value).isNotSameAs(reference).isNotSameAs(x.student());
        value.zero();
        assertThat(x.copy().get(1, 1)).as("the original is copied by of, so the caller may change its value")
                .isEqualTo(1.37);
    }

    @Test
    void aChangedMatrixNamesTheCallTheInputAndTheElement() {
        Given<DMatrixRMaj> x = Given.of("x", matrix());
        x.student();
        DMatrixRMaj student = x.student();
        student.set(1, 1, 0.0);

        assertThatThrownBy(() -> x.unchanged("Dense.forward")).isInstanceOf(AssertionError.class)
                .hasMessage("Dense.forward modified its input x (at (1, 1): 0.0, was 1.37); it must leave its inputs"
                        + " unchanged");
    }

    @Test
    void aChangeToTheReferencesCopyIsNotTheStudents() {
        Given<DMatrixRMaj> x = Given.of("x", matrix());
        x.student();
        x.copy().zero();

        assertThatCode(() -> x.unchanged("Dense.forward")).doesNotThrowAnyException();
    }

    @Test
    void aReshapedMatrixIsAChange() {
        Given<DMatrixRMaj> x = Given.of("x", matrix());
        x.student().reshape(2, 3);

        assertThatThrownBy(() -> x.unchanged("f")).hasMessageContaining("its shape is now (2, 3), was (3, 2)");
    }

    @Test
    void valuesCompareBitForBit() {
        Given<double[]> nan = Given.of("v", new double[] {Double.NaN, 0.0});
        nan.student();
        assertThatCode(() -> nan.unchanged("f")).as("a NaN left as it was").doesNotThrowAnyException();

        nan.student()[1] = -0.0;
        assertThatThrownBy(() -> nan.unchanged("f")).hasMessageContaining("at [1]: -0.0, was 0.0");
    }

    @Test
    void arraysOfEachKindNameTheirIndex() {
        Given<int[]> labels = Given.of("labels", new int[] {0, 1, 2});
        labels.student()[2] = 7;
        assertThatThrownBy(() -> labels.unchanged("f")).hasMessageContaining("input labels (at [2]: 7, was 2)");

        Given<double[][]> rows = Given.of("rows", new double[][] {{1.0}, {2.0, 3.0}});
        rows.student()[1][1] = 0.5;
        assertThatThrownBy(() -> rows.unchanged("f")).hasMessageContaining("row [1] at [1]: 0.5, was 3.0");
    }

    @Test
    void aParameterComparesItsValueGradientAndFrozenFlag() {
        Parameter w = new Parameter("w", matrix());
        w.grad().set(0, 1, 4.0);
        Given<Parameter> given = Given.of("w", w);
        Parameter copy = given.student();
        assertThat(copy.grad().get(0, 1)).as("the gradient is copied too").isEqualTo(4.0);

        copy.zeroGrad();
        assertThatThrownBy(() -> given.unchanged("f")).hasMessageContaining("its gradient at (0, 1): 0.0, was 4.0");

        Given<Parameter> frozen = Given.of("w", w);
        frozen.student().setFrozen(true);
        assertThatThrownBy(() -> frozen.unchanged("f")).hasMessageContaining("it is now frozen, was not frozen");
    }

    @Test
    void aListOfParametersNamesTheParameter() {
        Given<List<Parameter>> given = Given.ofParameters("parameters",
                List.of(new Parameter("w", matrix()), new Parameter("b", Matrices.row(1.0, 2.0))));
        given.student().get(1).value().set(0, 0, 9.0);

        assertThatThrownBy(() -> given.unchanged("f"))
                .hasMessageContaining("parameter 1 (b): its value at (0, 0): 9.0, was 1.0");
    }

    @Test
    void aSplitNamesThePartAndTheField() {
        Dataset part = new Dataset(matrix(), new int[] {0, 1, 0});
        Given<Split> given = Given.of("data", new Split(part, part, part));
        Split copy = given.student();
        assertThat(copy.train()).isNotSameAs(copy.validation());

        copy.test().labels()[0] = 1;
        assertThatThrownBy(() -> given.unchanged("DigitClassifier.train"))
                .hasMessageContaining("its test part: labels at [0]: 1, was 0");
    }

    @Test
    void toReferenceCopiesEveryField() {
        Parameter w = new Parameter("w", matrix());
        w.grad().set(2, 0, -1.0);
        w.setFrozen(true);
        var reference = ToReference.parameter(w);

        assertThat(reference.name()).isEqualTo("w");
        assertThat(reference.isFrozen()).isTrue();
        assertThat(reference.value().data).containsExactly(w.value().data);
        assertThat(reference.value()).isNotSameAs(w.value());
        assertThat(reference.grad().get(2, 0)).isEqualTo(-1.0);

        Dataset part = new Dataset(matrix(), new int[] {0, 1, 0});
        var split = ToReference.split(new Split(part, part, null));
        assertThat(split.train().labels()).containsExactly(0, 1, 0).isNotSameAs(part.labels());
        assertThat(split.test()).isNull();
    }

    @Test
    void parameterCopiesTheValueAndTheGradient() {
        DMatrixRMaj value = matrix();
        DMatrixRMaj grad = matrix();
        Given<Parameter> w = Given.parameter("w", value, grad);
        value.zero();
        grad.zero();

        Parameter copy = w.student();
        assertThat(copy.name()).isEqualTo("w");
        assertThat(copy.value().get(1, 1)).isEqualTo(1.37);
        assertThat(copy.grad().get(1, 1)).isEqualTo(1.37);
        assertThat(copy.isFrozen()).isFalse();
    }

    @Test
    void unchangedOfSeveralInputsNamesTheFirstThatChanged() {
        Given<DMatrixRMaj> x = Given.of("x", matrix());
        Given<DMatrixRMaj> dy = Given.of("dY", matrix());
        x.student();
        dy.student().set(2, 0, 0.5);

        assertThatThrownBy(() -> Given.unchanged("Dense.backward", x, dy))
                .hasMessageStartingWith("Dense.backward modified its input dY (at (2, 0): 0.5, was 5.0)");
    }
}
