package dlkit.grader;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's arrows run one way (DESIGN.md, "The engine's packages"): no package cycle, no
 * package that uses one above it, no engine class that uses a hidden test. Each rule is also
 * run on a deliberately bad pair of classes (dlkit.archfixture) to prove it reports them.
 */
class ArchitectureTest {

    /**
     * The engine's packages, lowest first: a package may use those in the tiers below its own,
     * never its own tier's others or a higher one. {@code dlkit.grader} itself (Main) is above all.
     */
    static final List<List<String>> TIERS = List.of(
            List.of("api"),
            List.of("kit"),
            List.of("collect", "policy", "compile", "run"),
            List.of("report"),
            List.of("course"),
            List.of("explore"),
            List.of("grade", "release"),
            List.of("validate"),
            List.of("capstone", "bench"));

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dlkit.grader");

    private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages("dlkit.archfixture");

    /** No cycle between the sub-packages of {@code root}. */
    static ArchRule freeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    /** Each sub-package of {@code root} uses only those in lower tiers; {@code root}'s own classes are on top. */
    static ArchRule oneWay(String root, List<List<String>> tiers) {
        // A package emptied by a later change is no failure; a new one is (everyEnginePackageIsInATier).
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("top").definedBy(root);
        for (List<String> tier : tiers) {
            for (String p : tier) {
                layers = layers.layer(p).definedBy(root + "." + p + "..");
            }
        }
        for (int t = 0; t < tiers.size(); t++) {
            List<String> above = new ArrayList<>(List.of("top"));
            tiers.subList(t + 1, tiers.size()).forEach(above::addAll);
            for (String p : tiers.get(t)) {
                layers = layers.whereLayer(p).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
            }
        }
        return layers.whereLayer("top").mayNotBeAccessedByAnyLayer();
    }

    /** No class under {@code root} uses a hidden test's class: the engine runs hidden tests by name only. */
    static ArchRule noHiddenTests(String root) {
        return noClasses().that().resideInAPackage(root + "..").should().dependOnClassesThat().resideInAPackage("dlkit.hidden..");
    }

    @Test
    void theEnginesPackagesHaveNoCycle() {
        freeOfCycles("dlkit.grader").check(ENGINE);
    }

    @Test
    void everyArrowRunsDown() {
        oneWay("dlkit.grader", TIERS).check(ENGINE);
    }

    @Test
    void theEngineNeverUsesAHiddenTest() {
        noHiddenTests("dlkit.grader").check(ENGINE);
    }

    @Test
    void everyEnginePackageIsInATier() {
        List<String> placed = TIERS.stream().flatMap(List::stream).toList();
        assertThat(ENGINE.stream().map(c -> c.getPackageName()).filter(p -> p.startsWith("dlkit.grader."))
                .map(p -> p.substring("dlkit.grader.".length()).split("\\.")[0]).distinct())
                .as("a new package needs its place in TIERS").allMatch(placed::contains);
    }

    @Test
    void eachRuleReportsTheBadPair() {
        assertThat(violations(freeOfCycles("dlkit.archfixture")))
                .contains("Cycle detected").contains("low").contains("high");
        assertThat(violations(oneWay("dlkit.archfixture", List.of(List.of("low"), List.of("high")))))
                .contains("Method <dlkit.archfixture.low.Low.height()> calls method <dlkit.archfixture.high.High.level()>")
                .doesNotContain("Method <dlkit.archfixture.high.High.below()>");
        // The same tiers the other way round: now the other arrow is the one that runs back.
        assertThat(violations(oneWay("dlkit.archfixture", List.of(List.of("high"), List.of("low")))))
                .contains("Method <dlkit.archfixture.high.High.below()> calls method <dlkit.archfixture.low.Low.height()>")
                .doesNotContain("Method <dlkit.archfixture.low.Low.height()>");
        assertThat(violations(noHiddenTests("dlkit.archfixture")))
                .contains("dlkit.archfixture.high.High.below()").contains("dlkit.hidden.capstone.CapstoneData");
    }

    private static String violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(FIXTURE);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }
}
