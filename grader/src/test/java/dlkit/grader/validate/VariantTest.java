package dlkit.grader.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VariantTest {

    static final String SOURCE = "class A {\n    int f() {\n        int x = 1;\n        return x;\n    }\n}\n";

    @Test
    void blocksAreParsedAndApplied() {
        Variant v = Variant.parse("A/two", """
                # x starts at 2 and f returns x + 1.
                file: dlkit/A.java
                --- find
                        int x = 1;
                --- replace
                        int x = 2;
                --- find
                        return x;
                --- replace
                        return x + 1;
                """);

        assertThat(v.mistake()).isEqualTo("x starts at 2 and f returns x + 1.");
        assertThat(v.file()).isEqualTo("dlkit/A.java");
        assertThat(v.edits()).hasSize(2);
        assertThat(v.apply(SOURCE)).isEqualTo("class A {\n    int f() {\n        int x = 2;\n        return x + 1;\n    }\n}\n");
    }

    @Test
    void anEmptyReplaceDeletesTheLines() {
        Variant v = Variant.parse("A/none", "# no x\nfile: dlkit/A.java\n--- find\n        int x = 1;\n--- replace\n");
        assertThat(v.apply(SOURCE)).doesNotContain("int x");
    }

    @Test
    void aFindBlockMustOccurExactlyOnce() {
        Variant missing = Variant.parse("A/missing", "# m\nfile: dlkit/A.java\n--- find\n    int y;\n--- replace\n    int z;\n");
        assertThatThrownBy(() -> missing.apply(SOURCE)).hasMessageContaining("occurs 0 times in dlkit/A.java");
        Variant twice = Variant.parse("A/twice", "# m\nfile: dlkit/A.java\n--- find\n    }\n--- replace\n");
        assertThatThrownBy(() -> twice.apply(SOURCE + SOURCE)).hasMessageContaining("occurs 2 times");
    }

    @Test
    void aBrokenFileIsRefusedWithItsName() {
        assertThatThrownBy(() -> Variant.parse("A/bad", "file: x\n")).hasMessageContaining("variant A/bad");
        assertThatThrownBy(() -> Variant.parse("A/bad", "# m\nfile: x\n--- find\n  a\n")).hasMessageContaining("without '--- replace'");
    }

    @Test
    void packagedVariantsAllParse() {
        List<Variant> variants = Variant.packaged();
        assertThat(variants).isNotEmpty().allSatisfy(v -> assertThat(v.file()).endsWith(".java"));
    }
}
