package dlkit.grader.grade;

import dlkit.grader.collect.Entry;
import dlkit.grader.collect.Identity;
import com.fasterxml.jackson.core.type.TypeReference;
import dlkit.grader.report.ConsoleTable;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import dlkit.grader.report.JsonReportWriter;
import dlkit.grader.report.ReportFiles;
import dlkit.grader.report.Similarity;
import dlkit.grader.report.StudentFolders;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code merge DIR... --out OUT}: the {@code --out} folders of {@code grade --shard K/N} made one
 * class's output, as one run of the whole class writes it: every student's folder, the gradebooks,
 * {@code index.html} with the class at a glance, and the pairs that look alike, looked for
 * by the shards, each its share of the class's pairs. Shards that do not belong together are
 * refused, and nothing in a shard's output is trusted beyond what one run would write.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Combines the --out folders of grade --shard K/N into one class's reports, gradebooks and index.",
                "Exit code 0 when merged; 2 for a usage error or shards that do not merge (the reason is printed); "
                        + "1 for an internal error."})
public final class MergeCommand implements Callable<Integer> {

    static final String FILE = "merge.json";

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "the --out folder of each shard")
    List<Path> shards;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "where the class's output goes: a new or empty folder")
    Path out;

    @Option(names = "--allow-missing", description = "merge even if some of the N shards are not given; the output names them and their students")
    boolean allowMissing;

    @Spec
    CommandSpec spec;

    /** Why the shards given do not merge, in words for the instructor. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * What {@code merge.json} says of a merge: the shards taken and missing, the students of those
     * missing, and how the similar pairs were found.
     */
    record Merged(int shards, List<Integer> merged, List<Integer> missing, List<String> missingStudents, long seed,
                  String assignment, String kitVersion, String kitSha256, int students, String similarity) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try {
            merge(spec.commandLine().getOut());
            return ExitCode.OK;
        } catch (Refused r) {
            err.println("dlkit: " + r.getMessage());
            return ExitCode.USAGE;
        }
    }

    private void merge(PrintWriter console) throws Refused, IOException {
        Map<Path, ShardManifest> byDir = manifests();
        ShardManifest first = byDir.values().iterator().next();
        Path firstDir = byDir.keySet().iterator().next();
        for (Map.Entry<Path, ShardManifest> e : byDir.entrySet()) {
            sameRun(firstDir, first, e.getKey(), e.getValue());
        }
        if (!first.kitSha256().equals(ShardManifest.kitFingerprint())) {
            throw new Refused("the shards were graded by another build of the grader (" + first.kitVersion() + ", kit "
                    + first.kitSha256().substring(0, 12) + "): merge with the grader that graded them");
        }
        int n = first.shards();
        Map<Integer, Path> dirOf = new LinkedHashMap<>();
        for (Map.Entry<Path, ShardManifest> e : byDir.entrySet()) {
            int k = e.getValue().shard();
            if (k < 1 || k > n) {
                throw new Refused(e.getKey() + " says it is shard " + k + " of " + n + ", which no shard is");
            }
            Path other = dirOf.put(k, e.getKey());
            if (other != null) {
                throw new Refused("shard " + k + "/" + n + " is given twice: " + other + " and " + e.getKey());
            }
        }
        List<Integer> missing = IntStream.rangeClosed(1, n).filter(k -> !dirOf.containsKey(k)).boxed().toList();
        if (!missing.isEmpty() && !allowMissing) {
            throw new Refused("shard" + (missing.size() == 1 ? " " : "s ") + words(missing, n) + " of " + n
                    + (missing.size() == 1 ? " is" : " are") + " missing: give every shard's folder, or --allow-missing to merge"
                    + " without (the output then names the students left out)");
        }

        List<String> roster = first.wholeClass().stream().map(ShardManifest.Member::student).toList();
        if (new TreeSet<>(roster).size() != roster.size()) {
            throw new Refused(firstDir + "/" + ShardManifest.FILE + " names a student twice in its class");
        }
        // Folders come from the class's names, as one run makes them; never from the shards.
        Map<String, String> folderOf = ReportFiles.folders(roster);
        Map<String, Path> shardOf = new HashMap<>();
        for (ShardManifest m : byDir.values()) {
            Path dir = dirOf.get(m.shard());
            for (String student : m.took()) {
                Path twice = shardOf.put(student, dir);
                if (twice != null) {
                    throw new Refused(ConsoleTable.printable(student) + " is in two shards: " + twice + " and " + dir);
                }
            }
            List<String> share = roster.stream().filter(m.asShard()::holds).toList();
            if (!share.equals(m.took())) {
                List<String> stray = m.took().stream().filter(s -> !share.contains(s)).toList();
                List<String> lacking = share.stream().filter(s -> !m.took().contains(s)).toList();
                throw new Refused(dir + " (shard " + m.asShard() + ") " + (stray.isEmpty()
                        ? "lacks students of its share: " + printable(lacking) + "; grade that shard again"
                        : "holds students of other shards or of no class: " + printable(stray)));
            }
        }

        Map<String, ExerciseReport> maxima = new HashMap<>();
        Map<String, Double> kitPoints = dlkit.grader.kit.TestCatalog.ofGrader().pointsByExercise();
        Map<String, GradeReport> reports = new LinkedHashMap<>();
        for (String student : roster) {
            Path dir = shardOf.get(student);
            if (dir != null) {
                reports.put(student, trusted(student, dir.resolve(folderOf.get(student)), first, maxima, kitPoints));
            }
        }

        List<Similarity.Pair> found = new ArrayList<>();
        for (ShardManifest m : byDir.values()) {
            found.addAll(pairsOf(dirOf.get(m.shard()), m.asShard(), roster, first.exercises()));
        }
        String preparation = prepare();
        if (preparation != null) {
            throw new Refused(preparation);
        }
        List<String> missingStudents = roster.stream().filter(s -> !shardOf.containsKey(s)).toList();
        // Each pair was looked for by one shard; those with a student of a missing shard are left out with them.
        List<Similarity.Pair> alike = Similarity.inClassOrder(found.stream()
                .filter(p -> shardOf.containsKey(p.first()) && shardOf.containsKey(p.second())).toList(), roster);
        String similarity = "looked for by the shards, each its share of the pairs of the class's " + roster.size() + " students";

        Map<String, String> present = new LinkedHashMap<>();
        reports.keySet().forEach(s -> present.put(s, folderOf.get(s)));
        ClassOutput output = new ClassOutput(out, present, (r, figures, staging) ->
                copyFiles(shardOf.get(r.student()).resolve(folderOf.get(r.student())), staging));
        Map<String, GradeReport> byFolder = new LinkedHashMap<>();
        for (GradeReport r : reports.values()) {
            output.begin(r.student());
            output.write(r, Map.of());
            byFolder.put(folderOf.get(r.student()), r);
        }
        Map<String, Identity> identities = new HashMap<>();
        first.wholeClass().forEach(m -> identities.put(m.student(), m.identity()));
        List<Entry> entries = first.entries().stream().map(e -> e.student() == null || shardOf.containsKey(e.student()) ? e
                : new Entry(e.name(), Entry.Fate.REFUSED, null, "was not merged: its student " + e.student() + " is in shard "
                + new Shard(Shard.of(e.student(), n), n) + ", which is missing")).toList();
        output.writeClass(byFolder, alike, entries, new ClassOutput.Gradebooks(r -> identities.get(r.student()),
                first.gradebookColumn(), first.due()));
        Merged merged = new Merged(n, List.copyOf(new TreeSet<>(dirOf.keySet())), missing, missingStudents, first.seed(),
                first.assignment(), first.kitVersion(), first.kitSha256(), reports.size(), similarity);
        ReportFiles.writeAtomically(out.resolve(FILE), ShardManifest.JSON.writeValueAsString(merged));

        console.print(ConsoleTable.classSummary(new ArrayList<>(reports.values())));
        console.printf("%nMerged %d of %d shards: %d students, seed %d%n", dirOf.size(), n, reports.size(), first.seed());
        if (!missing.isEmpty()) {
            console.printf("Missing: shard%s %s, so %d students are not in the gradebooks: %s%n", missing.size() == 1 ? "" : "s",
                    words(missing, n), missingStudents.size(), printable(missingStudents));
        }
        console.println("Similar pairs " + similarity);
        console.printf("Gradebooks and class overview: %s%n", out.resolve("index.html").toAbsolutePath().normalize());
        ClassOutput.importAdvice(reports.keySet().stream().map(s -> identities.getOrDefault(s, Identity.named(s))).toList())
                .forEach(advice -> spec.commandLine().getErr().println("dlkit: " + advice));
    }

    /** Each shard's manifest, by its folder; a folder given twice, or not a shard's output, is refused. */
    private Map<Path, ShardManifest> manifests() throws Refused {
        Map<Path, ShardManifest> byDir = new LinkedHashMap<>();
        Map<Path, Path> given = new HashMap<>();
        for (Path dir : shards) {
            if (!Files.isRegularFile(dir.resolve(ShardManifest.FILE), LinkOption.NOFOLLOW_LINKS)) {
                throw new Refused(dir + " is not a shard's output (it holds no " + ShardManifest.FILE
                        + "): give the --out folders of grade --shard K/N");
            }
            Path real;
            try {
                real = dir.toRealPath();
                Path twice = given.put(real, dir);
                if (twice != null) {
                    throw new Refused("the shard folder " + real + " is given twice (as " + twice + " and " + dir + ")");
                }
                byDir.put(dir, ShardManifest.read(dir));
            } catch (IOException e) {
                throw new Refused("cannot read " + dir.resolve(ShardManifest.FILE) + ": " + e.getMessage());
            }
        }
        return byDir;
    }

    /** Shards merge only from one grading run's settings: seed, assignment, exercises, kit, gradebook names and class. */
    private static void sameRun(Path firstDir, ShardManifest a, Path dir, ShardManifest b) throws Refused {
        Map<String, List<Object>> settings = new LinkedHashMap<>();
        settings.put("the number of shards", Arrays.asList(a.shards(), b.shards()));
        settings.put("the seed", Arrays.asList(a.seed(), b.seed()));
        settings.put("the assignment", Arrays.asList(a.assignment(), b.assignment()));
        settings.put("the exercises", Arrays.asList(a.exercises(), b.exercises()));
        settings.put("the kit", Arrays.asList(a.kitVersion() + " " + a.kitSha256(), b.kitVersion() + " " + b.kitSha256()));
        settings.put("the gradebooks' column", Arrays.asList(a.gradebookColumn(), b.gradebookColumn()));
        settings.put("the due time", Arrays.asList(a.due(), b.due()));
        settings.put("the class folder's students", Arrays.asList(a.wholeClass(), b.wholeClass()));
        settings.put("the class folder's entries", Arrays.asList(a.entries(), b.entries()));
        for (Map.Entry<String, List<Object>> s : settings.entrySet()) {
            if (!Objects.equals(s.getValue().get(0), s.getValue().get(1))) {
                String shown = s.getKey().startsWith("the class") || s.getKey().equals("the exercises") ? ""
                        : " (" + s.getValue().get(1) + " against " + s.getValue().get(0) + ")";
                throw new Refused(dir + " and " + firstDir + " differ in " + s.getKey() + shown
                        + ": only the shards of one grading run of one class merge");
            }
        }
        if (a.wholeClass() == null || a.took() == null || b.took() == null || a.entries() == null || a.kitSha256() == null) {
            throw new Refused(firstDir.resolve(ShardManifest.FILE) + " is not whole: grade that shard again");
        }
    }

    /**
     * The student's report.json, if one run could have written it: the student's own, of the run's
     * seed and exercises, every score between 0 and its maximum, each exercise worth what it is
     * worth in every other report of the class (and in the kit, without an assignment's scaling),
     * the totals the sums. A report edited by hand beyond that is refused.
     */
    private static GradeReport trusted(String student, Path folder, ShardManifest run, Map<String, ExerciseReport> maxima,
                                       Map<String, Double> kitPoints) throws Refused {
        Path file = folder.resolve("report.json");
        String who = ConsoleTable.printable(student);
        GradeReport r;
        try {
            // The shard's folder itself, never a link to one elsewhere.
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("there is none");
            }
            r = JsonReportWriter.read(file);
        } catch (IOException e) {
            throw new Refused("cannot read the report of " + who + " (" + file + "): " + e.getMessage()
                    + "; grade that student's shard again");
        }
        String wrong = null;
        if (!student.equals(r.student())) {
            wrong = "it is the report of " + ConsoleTable.printable(String.valueOf(r.student()));
        } else if (r.seed() != run.seed()) {
            wrong = "it was graded with seed " + r.seed() + ", not " + run.seed();
        } else if (r.exercises() == null
                || !new TreeSet<>(r.exercises().stream().map(ExerciseReport::file).toList()).equals(new TreeSet<>(run.exercises()))
                || r.exercises().size() != run.exercises().size()) {
            wrong = "it does not grade the run's exercises";
        } else {
            double max = 0;
            double sum = 0;
            for (ExerciseReport e : r.exercises()) {
                ExerciseReport known = maxima.putIfAbsent(e.file(), e);
                Double kit = kitPoints.get(e.file());
                if (!within(e.score(), e.maxScore()) || known != null && known.maxScore() != e.maxScore()
                        || run.assignment() == null && (kit == null || Math.abs(kit - e.maxScore()) > 1e-9)) {
                    wrong = e.name() + " scores " + e.score() + " of " + e.maxScore() + ", which no run gives";
                    break;
                }
                for (TestReport t : e.tests() == null ? List.<TestReport>of() : e.tests()) {
                    if (!within(t.score(), t.maxScore())) {
                        wrong = e.name() + "'s test " + t.name() + " scores " + t.score() + " of " + t.maxScore();
                    }
                }
                max += e.maxScore();
                sum += e.score();
            }
            if (wrong == null && (!within(r.score(), r.maxScore()) || Math.abs(max - r.maxScore()) > 1e-6 || r.score() > sum + 1e-6)) {
                wrong = "its total " + r.score() + " of " + r.maxScore() + " is not its exercises' " + sum + " of " + max;
            }
        }
        if (wrong != null) {
            throw new Refused("the report of " + who + " in " + folder + " is not one the grader wrote: " + wrong
                    + "; grade that student's shard again");
        }
        return r;
    }

    /**
     * The pairs that look alike which the shard {@code shard} found ({@code similarity.json}), if it
     * could have found them: two students of the class, the first first in its order, the pair one
     * this shard looks for ({@link Shard#comparesWith}), a similarity from 0 to 1, files of the run.
     */
    private static List<Similarity.Pair> pairsOf(Path dir, Shard shard, List<String> roster, List<String> exercises)
            throws Refused {
        Path file = dir.resolve(ClassOutput.SIMILARITY);
        List<Similarity.Pair> pairs;
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("there is none");
            }
            pairs = ShardManifest.JSON.readValue(file.toFile(), new TypeReference<List<Similarity.Pair>>() {});
        } catch (IOException e) {
            throw new Refused("cannot read the similar pairs of shard " + shard + " (" + file + "): " + e.getMessage()
                    + "; grade that shard again");
        }
        for (Similarity.Pair p : pairs) {
            int a = p == null ? -1 : roster.indexOf(p.first());
            int b = p == null ? -1 : roster.indexOf(p.second());
            if (a < 0 || b <= a || !shard.equals(Shard.ownerOf(p.first(), p.second(), shard.count()))
                    || !(p.similarity() >= 0 && p.similarity() <= 1) || p.identical() == null
                    || !exercises.containsAll(p.identical())) {
                throw new Refused(file + " holds a pair that shard " + shard + " does not look for or no run writes"
                        + (p == null ? "" : " (" + ConsoleTable.printable(String.valueOf(p.first())) + " and "
                        + ConsoleTable.printable(String.valueOf(p.second())) + ")") + "; grade that shard again");
            }
        }
        return pairs;
    }

    private static boolean within(double score, double max) {
        return Double.isFinite(score) && Double.isFinite(max) && score >= 0 && max >= 0 && score <= max + 1e-9;
    }

    /** null if {@code --out} can take the merge: a new or empty folder, no shard's folder nor inside one. */
    private String prepare() throws IOException {
        Path target = out.toAbsolutePath().normalize();
        for (Path dir : shards) {
            Path shard = dir.toRealPath();
            if (target.startsWith(shard) || Files.exists(target) && shard.startsWith(target.toRealPath())) {
                return "--out " + out + " is or holds the shard folder " + dir + ": merge into a folder of its own";
            }
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    return "--out " + out + " is not empty: merge into a new or empty folder";
                }
            }
        }
        return StudentFolders.prepare(out);
    }

    /** A student's folder as the shard wrote it (reports and plots); links and devices are not copied. */
    private static void copyFiles(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static String words(List<Integer> shards, int n) {
        return String.join(", ", shards.stream().map(k -> k + "/" + n).toList());
    }

    private static String printable(List<String> students) {
        List<String> shown = students.stream().limit(20).map(ConsoleTable::printable).toList();
        return String.join(", ", shown) + (students.size() > shown.size() ? " and " + (students.size() - shown.size()) + " more" : "");
    }
}
