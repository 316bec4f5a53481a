package dlkit.archfixture.high;

import dlkit.archfixture.low.Low;
import dlkit.hidden.capstone.CapstoneData;

/** Deliberately bad, for ArchitectureTest: uses the lower package (fine), and a hidden test's class (not fine). */
public final class High {
    public static int level() {
        return 2;
    }

    public static Object below() {
        return Low.height() > 0 ? CapstoneData.digits() : null;
    }
}
