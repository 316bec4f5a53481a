package dlkit.grader.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Locale;

/**
 * A failed check, as data: what was checked, the first wrong element, both values, the error
 * against the tolerance, and the known mistake the student's numbers match, if any. It travels
 * from {@link Check} (inside a {@link CheckFailure}) through the results channel into the report;
 * text is made from it at the edges only ({@link #summary()}, the HTML page).
 *
 * @param check     what was compared, in the hidden test's words: {@code weights after the first Adam step}
 * @param row       the first wrong element's row, or null if the failure is not about one element
 * @param col       its column, or null
 * @param expected  the reference's value there, or null
 * @param actual    the student's value there, or null
 * @param error     the error between them, or null
 * @param tolerance the largest error the check accepts, or null
 * @param measure   what {@code error} measures ({@value #RELATIVE} or {@value #ABSOLUTE}), or null
 * @param mistakeId the known mistake's id ({@code Adam/no-bias-correction}), or null if none fits
 * @param mistake   that mistake in the student's words, or null
 * @param detail    what went wrong when it is not one wrong number: {@code expected shape (3, 4) but was (4, 3)},
 *                  {@code modified its input x}, {@code no exception thrown}; or null
 * @param answer    the right answer and why, for a quiz item (never part of {@link #summary()}:
 *                  the reports show it only when the course file's {@code explanations} allow); or null
 */
public record Failure(String check, Integer row, Integer col, Double expected, Double actual, Double error,
                      Double tolerance, String measure, String mistakeId, String mistake, String detail, String answer) {

    public Failure(String check, Integer row, Integer col, Double expected, Double actual, Double error,
                   Double tolerance, String measure, String mistakeId, String mistake, String detail) {
        this(check, row, col, expected, actual, error, tolerance, measure, mistakeId, mistake, detail, null);
    }

    public static final String RELATIVE = "relative error";
    public static final String ABSOLUTE = "absolute error";

    /** At most this many characters of a detail travel (it may quote a student's exception message). */
    static final int MAX_DETAIL = 2000;

    /** A wrong number: element (row, col) is {@code actual}, not {@code expected}; {@code measure} is {@link #RELATIVE} or {@link #ABSOLUTE}. */
    public static Failure wrongNumber(String check, int row, int col, double expected, double actual, double error,
                                      double tolerance, String measure) {
        return new Failure(check, row, col, expected, actual, error, tolerance, measure, null, null, null);
    }

    /** A failure that is not one wrong number: a wrong shape, a null, an input modified, an exception missing. */
    public static Failure because(String check, String detail) {
        return new Failure(check, null, null, null, null, null, null, null, null, null, detail);
    }

    /** This failure, naming {@code known} as the mistake the student's numbers match; itself if {@code known} is null. */
    public Failure lookingLike(Check.Known known) {
        if (known == null) {
            return this;
        }
        return new Failure(check, row, col, expected, actual, error, tolerance, measure, known.id(), known.description(), detail,
                answer);
    }

    /** This failure with the right answer and why (a quiz item's), or without one if {@code answer} is null. */
    public Failure withAnswer(String answer) {
        return new Failure(check, row, col, expected, actual, error, tolerance, measure, mistakeId, mistake, detail, answer);
    }

    /** True if this failure is about one element with both values. */
    public boolean hasNumbers() {
        return expected != null && actual != null;
    }

    /**
     * The failure in one paragraph:
     * {@code [what] at (i, j): expected E but was A (relative error R, tolerance T); looks like MISTAKE}.
     */
    public String summary() {
        StringBuilder s = new StringBuilder("[").append(check).append("] ");
        if (row != null && col != null) {
            s.append("at (").append(row).append(", ").append(col).append("): ");
        }
        if (hasNumbers()) {
            s.append("expected ").append(expected).append(" but was ").append(actual);
            if (error != null && tolerance != null) {
                s.append(" (").append(measure == null ? "error" : measure).append(' ').append(number(error))
                        .append(", tolerance ").append(limit(tolerance)).append(')');
            }
        }
        if (detail != null) {
            s.append(hasNumbers() ? "; " : "").append(detail);
        }
        if (mistake != null) {
            s.append("; looks like ").append(mistake);
        }
        return s.toString();
    }

    /** An error for people: three significant digits. */
    public static String number(double x) {
        return String.format(Locale.ROOT, "%.3g", x);
    }

    /** A tolerance for people: one significant digit ({@code 1e-09}). */
    public static String limit(double tolerance) {
        return String.format(Locale.ROOT, "%.1g", tolerance);
    }

    // ---------------------------------------------------------------- as data on the results channel

    /**
     * Writes the fields that are set as one JSON object, with Jackson's streaming writer (the
     * test JVM has no object mapper: it would slow its start); NaN and infinities become strings.
     */
    public void write(JsonGenerator json) throws IOException {
        json.writeStartObject();
        text(json, "check", check);
        if (row != null && col != null) {
            json.writeNumberField("row", row);
            json.writeNumberField("col", col);
        }
        real(json, "expected", expected);
        real(json, "actual", actual);
        real(json, "error", error);
        real(json, "tolerance", tolerance);
        text(json, "measure", measure);
        text(json, "mistakeId", mistakeId);
        text(json, "mistake", mistake);
        text(json, "detail", detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + " ...");
        text(json, "answer", answer == null || answer.length() <= MAX_DETAIL ? answer : answer.substring(0, MAX_DETAIL) + " ...");
        json.writeEndObject();
    }

    /** The failure {@link #write} wrote, read back from JSON (NaN and infinities arrive as strings). */
    public static Failure fromJson(JsonNode n) {
        return new Failure(text(n, "check"), integer(n, "row"), integer(n, "col"), real(n, "expected"), real(n, "actual"),
                real(n, "error"), real(n, "tolerance"), text(n, "measure"), text(n, "mistakeId"), text(n, "mistake"),
                text(n, "detail"), text(n, "answer"));
    }

    private static void text(JsonGenerator json, String key, String value) throws IOException {
        if (value != null) {
            json.writeStringField(key, value);
        }
    }

    private static void real(JsonGenerator json, String key, Double value) throws IOException {
        if (value != null) {
            json.writeNumberField(key, value);
        }
    }

    private static String text(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asText() : null;
    }

    private static Integer integer(JsonNode n, String key) {
        return n.hasNonNull(key) && n.get(key).canConvertToInt() ? n.get(key).intValue() : null;
    }

    private static Double real(JsonNode n, String key) {
        if (!n.hasNonNull(key)) {
            return null;
        }
        JsonNode v = n.get(key);
        if (v.isNumber()) {
            return v.doubleValue();
        }
        try {
            return Double.valueOf(v.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
