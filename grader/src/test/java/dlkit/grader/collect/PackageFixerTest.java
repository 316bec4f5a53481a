package dlkit.grader.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackageFixerTest {

    @Test
    void aWrongPackageIsReplacedWithANote() {
        PackageFixer.Fixed fixed = PackageFixer.fix("// my work\npackage com.me.hw;\n\nclass Adam {}\n", "dlkit.optim", "Adam.java");

        assertThat(fixed.text()).isEqualTo("// my work\npackage dlkit.optim;\n\nclass Adam {}\n");
        assertThat(fixed.note()).contains(
                "Adam.java declared package com.me.hw; it was graded as package dlkit.optim (the package of the kit's file)");
    }

    @Test
    void aMissingPackageIsAdded() {
        PackageFixer.Fixed fixed = PackageFixer.fix("import java.util.List;\nclass Adam {}\n", "dlkit.optim", "Adam.java");

        assertThat(fixed.text()).isEqualTo("package dlkit.optim;\nimport java.util.List;\nclass Adam {}\n");
        assertThat(fixed.note()).hasValueSatisfying(n -> assertThat(n).startsWith("Adam.java had no package line"));
    }

    @Test
    void theRightPackageIsLeftAlone() {
        String text = "package dlkit.optim;\nclass Adam {}\n";
        assertThat(PackageFixer.fix(text, "dlkit.optim", "Adam.java")).isEqualTo(new PackageFixer.Fixed(text, java.util.Optional.empty()));
    }

    @Test
    void aPackageWordInAJavadocIsNotAPackageLine() {
        assertThat(PackageFixer.declaredPackage("/**\n * package foo;\n */\nclass A {}")).isEmpty();
    }

    @Test
    void aPackageLineInsideACommentIsNotThePackage() {
        String text = "/*\npackage dlkit.evil;\n*/\n// package dlkit.other;\npackage com.me.hw;\nclass Adam { String s = \"package x;\"; }\n";

        PackageFixer.Fixed fixed = PackageFixer.fix(text, "dlkit.optim", "Adam.java");

        assertThat(PackageFixer.declaredPackage(text)).contains("com.me.hw");
        assertThat(fixed.text()).isEqualTo(text.replace("package com.me.hw;", "package dlkit.optim;"));
        assertThat(fixed.note()).contains("Adam.java declared package com.me.hw; it was graded as package dlkit.optim "
                + "(the package of the kit's file)");
    }

    @Test
    void aFileWhosePackageLineIsOnlyInACommentGetsOne() {
        String text = "/*\npackage dlkit.optim;\n*/\nclass Adam {}\n";

        assertThat(PackageFixer.declaredPackage(text)).isEmpty();
        assertThat(PackageFixer.fix(text, "dlkit.optim", "Adam.java").text()).isEqualTo("package dlkit.optim;\n" + text);
    }

    @Test
    void commentsMayStandInsideThePackageDeclaration() {
        assertThat(PackageFixer.declaredPackage("package /* mine */ dlkit . optim // here\n ;\nclass Adam {}")).contains("dlkit.optim");
    }
}
