package dlkit.archfixture.low;

import dlkit.archfixture.high.High;

/** Deliberately bad, for ArchitectureTest: a lower package that uses a higher one (a cycle, an arrow back). */
public final class Low {
    public static int height() {
        return High.level() + 1;
    }
}
