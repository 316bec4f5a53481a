package dlkit.grader.grade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dlkit.grader.Main;
import dlkit.grader.Submissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The templates of grader/src/main/resources/scale, read as each engine reads them (the YAML with
 * Jackson, the Slurm scripts by line): their commands are the grader's command line, the shard
 * comes from the variables that engine sets, and run here, on the packaged grader, with the
 * environment the engine would give each shard and then the merge, they give the gradebooks and
 * reports of one run of the class.
 */
class ScaleTemplatesIT {

    static final Path SCALE = Submissions.ROOT.resolve("grader/src/main/resources/scale");
    static final Path JAR = Submissions.ROOT.resolve("grader/target/dlkit-grader.jar").toAbsolutePath();
    static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    static Path work;
    static Path klass;
    static Map<String, String> oneRun;

    @TempDir
    Path tmp;

    @BeforeAll
    static void gradeTheClassOnce() throws IOException {
        klass = ShardedRuns.makeClass(work.resolve("class"), 3);
        Path one = work.resolve("one");
        // The templates' own seed, and otherwise the grader's defaults, as they use them.
        ShardedRuns.Result r = ShardedRuns.run(List.of("grade", klass.toString(), "--class", "--seed", "1", "--out", one.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        oneRun = ShardedRuns.comparable(one);
    }

    @Test
    void theGithubWorkflowsMatrixOfShardsAndItsMergeGiveOneRunsOutput() throws IOException, InterruptedException {
        JsonNode flow = YAML.readTree(SCALE.resolve("github-workflow.yml").toFile());
        Map<String, String> env = strings(flow.get("env"));
        assertThat(env.get("SEED")).isEqualTo("1");
        JsonNode shardJob = flow.at("/jobs/shard");
        List<String> matrix = new ArrayList<>();
        shardJob.at("/strategy/matrix/shard").forEach(v -> matrix.add(v.asText()));
        assertThat(matrix).hasSizeGreaterThan(1);
        JsonNode mergeJob = flow.at("/jobs/merge");
        assertThat(mergeJob.get("needs").asText()).isEqualTo("shard");

        Path ws = tmp.resolve("github");
        for (String shard : matrix) {
            Map<String, String> expressions = Map.of("matrix.shard", shard, "strategy.job-total", String.valueOf(matrix.size()));
            Map<String, String> jobEnv = new LinkedHashMap<>(env);
            strings(shardJob.get("env")).forEach((k, v) -> jobEnv.put(k, expand(v, expressions)));
            assertThat(jobEnv).containsEntry(Shard.GITHUB_SHARD, shard).containsEntry(Shard.SHARDS, String.valueOf(matrix.size()));
            local(jobEnv);
            List<String> runs = runs(shardJob);
            assertThat(runs).hasSize(1);
            checked(runs.get(0), jobEnv, ws, "grade", "github");
            run(runs.get(0), jobEnv, ws);
            // upload-artifact of that path under that name; download-artifact of the pattern into its path.
            JsonNode upload = uses(shardJob, "actions/upload-artifact@");
            JsonNode download = uses(mergeJob, "actions/download-artifact@");
            assertThat(download.at("/with/pattern").asText()).isEqualTo("shard-*");
            String name = expand(upload.at("/with/name").asText(), expressions);
            assertThat(name).matches("shard-.*");
            ShardedRuns.copy(ws.resolve(expand(upload.at("/with/path").asText(), expressions)), ws.resolve(download.at("/with/path").asText()).resolve(name));
        }
        Map<String, String> mergeEnv = new LinkedHashMap<>(env);
        local(mergeEnv);
        List<String> runs = runs(mergeJob);
        assertThat(runs).hasSize(1);
        checked(runs.get(0), mergeEnv, ws, "merge", null);
        run(runs.get(0), mergeEnv, ws);
        assertThat(uses(mergeJob, "actions/upload-artifact@").at("/with/path").asText()).isEqualTo("merged");
        assertThat(ShardedRuns.comparable(ws.resolve("merged"))).containsExactlyEntriesOf(oneRun);
    }

    @Test
    void theKubernetesIndexedJobAndItsMergeJobGiveOneRunsOutput() throws IOException, InterruptedException {
        JsonNode job = YAML.readTree(SCALE.resolve("kubernetes-grade.yaml").toFile());
        assertThat(job.get("kind").asText()).isEqualTo("Job");
        assertThat(job.at("/spec/completionMode").asText()).isEqualTo("Indexed");
        int n = job.at("/spec/completions").asInt();
        assertThat(n).isGreaterThan(1);
        assertThat(job.at("/spec/parallelism").asInt()).isBetween(1, n);
        JsonNode container = job.at("/spec/template/spec/containers/0");
        Map<String, String> env = containerEnv(container);
        // The count the template gives must be the Job's: Kubernetes sets only the index.
        assertThat(env.get(Shard.SHARDS)).isEqualTo(String.valueOf(n));
        assertThat(env.get("LANG")).isEqualTo("C.UTF-8");
        JsonNode merge = YAML.readTree(SCALE.resolve("kubernetes-merge.yaml").toFile());
        assertThat(merge.at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName").asText())
                .isEqualTo(job.at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName").asText());
        JsonNode mergeContainer = merge.at("/spec/template/spec/containers/0");
        assertThat(mergeContainer.at("/volumeMounts/0/mountPath").asText()).isEqualTo(container.at("/volumeMounts/0/mountPath").asText());

        Path ws = tmp.resolve("kubernetes");
        for (int i = 0; i < n; i++) {
            Map<String, String> podEnv = new LinkedHashMap<>(env);
            podEnv.put(Shard.KUBERNETES_INDEX, String.valueOf(i));
            local(podEnv);
            String command = shellCommand(container);
            checked(command, podEnv, ws, "grade", "kubernetes");
            run(command, podEnv, ws);
        }
        Map<String, String> mergeEnv = containerEnv(mergeContainer);
        local(mergeEnv);
        String command = shellCommand(mergeContainer);
        checked(command, mergeEnv, ws, "merge", null);
        run(command, mergeEnv, ws);
        assertThat(ShardedRuns.comparable(Path.of(mergeEnv.get("MERGED")))).containsExactlyEntriesOf(oneRun);
    }

    @Test
    void theSlurmArrayAndItsDependentMergeGiveOneRunsOutput() throws IOException, InterruptedException {
        List<String> grade = Files.readAllLines(SCALE.resolve("slurm-grade.sh"));
        Matcher array = grade.stream().map(Pattern.compile("#SBATCH --array=0-(\\d+)")::matcher).filter(Matcher::matches)
                .findFirst().orElseThrow();
        int n = Integer.parseInt(array.group(1)) + 1;
        assertThat(n).isGreaterThan(1);
        List<String> submit = Files.readAllLines(SCALE.resolve("slurm-submit.sh"));
        assertThat(submit).anyMatch(l -> l.matches("grade=\\$\\(sbatch --parsable slurm-grade\\.sh\\)"))
                .anyMatch(l -> l.matches("sbatch --dependency=afterok:\"\\$grade\" slurm-merge\\.sh"));

        Path ws = tmp.resolve("slurm");
        String java = srunLine(grade);
        for (int i = 0; i < n; i++) {
            Map<String, String> env = new HashMap<>(Map.of(Shard.SLURM_ID, String.valueOf(i), Shard.SLURM_COUNT, String.valueOf(n),
                    Shard.SLURM_MIN, "0", Shard.SLURM_MAX, String.valueOf(n - 1), "SLURM_ARRAY_TASK_STEP", "1"));
            local(env);
            checked(defaults(grade) + java, env, ws, "grade", "slurm");
            // The whole script as sbatch runs it, srun running its command here.
            run("srun() { \"$@\"; }; . " + quoted(SCALE.resolve("slurm-grade.sh")), env, ws);
        }
        List<String> merge = Files.readAllLines(SCALE.resolve("slurm-merge.sh"));
        Map<String, String> env = new HashMap<>();
        local(env);
        checked(defaults(merge) + srunLine(merge), env, ws, "merge", null);
        run("srun() { \"$@\"; }; . " + quoted(SCALE.resolve("slurm-merge.sh")), env, ws);
        assertThat(ShardedRuns.comparable(Path.of(env.get("MERGED")))).containsExactlyEntriesOf(oneRun);
    }

    /** The paths a template leaves to the site, here: the packaged grader, the class, and folders of this test. */
    private void local(Map<String, String> env) {
        env.put("DLKIT_JAR", JAR.toString());
        env.put("CLASS", klass.toString());
        env.put("SHARDS_DIR", tmp.resolve("shards").toString());
        env.put("MERGED", tmp.resolve("merged").toString());
        env.put("HOME", tmp.resolve("home").toString());
    }

    /**
     * The command's words, as the shell makes them with {@code env}: {@code java -jar $DLKIT_JAR} and then
     * a command line that the grader's picocli parses, of {@code command} with {@code --shard engine}.
     */
    private static void checked(String line, Map<String, String> env, Path dir, String command, String engine)
            throws IOException, InterruptedException {
        String words = shell(line.replaceFirst("(?s)(.*)java -jar", "$1set -- java -jar") + "; printf '%s\\0' \"$@\"", env, dir);
        List<String> args = List.of(words.split("\0"));
        assertThat(args.subList(0, 3)).containsExactly("java", "-jar", JAR.toString());
        ParseResult parsed = Main.commandLine().parseArgs(args.subList(3, args.size()).toArray(String[]::new));
        ParseResult sub = parsed.subcommand();
        assertThat(sub.commandSpec().name()).isEqualTo(command);
        if (engine != null) {
            assertThat(sub.matchedOptionValue("--shard", "")).isEqualTo(engine);
            assertThat(sub.matchedOptionValue("--seed", 0L)).isEqualTo(1L);
            Shard shard = Shard.parse(engine, env, new CommandLine(new GradeCommand()));
            assertThat(sub.matchedOptionValue("--out", Path.of("")).toString()).endsWith("shard-" + env.getOrDefault(
                    Shard.GITHUB_SHARD, String.valueOf(shard.index())));
        }
    }

    private static void run(String line, Map<String, String> env, Path dir) throws IOException, InterruptedException {
        shell(line, env, dir);
    }

    private static String shell(String line, Map<String, String> env, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        // The engine's PATH finds java: this test's. A UTF-8 locale, as GitHub's runners have and the
        // image must set (the Kubernetes template sets LANG): without, Java reads José's folder name as ??.
        Map<String, String> full = new HashMap<>(env);
        full.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        full.putIfAbsent("LANG", "C.UTF-8");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -e; " + line).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(full);
        Path log = Files.createTempFile(dir, "run-", ".log");
        Process p = pb.redirectErrorStream(false).redirectError(log.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(line + "\n" + Files.readString(log) + out).isZero();
        return out;
    }

    private static List<String> runs(JsonNode job) {
        List<String> runs = new ArrayList<>();
        job.get("steps").forEach(s -> {
            if (s.has("run")) {
                runs.add(s.get("run").asText().strip());
            }
        });
        return runs;
    }

    private static JsonNode uses(JsonNode job, String action) {
        for (JsonNode s : job.get("steps")) {
            if (s.path("uses").asText().startsWith(action)) {
                return s;
            }
        }
        throw new AssertionError("no step uses " + action);
    }

    /** GitHub's {@code ${{ name }}} expressions, those the template uses; any other is a mistake. */
    private static String expand(String text, Map<String, String> values) {
        Matcher m = Pattern.compile("\\$\\{\\{\\s*([\\w.-]+)\\s*}}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            assertThat(values).as("the expression " + m.group()).containsKey(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static Map<String, String> containerEnv(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        container.get("env").forEach(e -> env.put(e.get("name").asText(), e.get("value").asText()));
        return env;
    }

    /** A container's {@code command: [sh, -c]} and its one argument, the command line. */
    private static String shellCommand(JsonNode container) {
        assertThat(container.get("command").toString()).isEqualTo("[\"sh\",\"-c\"]");
        assertThat(container.get("args")).hasSize(1);
        return container.get("args").get(0).asText();
    }

    private static String srunLine(List<String> script) {
        List<String> srun = script.stream().filter(l -> l.startsWith("srun ")).toList();
        assertThat(srun).hasSize(1);
        return srun.get(0).substring("srun ".length());
    }

    /** The script's {@code : "${NAME:=default}"} lines, which give a variable not set its value. */
    private static String defaults(List<String> script) {
        StringBuilder out = new StringBuilder();
        script.stream().filter(l -> l.startsWith(": \"${")).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    private static String quoted(Path p) {
        return "'" + p.toAbsolutePath() + "'";
    }
}
