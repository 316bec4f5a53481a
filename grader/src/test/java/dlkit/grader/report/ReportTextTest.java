package dlkit.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Text that came from a student, made safe for the console, a spreadsheet and the file system. */
class ReportTextTest {

    @Test
    void theConsoleNeverGetsAnEscapeSequenceOrAControlCharacter() {
        String hostile = "\u001b[2J\u001b[H\u001b]0;title\u0007\rall passed\u001b[0m\b\u0000\u009b31m\u202Eevil\n\tok";

        assertThat(ConsoleTable.printable(hostile)).isEqualTo("\uFFFDall passed\uFFFD\uFFFD\uFFFDevil\n\tok");
    }

    @Test
    void aCellThatStartsLikeAFormulaIsText() {
        assertThat(Gradebook.quote("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(List.of("+1", "-1", "@SUM(A1)", "\tx", "\rx").stream().map(Gradebook::quote))
                .containsExactly("'+1", "'-1", "'@SUM(A1)", "'\tx", "\"'\rx\"");
        assertThat(Gradebook.quote("  =9")).as("after spaces, which some spreadsheets skip").isEqualTo("'  =9");
        assertThat(Gradebook.quote("lovelace_ada")).isEqualTo("lovelace_ada");
        assertThat(Gradebook.quote("Ada Lovelace")).isEqualTo("Ada Lovelace");
    }

    @Test
    void reportFoldersStayDistinctAfterNamesAreMadeSafe() {
        assertThat(ReportFiles.folders(List.of("66_report+collision", "66_report_collision", "Ann", "ann", "ann (2)")))
                .containsExactly(
                        java.util.Map.entry("66_report+collision", "66_report_collision (2)"),
                        java.util.Map.entry("66_report_collision", "66_report_collision"),
                        java.util.Map.entry("Ann", "Ann"),
                        java.util.Map.entry("ann", "ann (2)"),
                        java.util.Map.entry("ann (2)", "ann _2_"));
    }
}
