package dlkit.grader.grade;

import dlkit.grader.collect.Submission;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * One share of a class, graded on a machine of its own: shard {@code index} (from 0) of
 * {@code count}. A student belongs to the shard that the SHA-256 of their name (the name that
 * heads their gradebook row, in Unicode's NFC form and lower case, so names that differ only in
 * those ways stay together) gives modulo {@code count}: the same on every machine and in every
 * run, whatever order the class folder lists them in.
 */
public record Shard(int index, int count) {

    /** More shards than this is a typo, not a class. */
    static final int MOST = 100_000;

    /** The variables a GitHub Actions matrix job sets for {@code --shard github} (the workflow template sets them). */
    static final String GITHUB_SHARD = "DLKIT_SHARD";
    static final String SHARDS = "DLKIT_SHARDS";
    /** Kubernetes' own index of an Indexed Job's pod, from 0; the count comes from {@link #SHARDS}. */
    static final String KUBERNETES_INDEX = "JOB_COMPLETION_INDEX";
    /** Slurm's job array: the task's id, and the array's count or its first and last ids. */
    static final String SLURM_ID = "SLURM_ARRAY_TASK_ID";
    static final String SLURM_COUNT = "SLURM_ARRAY_TASK_COUNT";
    static final String SLURM_MIN = "SLURM_ARRAY_TASK_MIN";
    static final String SLURM_MAX = "SLURM_ARRAY_TASK_MAX";
    static final String SLURM_STEP = "SLURM_ARRAY_TASK_STEP";

    /** The shard as people and {@code --shard} write it, counted from 1: {@code 2/4}. */
    @Override
    public String toString() {
        return (index + 1) + "/" + count;
    }

    /** The shard a student belongs to among {@code count}, from 0. */
    public static int of(String student, int count) {
        String key = Normalizer.normalize(student, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long first = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                first = first << 8 | (hash[i] & 0xff);
            }
            return (int) Long.remainderUnsigned(first, count);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    boolean holds(String student) {
        return of(student, count) == index;
    }

    /** This shard's students, in the class's order. */
    List<Submission> take(List<Submission> wholeClass) {
        return wholeClass.stream().filter(s -> holds(s.name())).toList();
    }

    /**
     * Whether this shard looks for similar pairs between its students and those of shard
     * {@code other} (from 0; itself included): every two shards of the count once, the work spread
     * evenly round the circle. A shard compares with the next (count - 1) / 2 shards, and for an
     * even count the first half also with the shard opposite.
     */
    boolean comparesWith(int other) {
        int ahead = Math.floorMod(other - index, count);
        return ahead <= (count - 1) / 2 || count % 2 == 0 && ahead == count / 2 && index < count / 2;
    }

    /** The shard that looks for the pair of {@code a} and {@code b} ({@link #comparesWith}). */
    static Shard ownerOf(String a, String b, int count) {
        Shard first = new Shard(of(a, count), count);
        return first.comparesWith(of(b, count)) ? first : new Shard(of(b, count), count);
    }

    /** The students this shard compares its own with, itself included, in the class's order ({@link #comparesWith}). */
    List<Submission> comparedWith(List<Submission> wholeClass) {
        return wholeClass.stream().filter(s -> comparesWith(of(s.name(), count))).toList();
    }

    /**
     * {@code grade --shard}: {@code K/N} (shard K of N, K from 1 to N), or the engine whose
     * environment says which: {@code github}, {@code kubernetes}, {@code slurm}. A value that is
     * none of these, or an engine variable missing or garbled, is a usage error: a shard never
     * quietly grades the whole class.
     */
    static Shard parse(String spec, Map<String, String> env, CommandLine cli) {
        Function<String, ParameterException> usage = m -> new ParameterException(cli, "--shard " + spec + ": " + m);
        switch (spec.strip().toLowerCase(Locale.ROOT)) {
            case "github" -> {
                int n = count(env, SHARDS, usage, "the workflow sets it to the matrix's size");
                int k = number(env, GITHUB_SHARD, usage, "the workflow sets it from the matrix, from 1");
                return checked(k - 1, n, GITHUB_SHARD + "=" + k + " is not between 1 and " + SHARDS + "=" + n, usage);
            }
            case "kubernetes" -> {
                int n = count(env, SHARDS, usage, "the Job sets it to its .spec.completions");
                int i = number(env, KUBERNETES_INDEX, usage, "Kubernetes sets it in an Indexed Job's pods");
                return checked(i, n, KUBERNETES_INDEX + "=" + i + " is not between 0 and " + (n - 1) + " (" + SHARDS + "=" + n + ")",
                        usage);
            }
            case "slurm" -> {
                int id = number(env, SLURM_ID, usage, "Slurm sets it in the tasks of a job array (sbatch --array)");
                if (env.containsKey(SLURM_STEP) && number(env, SLURM_STEP, usage, "") != 1) {
                    throw usage.apply("the array steps by " + env.get(SLURM_STEP) + ": give --array=0-(N-1) with step 1");
                }
                int min = env.containsKey(SLURM_MIN) ? number(env, SLURM_MIN, usage, "") : 0;
                int n = env.containsKey(SLURM_COUNT) ? count(env, SLURM_COUNT, usage, "")
                        : env.containsKey(SLURM_MAX) ? number(env, SLURM_MAX, usage, "") - min + 1
                        : count(env, SLURM_COUNT, usage, "Slurm sets it, or " + SLURM_MAX + ", in a job array");
                return checked(id - min, n, SLURM_ID + "=" + id + " is not within the array's " + n + " tasks from " + min, usage);
            }
            default -> {
                String[] kn = spec.strip().split("/", -1);
                if (kn.length != 2 || !kn[0].matches("\\d{1,9}") || !kn[1].matches("\\d{1,9}")) {
                    throw usage.apply("give K/N (shard K of N, K from 1 to N, such as 1/4), or github, kubernetes or slurm"
                            + " to read it from that engine's environment");
                }
                int k = Integer.parseInt(kn[0]);
                int n = Integer.parseInt(kn[1]);
                if (n < 1 || n > MOST) {
                    throw usage.apply("N, the number of shards, must be from 1 to " + MOST);
                }
                return checked(k - 1, n, "K counts from 1 to N: " + k + " is not between 1 and " + n, usage);
            }
        }
    }

    private static Shard checked(int index, int count, String outside, Function<String, ParameterException> usage) {
        if (index < 0 || index >= count) {
            throw usage.apply(outside);
        }
        return new Shard(index, count);
    }

    private static int count(Map<String, String> env, String name, Function<String, ParameterException> usage, String who) {
        int n = number(env, name, usage, who);
        if (n < 1 || n > MOST) {
            throw usage.apply(name + "=" + n + " must be a number of shards from 1 to " + MOST);
        }
        return n;
    }

    private static int number(Map<String, String> env, String name, Function<String, ParameterException> usage, String who) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw usage.apply(name + " is not set" + (who.isEmpty() ? "" : " (" + who + ")"));
        }
        if (!value.strip().matches("\\d{1,9}")) {
            throw usage.apply(name + "='" + value + "' is not a whole number");
        }
        return Integer.parseInt(value.strip());
    }

    /** {@code grade}'s option, read once the command runs (so the environment is the run's). */
    static final class Option {
        @CommandLine.Option(names = "--shard", paramLabel = "K/N|ENGINE",
                description = "grade only shard K of N of the class (K from 1 to N), each student always in the same shard; "
                        + "or github, kubernetes, slurm: read K and N from that engine's environment ("
                        + GITHUB_SHARD + " from 1 and " + SHARDS + "; " + KUBERNETES_INDEX + " from 0 and " + SHARDS + "; "
                        + SLURM_ID + " and " + SLURM_COUNT + " or " + SLURM_MIN + "/" + SLURM_MAX + "). "
                        + "Combine the shards' --out folders with merge")
        String spec;

        /** The shard asked for, or null for the whole class. */
        Shard shard(CommandSpec command) {
            return spec == null ? null : parse(spec, System.getenv(), command.commandLine());
        }
    }
}
