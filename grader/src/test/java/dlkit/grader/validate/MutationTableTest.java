package dlkit.grader.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Submissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MutationTableTest {

    @Test
    void everyRecordedEquivalentMutantLiesInASolutionRegion() throws IOException {
        assertThat(MutationTable.equivalents()).isNotEmpty().allSatisfy((place, reason) -> {
            String[] parts = place.split(", ");
            String file = parts[0].replaceAll("\\$.*", "").replace('.', '/') + ".java";
            int line = Integer.parseInt(parts[2]);
            List<int[]> regions = Battery.regionLines(Submissions.solution(file), file);
            assertThat(regions).as(place).anyMatch(r -> r[0] <= line && line <= r[1]);
            assertThat(reason).as(place).hasSizeGreaterThan(20);
        });
    }

    @Test
    void pitsReportIsReadMutantByMutant(@TempDir Path tmp) throws Exception {
        Path xml = tmp.resolve("mutations.xml");
        Files.writeString(xml, """
                <?xml version="1.0" encoding="UTF-8"?>
                <mutations partial="false">
                <mutation detected='false' status='SURVIVED' numberOfTestsRun='3'><sourceFile>Huber.java</sourceFile>\
                <mutatedClass>dlkit.losses.Huber</mutatedClass><mutatedMethod>compute</mutatedMethod>\
                <methodDescription>()V</methodDescription><lineNumber>60</lineNumber>\
                <mutator>org.pitest.mutationtest.engine.gregor.mutators.ConditionalsBoundaryMutator</mutator>\
                <description>changed conditional boundary</description></mutation>
                </mutations>
                """);

        List<MutationTable.Mutant> mutants = MutationTable.read(xml);

        assertThat(mutants).containsExactly(new MutationTable.Mutant("dlkit.losses.Huber", "compute", 60,
                "ConditionalsBoundaryMutator", "SURVIVED", "changed conditional boundary"));
        assertThat(mutants.get(0).killed()).isFalse();
        assertThat(MutationTable.equivalents()).containsKey(mutants.get(0).place());
    }
}
