package dlkit.hidden.nets;

import java.util.random.RandomGenerator;

/** Attention masks for the hidden tests (true = may attend), drawn from the test's generator. */
final class Masks {

    private Masks() {}

    /**
     * A random (n, m) mask, m at least 2. Every row has at least one true and one false entry, or,
     * with {@code someRowsEmpty}, rows 0 and n-1 are entirely false.
     */
    static boolean[][] random(RandomGenerator rng, int n, int m, boolean someRowsEmpty) {
        boolean[][] mask = new boolean[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                mask[i][j] = rng.nextBoolean();
            }
            int allowed = rng.nextInt(m);
            int blocked = (allowed + 1 + rng.nextInt(m - 1)) % m;
            mask[i][allowed] = true;
            mask[i][blocked] = false;
        }
        if (someRowsEmpty) {
            mask[0] = new boolean[m];
            mask[n - 1] = new boolean[m];
        }
        return mask;
    }

    /** A deep copy, for the student; null stays null. */
    static boolean[][] copy(boolean[][] mask) {
        if (mask == null) {
            return null;
        }
        boolean[][] copy = new boolean[mask.length][];
        for (int i = 0; i < mask.length; i++) {
            copy[i] = mask[i].clone();
        }
        return copy;
    }
}
