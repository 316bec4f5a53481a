package dlkit.grader.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import dlkit.testing.ExerciseSummary;
import dlkit.testing.StudentFrames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The student's loop in the kit (issue 14): the generated pom pins every plugin and leaves the
 * stack traces to {@link StudentFrames}, the summary prints one line per exercise, a failure's
 * trace keeps the kit's frames only, and the README orders the exercises by what they need.
 */
class StudentLoopTest {

    static final Path ROOT = ExercisesInSyncTest.ROOT;
    static final Path KIT = ROOT.resolve("exercises");

    /** The plugins a student's mvn clean / test / package / install / site runs. */
    static final List<String> LIFECYCLE_PLUGINS = List.of("maven-clean-plugin", "maven-resources-plugin",
            "maven-compiler-plugin", "maven-surefire-plugin", "maven-jar-plugin", "maven-install-plugin",
            "maven-deploy-plugin", "maven-site-plugin");

    @Test
    void theKitsPomPinsEveryPluginToTheParentsVersions() throws Exception {
        Element pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(KIT.resolve("pom.xml").toFile()).getDocumentElement();
        Properties parent = parentProperties();
        Map<String, String> versions = new TreeMap<>();
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            versions.put(child(plugin, "artifactId"), child(plugin, "version"));
        }
        assertThat(versions.keySet()).as("plugins the kit's pom pins").containsAll(LIFECYCLE_PLUGINS);
        versions.forEach((plugin, version) -> assertThat(version).as(plugin + " version").matches("\\d+(\\.\\d+)+"));
        assertThat(versions).as("pinned as in the parent pom")
                .containsEntry("maven-surefire-plugin", parent.getProperty("surefire.version"))
                .containsEntry("maven-compiler-plugin", parent.getProperty("compiler.plugin.version"))
                .containsEntry("maven-clean-plugin", parent.getProperty("clean.plugin.version"))
                .containsEntry("maven-site-plugin", parent.getProperty("site.plugin.version"));
    }

    @Test
    void theKitsPomLeavesStackTracesToTheKitAndCompilesOnlyWhatChanged() throws IOException {
        String pom = Files.readString(KIT.resolve("pom.xml"));
        // Hard-coded, -DtrimStackTrace=false could not override it, and the student's frame was cut.
        assertThat(pom).as("exercises/pom.xml").doesNotContain("<trimStackTrace>")
                .contains("junit.jupiter.extensions.autodetection.enabled = true")
                .contains("<maven.compiler.useIncrementalCompilation>false</maven.compiler.useIncrementalCompilation>")
                .contains("<artifactId>surefire-junit-platform</artifactId>")
                .contains("<artifactId>junit-platform-launcher</artifactId>");
        assertThat(Files.readString(KIT.resolve("src/test/resources/META-INF/services/org.junit.jupiter.api.extension.Extension")).strip())
                .isEqualTo(StudentFrames.class.getName());
        assertThat(Files.readString(KIT.resolve("src/test/resources/META-INF/services/org.junit.platform.launcher.TestExecutionListener")).strip())
                .isEqualTo(ExerciseSummary.class.getName());
        assertThat(KIT.resolve(".mvn/jvm.config")).as("Maven's JVM options for a short build").exists();
    }

    @Test
    void anEndlessLoopInAStudentsCodeFailsItsTestAndDoesNotHangMvnTest() throws Exception {
        // The kit's JUnit settings as its pom gives them to Surefire, with the timeout cut to 1 s for this test.
        Element pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(KIT.resolve("pom.xml").toFile()).getDocumentElement();
        Properties settings = new Properties();
        settings.load(new java.io.StringReader(child(pom, "configurationParameters")));
        assertThat(settings).containsKeys("junit.jupiter.execution.timeout.default")
                .containsEntry("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD");
        settings.setProperty("junit.jupiter.execution.timeout.default", "1 s");
        var builder = request().selectors(selectClass(LoopsForever.class));
        settings.forEach((k, v) -> builder.configurationParameter((String) k, (String) v));
        List<TestExecutionResult> results = new ArrayList<>();
        Thread runner = new Thread(() -> LauncherFactory.create().execute(builder.build(), new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    results.add(result);
                }
            }
        }));
        runner.setDaemon(true);
        runner.start();
        try {
            runner.join(30_000);
        } finally {
            LoopsForever.stop = true; // the loop's thread, left behind by the timeout, ends too
        }
        assertThat(runner.isAlive()).as("the test run ended though a test loops forever").isFalse();
        assertThat(results).hasSize(2);
        assertThat(results).filteredOn(r -> r.getStatus() == TestExecutionResult.Status.SUCCESSFUL).hasSize(1);
        Throwable timedOut = results.stream().flatMap(r -> r.getThrowable().stream()).findFirst().orElseThrow();
        assertThat(timedOut).hasMessageContaining("timed out after 1 second");
        assertThat(Arrays.stream(timedOut.getCause().getStackTrace()).map(StackTraceElement::getMethodName))
                .as("where the loop was").contains("spin");
    }

    @Test
    void theSummaryHasOneLinePerExercisePassedFailedOrNotStarted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<TestExecutionResult> results = run(new ExerciseSummary(new PrintStream(bytes, true, StandardCharsets.UTF_8)),
                AdamChecks.class, DenseChecks.class, SequentialChecks.class);
        assertThat(results).hasSize(6);
        String summary = bytes.toString(StandardCharsets.UTF_8);
        assertThat(summary.lines().filter(l -> !l.isBlank()).toList()).containsExactly(
                "dlkit: 1 passed, 1 failed, 1 not started",
                "  passed       AdamChecks        2 of 2 tests",
                "  failed       DenseChecks       1 of 2 tests pass; first failure: forward()",
                "  not started  SequentialChecks  0 of 2 tests pass; waiting for Dense.backward, Sequential.forward");
        assertThat(ExerciseSummary.exercise("dlkit.optim.AdamGoldenTest")).isEqualTo("Adam");
        assertThat(ExerciseSummary.exercise("dlkit.layers.DenseTest$Backward")).isEqualTo("Dense");
    }

    @Test
    void aFailuresTraceKeepsWhereItWasThrownAndTheKitsFramesOnly() {
        List<TestExecutionResult> results = run(new TestExecutionListener() {}, ThrowsFromDeepInside.class);
        Throwable error = results.get(0).getThrowable().orElseThrow();
        List<String> frames = Arrays.stream(error.getStackTrace()).map(StackTraceElement::getClassName).toList();
        assertThat(frames).as("frames kept").isNotEmpty()
                .allSatisfy(c -> assertThat(c).startsWith("dlkit."))
                .contains(ThrowsFromDeepInside.class.getName());
        List<String> causeFrames = Arrays.stream(error.getCause().getStackTrace()).map(StackTraceElement::getClassName).toList();
        assertThat(causeFrames).as("the cause's frames: where List.get threw, then the kit's")
                .noneMatch(c -> c.startsWith("org.junit") || c.startsWith("jdk.internal.reflect"))
                .contains(ThrowsFromDeepInside.class.getName());

        StackTraceElement[] thrownInEjml = {frame("org.ejml.dense.row.CommonOps_DDRM"), frame("dlkit.layers.Dense"),
                frame("jdk.internal.reflect.DirectMethodHandleAccessor"), frame("dlkit.layers.DenseTest"),
                frame("org.junit.platform.commons.util.ReflectionUtils")};
        assertThat(StudentFrames.kitFrames(thrownInEjml)).extracting(StackTraceElement::getClassName)
                .containsExactly("org.ejml.dense.row.CommonOps_DDRM", "dlkit.layers.Dense", "dlkit.layers.DenseTest");
        StackTraceElement[] none = {frame("java.util.ArrayList"), frame("org.junit.Foo")};
        assertThat(StudentFrames.kitFrames(none)).as("no frame of the kit: all kept").containsExactly(none);
    }

    @Test
    void theReadmeStartsWithTheOneExerciseCommandAndOrdersTheExercisesByNeeds() throws IOException {
        String readme = Files.readString(KIT.resolve("README.md"));
        assertThat(readme.indexOf("mvn -q test -Dtest=AdamTest")).as("the one-exercise command, first of all commands")
                .isPositive().isLessThan(readme.indexOf("mvn -q test\n"));
        assertThat(readme).contains("does not compile stops every local test", "GradientCheck.numericGradient");
        List<String> rows = readme.lines().filter(l -> l.matches("\\| \\d+ \\| `src/main/java/.*")).toList();
        assertThat(rows).as("one row per exercise").hasSizeGreaterThan(40);
        assertThat(row(rows, "Sequential")).as("Sequential comes after what it needs")
                .isGreaterThan(row(rows, "Dense")).isGreaterThan(row(rows, "Tanh"));
        assertThat(rows.get(row(rows, "Sequential"))).contains("| Dense, Tanh |");
        String capstone = rows.get(row(rows, "DigitClassifier"));
        assertThat(capstone.split("\\|")[4].split(",")).as("what the capstone needs").hasSizeGreaterThanOrEqualTo(8);
        assertThat(row(rows, "DigitClassifier")).as("the capstone comes late").isGreaterThan(rows.size() / 2);
    }

    private static int row(List<String> rows, String className) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).contains("/" + className + ".java`")) {
                return i;
            }
        }
        throw new AssertionError("no row for " + className);
    }

    private static StackTraceElement frame(String className) {
        return new StackTraceElement(className, "m", "F.java", 1);
    }

    private static Properties parentProperties() throws Exception {
        Element pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile()).getDocumentElement();
        Element properties = (Element) pom.getElementsByTagName("properties").item(0);
        Properties p = new Properties();
        NodeList children = properties.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e) {
                p.setProperty(e.getTagName(), e.getTextContent().strip());
            }
        }
        return p;
    }

    private static String child(Element e, String name) {
        NodeList list = e.getElementsByTagName(name);
        return list.getLength() == 0 ? "" : list.item(0).getTextContent().strip();
    }

    private static List<TestExecutionResult> run(TestExecutionListener listener, Class<?>... classes) {
        List<TestExecutionResult> results = new ArrayList<>();
        var builder = request();
        for (Class<?> c : classes) {
            builder.selectors(selectClass(c));
        }
        LauncherFactory.create().execute(builder.build(), listener, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    results.add(result);
                }
            }
        });
        return results;
    }
}

// Stand-ins for public test classes: not named *Test, so that Surefire does not run them itself.

class AdamChecks {
    @Test
    void first() {}

    @Test
    void second() {}
}

class DenseChecks {
    @Test
    void forward() {
        assertThat(1.0).as("Dense.forward y").isEqualTo(2.0);
    }

    @Test
    void backward() {}
}

class SequentialChecks {
    @Test
    void forward() {
        throw new UnsupportedOperationException("not implemented yet: Sequential.forward");
    }

    @Test
    void wrongExceptionFromAStub() {
        assertThat(new IllegalStateException("expected IllegalArgumentException but was "
                + "UnsupportedOperationException: not implemented yet: Dense.backward")).isNull();
    }
}

@ExtendWith(StudentFrames.class)
class ThrowsFromDeepInside {
    @Test
    void fails() {
        try {
            List.of(1).get(3);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalStateException("wrapped", e);
        }
    }
}

class LoopsForever {
    static volatile boolean stop;

    @Test
    void endless() {
        spin();
    }

    @Test
    void another() {}

    static void spin() {
        while (!stop) {
            Thread.onSpinWait();
        }
    }
}
