package dlkit.capstone;

import static dlkit.testing.KitAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigitsTest {

    @Test
    void holdsThe1797ImagesOf64PixelsWithTheirDigits() {
        Dataset all = Digits.load();

        assertThat(all.x()).as("Digits x").hasShape(1797, 64);
        assertThat(all.labels()).as("Digits labels").hasSize(1797);
        assertThat(Arrays.stream(all.x().data).min().orElseThrow()).as("Digits Arrays.stream(all.x().data).min().orElseThrow()").isEqualTo(0.0);
        assertThat(Arrays.stream(all.x().data).max().orElseThrow()).as("Digits Arrays.stream(all.x().data).max().orElseThrow()").isEqualTo(16.0);
        assertThat(Arrays.stream(all.x().data).allMatch(v -> v == Math.rint(v))).as("pixels are whole counts").isTrue();
        // Class counts of the UCI test part, digits 0 to 9 (see DIGITS-LICENSE.txt).
        int[] counts = new int[10];
        Arrays.stream(all.labels()).forEach(c -> counts[c]++);
        assertThat(counts).as("Digits counts").containsExactly(178, 182, 177, 183, 181, 182, 181, 179, 174, 180);
        // The first image of the file is a 0: its top row is 0,0,5,13,9,1,0,0.
        assertThat(all.labels()[0]).as("Digits all.labels()[0]").isZero();
        assertThat(Arrays.copyOfRange(all.x().data, 0, 8)).as("Digits Arrays.copyOfRange(all.x().data, 0, 8)").containsExactly(0, 0, 5, 13, 9, 1, 0, 0);
    }

    @Test
    void loadGivesACopyEachTime() {
        Dataset a = Digits.load();
        a.x().set(0, 2, 99);
        assertThat(Digits.load().x().get(0, 2)).as("Digits.load().x().get(0, 2)").isEqualTo(5.0);
    }

    @Test
    void theSplitIs1078And359And360ImagesThatTogetherAreTheWholeSetOnce() {
        Split split = Digits.split();

        assertThat(split.train().size()).as("Digits split.train().size()").isEqualTo(1078);
        assertThat(split.validation().size()).as("Digits split.validation().size()").isEqualTo(359);
        assertThat(split.test().size()).as("Digits split.test().size()").isEqualTo(360);
        // Disjoint and complete: as a multiset of (image, label), the three parts are the data set.
        Map<String, Integer> remaining = new HashMap<>();
        Dataset all = Digits.load();
        for (int i = 0; i < all.size(); i++) {
            remaining.merge(key(all, i), 1, Integer::sum);
        }
        for (Dataset part : new Dataset[] {split.train(), split.validation(), split.test()}) {
            for (int i = 0; i < part.size(); i++) {
                String key = key(part, i);
                assertThat(remaining.getOrDefault(key, 0)).as("an image of the split that is not (or no longer) left in the data set").isPositive();
                remaining.merge(key, -1, Integer::sum);
            }
        }
        assertThat(remaining.values()).as("Digits values").allMatch(n -> n == 0);
    }

    @Test
    void theSplitIsFixedAndShuffled() {
        Split a = Digits.split();
        Split b = Digits.split();

        assertThat(b.test().x()).as("Digits b.test().x()").isCloseTo(a.test().x(), 0);
        assertThat(b.test().labels()).as("Digits b.test().labels()").containsExactly(a.test().labels());
        // Every digit is in every part (a shuffled split, not the file's order cut in three).
        for (Dataset part : new Dataset[] {a.train(), a.validation(), a.test()}) {
            assertThat(Arrays.stream(part.labels()).distinct().count()).as("Digits Arrays.stream(part.labels()).distinct().count()").isEqualTo(10);
        }
    }

    @Test
    void onlyClassesKeepsThoseDigitsAndNumbersThemFromZero() {
        Dataset part = Digits.split().test();
        Dataset fiveToNine = part.onlyClasses(5, 9);

        long expected = Arrays.stream(part.labels()).filter(c -> c >= 5).count();
        assertThat(fiveToNine.size()).as("Digits size").isEqualTo((int) expected);
        assertThat(Arrays.stream(fiveToNine.labels()).allMatch(c -> c >= 0 && c <= 4)).as("Digits labels of the five-to-nine part in range").isTrue();
        // The first 5..9 image of the part, relabelled.
        int first = 0;
        while (part.labels()[first] < 5) {
            first++;
        }
        assertThat(fiveToNine.labels()[0]).as("Digits fiveToNine.labels()[0]").isEqualTo(part.labels()[first] - 5);
        assertThat(Arrays.copyOfRange(fiveToNine.x().data, 0, 64)).as("Digits Arrays.copyOfRange(fiveToNine.x().data, 0, 64)")
                .containsExactly(Arrays.copyOfRange(part.x().data, first * 64, first * 64 + 64));
    }

    private static String key(Dataset d, int row) {
        return Arrays.toString(Arrays.copyOfRange(d.x().data, row * 64, row * 64 + 64)) + d.labels()[row];
    }
}
