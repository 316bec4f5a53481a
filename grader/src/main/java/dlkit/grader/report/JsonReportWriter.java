package dlkit.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** The kit's own {@code report.json}: the whole {@link GradeReport}, for tools and later pages. */
public final class JsonReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReportWriter() {}

    public static void write(GradeReport report, Path file) throws IOException {
        ReportFiles.writeAtomically(file, JSON.writeValueAsString(report));
    }

    public static GradeReport read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), GradeReport.class);
    }
}
