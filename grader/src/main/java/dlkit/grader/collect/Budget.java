package dlkit.grader.collect;

/**
 * Bytes a submission, or a whole run, may extract from zips and read from files, counted as
 * they are written or read (never trusted from a zip's header), and the files and folders it may
 * extract from zips, zips inside zips included, empty ones too. A submission's budget draws on
 * the run's too, so many submissions within their own budget still cannot fill the disk or the
 * memory.
 */
final class Budget {

    /** What a budget ran out of, in words for the report ("this submission ... 100 MB"). */
    static final class Exceeded extends Exception {
        Exceeded(String message) {
            super(message);
        }
    }

    private final long max;
    private final long maxEntries;
    private final String whose;
    private final Budget parent;
    private long used;
    private long entries;

    /**
     * @param maxEntries the files and folders it may extract
     * @param whose      what the budget is for, as a message says it: "this submission"
     * @param parent     the larger budget this one also draws on, or null
     */
    Budget(long max, long maxEntries, String whose, Budget parent) {
        this.max = max;
        this.maxEntries = maxEntries;
        this.whose = whose;
        this.parent = parent;
    }

    /** Counts {@code bytes} more; fails once this budget or its parent's is over. */
    synchronized void take(long bytes) throws Exceeded {
        used += bytes;
        if (used > max) {
            throw new Exceeded(whose + " would hold more than " + size(max) + " once uncompressed and read");
        }
        if (parent != null) {
            parent.take(bytes);
        }
    }

    /** Counts one more file or folder extracted; fails once this budget or its parent's is over. */
    synchronized void takeEntry() throws Exceeded {
        entries++;
        if (entries > maxEntries) {
            throw new Exceeded(whose + " would hold more than " + String.format(java.util.Locale.ROOT, "%,d", maxEntries)
                    + " files and folders once extracted");
        }
        if (parent != null) {
            parent.takeEntry();
        }
    }

    synchronized long used() {
        return used;
    }

    synchronized long entries() {
        return entries;
    }

    /** The most bytes this budget allows, the parent's limit ignored. */
    long max() {
        return max;
    }

    /** The most files and folders this budget allows, the parent's limit ignored. */
    long maxEntries() {
        return maxEntries;
    }

    /** What is left of this budget, the parent's limit ignored. */
    synchronized long remaining() {
        return Math.max(0, max - used);
    }

    /** The files and folders left of this budget, the parent's limit ignored. */
    synchronized long entriesRemaining() {
        return Math.max(0, maxEntries - entries);
    }

    static long megabytes(long bytes) {
        return bytes / (1024 * 1024);
    }

    /** 100 MB, or 900 KB below a megabyte. */
    static String size(long bytes) {
        return bytes >= 1024 * 1024 ? megabytes(bytes) + " MB" : bytes / 1024 + " KB";
    }
}
