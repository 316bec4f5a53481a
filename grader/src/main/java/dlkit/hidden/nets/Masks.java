package dlkit.hidden.nets;

import java.util.random.RandomGenerator;

/** Attention masks for the hidden tests (true = may attend), drawn from the test's generator. */
final class Masks {

    private Masks() {}

    /**
     * A random (n, m) mask, m at least 3. Every row has at least two true entries and one false
     * entry, or, with {@code someRowsEmpty}, rows 0 and n-1 are entirely false. Two true entries,
     * because a row that allows one key gives it weight 1 whatever the scores: a mistake in the
     * scores (a missing or wrong scale, say) would go unseen in that row, and in the whole test
     * on a draw where every row is so.
     */
    static boolean[][] random(RandomGenerator rng, int n, int m, boolean someRowsEmpty) {
        if (m < 3) {
            throw new IllegalArgumentException("Masks.random: need m >= 3 (two keys allowed, one blocked) but got m = " + m);
        }
        boolean[][] mask = new boolean[n][m];
        int[] others = new int[m - 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                mask[i][j] = rng.nextBoolean();
            }
            int blocked = rng.nextInt(m);
            for (int j = 0, o = 0; j < m; j++) {
                if (j != blocked) {
                    others[o++] = j;
                }
            }
            // two distinct keys other than the blocked one, drawn uniformly (a partial Fisher-Yates shuffle)
            for (int a = 0; a < 2; a++) {
                int pick = a + rng.nextInt(others.length - a);
                int chosen = others[pick];
                others[pick] = others[a];
                others[a] = chosen;
                mask[i][chosen] = true;
            }
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
