package dlkit.losses;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.assertThatThrownBy;
import static dlkit.testing.KitAssertions.within;

import org.junit.jupiter.api.Test;

class ClassWeightsTest {

    @Test
    void inverseFrequencyByHand() {
        // N = 6 labels, C = 3 classes, counts (3, 2, 1): w_c = 6 / (3 n_c) = (2/3, 1, 2).
        double[] w = ClassWeights.inverseFrequency(new int[] {0, 1, 0, 2, 1, 0}, 3);
        assertThat(w).as("ClassWeights.inverseFrequency w").containsExactly(new double[] {2.0 / 3, 1, 2}, within(1e-15));
    }

    @Test
    void balancedLabelsWeighOne() {
        assertThat(ClassWeights.inverseFrequency(new int[] {1, 0, 2, 2, 0, 1}, 3)).as("ClassWeights.inverseFrequency(new int[] {1, 0, 2, 2, 0, 1}, 3)").containsExactly(new double[] {1, 1, 1}, within(1e-15));
    }

    @Test
    void aClassWithoutLabelsIsAnError() {
        assertThatThrownBy(() -> ClassWeights.inverseFrequency(new int[] {0, 0, 2}, 3), "ClassWeights.inverseFrequency with a class without labels")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class 1");
    }
}
