package dlkit.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.collect.Entry;
import dlkit.grader.collect.Entry.Fate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The index's account of the class folder: every entry, the ones not simply graded first, names escaped. */
class EntriesSectionTest {

    @Test
    void everyEntryIsListedWithItsFateTheRefusedAndMergedFirstAndNamesEscaped() {
        String html = HtmlReport.entriesSection(List.of(
                new Entry("ann", Fate.GRADED, "ann", ""),
                new Entry("ann.zip", Fate.MERGED, "ann", "it has the same student's name as ann"),
                new Entry("<img src=x onerror=alert(1)>.java", Fate.REFUSED, null, "is a loose file without a student's name")));

        assertThat(html).contains("3 entries: 1 graded, 2 merged into a student or not graded")
                .contains("&lt;img src=x onerror=alert(1)&gt;.java").doesNotContain("<img");
        assertThat(html.indexOf("ann.zip")).isLessThan(html.indexOf("<code>ann</code>"));
        assertThat(html.indexOf("onerror")).isLessThan(html.indexOf("<code>ann</code>"));
        assertThat(HtmlReport.entriesSection(List.of())).isEmpty();
    }
}
