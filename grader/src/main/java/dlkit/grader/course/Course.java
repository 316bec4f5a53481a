package dlkit.grader.course;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.report.Visibility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A course file ({@code course.yaml} beside the kit): the course's assignments, read with
 * Jackson's YAML module into typed records and checked against the kit, every problem reported
 * with its line and field. The sample {@code course.yaml} at the kit's top folder shows every key.
 *
 * @param name        the course's name
 * @param assignments in the file's order, names unique
 */
public record Course(String name, List<Assignment> assignments) {

    /** The file {@code --course} reads when not given. */
    public static final Path DEFAULT_FILE = Path.of("course.yaml");

    public Course {
        assignments = List.copyOf(assignments);
    }

    /** The assignment named {@code name}, or null. */
    public Assignment assignment(String name) {
        return assignments.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }

    /** A course file that cannot be used: every problem found, each {@code FILE:LINE: field: what is wrong}. */
    public static final class Invalid extends Exception {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    // The file as written, before any check; kebab-case keys (time-zone, penalty-per-day).
    record RawCourse(String course, String timeZone, RawLate late, String results, String explanations,
                     List<RawAssignment> assignments) {}

    record RawAssignment(String name, String title, String due, List<String> exercises, Map<String, Double> points,
                         Double total, RawLate late, String results, String explanations) {}

    record RawLate(String penaltyPerDay, Integer lastDay) {}

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final Pattern NAMED_ZONE = Pattern.compile("(.*)\\[([^\\]]+)]");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[' ']['T']HH:mm[:ss]", Locale.ROOT);

    /**
     * Reads and checks a course file.
     *
     * @param exercises    the kit's exercises, which assignments name by class ({@code Adam}) or file
     * @param hiddenPoints the hidden tests' points per exercise file, each exercise's default
     * @throws Invalid     with every problem, each naming the line and field
     */
    public static Course read(Path file, List<Exercise> exercises, Map<String, Double> hiddenPoints)
            throws IOException, Invalid {
        String text = Files.readString(file);
        String shown = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        RawCourse raw;
        try {
            var tree = YAML.readTree(text);
            raw = tree == null || tree.isMissingNode() || tree.isNull() ? null : YAML.treeToValue(tree, RawCourse.class);
        } catch (JsonProcessingException e) {
            // The line of the field Jackson names (its own location can be the end of the object it buffered).
            Integer line = e instanceof JsonMappingException m ? lines(text).get(m.getPath().stream()
                    .map(r -> "/" + (r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex())))
                    .collect(Collectors.joining())) : null;
            throw new Invalid(List.of(shown + ":" + (line != null ? line : line(e.getLocation())) + ": " + bindingProblem(e)));
        }
        if (raw == null) {
            throw new Invalid(List.of(shown + ": the file is empty; see the sample course.yaml"));
        }
        return new Checker(shown, lines(text), exercises, hiddenPoints).check(raw);
    }

    /** Turns the raw file into records, collecting every problem with the line of its field. */
    private static final class Checker {
        private final String file;
        private final Map<String, Integer> lines;
        private final Map<String, String> byName = new HashMap<>();
        private final Map<String, Double> hiddenPoints;
        private final List<String> problems = new ArrayList<>();

        Checker(String file, Map<String, Integer> lines, List<Exercise> exercises, Map<String, Double> hiddenPoints) {
            this.file = file;
            this.lines = lines;
            this.hiddenPoints = hiddenPoints;
            for (Exercise e : exercises) {
                byName.put(e.simpleName(), e.file());
                byName.put(e.file(), e.file());
                byName.put(e.qualifiedName(), e.file());
            }
        }

        Course check(RawCourse raw) throws Invalid {
            ZoneId zone = null;
            if (raw.timeZone() != null) {
                try {
                    zone = ZoneId.of(raw.timeZone());
                } catch (DateTimeException e) {
                    problem("/time-zone", "time-zone", "'" + raw.timeZone() + "' is not a time zone (such as Europe/Berlin or UTC)");
                }
            }
            LatePolicy courseLate = late(raw.late(), "/late", "late", LatePolicy.NONE);
            Visibility results = visibility(raw.results(), "/results", "results", Visibility.VISIBLE);
            Visibility explanations = visibility(raw.explanations(), "/explanations", "explanations", Visibility.AFTER_DUE);
            List<Assignment> assignments = new ArrayList<>();
            Map<String, String> assignmentOf = new HashMap<>();
            List<RawAssignment> raws = raw.assignments() == null ? List.of() : raw.assignments();
            if (raws.isEmpty()) {
                problem("", "assignments", "the course has no assignments");
            }
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < raws.size(); i++) {
                RawAssignment a = raws.get(i);
                String at = "/assignments/" + i;
                String field = "assignments[" + i + "]";
                if (a == null) {
                    problem(at, field, "is empty");
                    continue;
                }
                if (a.name() == null || !a.name().matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
                    problem(at + (a.name() == null ? "" : "/name"), field + ".name",
                            a.name() == null ? "missing: each assignment needs a name (letters, digits, - and _), such as week1"
                                    : "'" + a.name() + "' is not a name of letters, digits, - and _ (it is typed after --assignment)");
                    continue;
                }
                String id = a.name();
                String here = at;
                if (!names.add(a.name())) {
                    problem(here + "/name", id + ".name", "a second assignment named " + a.name());
                }
                List<String> files = new ArrayList<>();
                List<String> listed = a.exercises() == null ? List.of() : a.exercises();
                if (listed.isEmpty()) {
                    problem(at, id + ".exercises", "missing: list the exercises to hand in, such as [Adam, Dropout]");
                }
                for (int j = 0; j < listed.size(); j++) {
                    String name = listed.get(j);
                    String f = name == null ? null : byName.get(name.strip());
                    String where = here + "/exercises/" + j;
                    if (f == null) {
                        problem(where, id + ".exercises", "no exercise named '" + name + "' in the kit (" + suggest(name) + ")");
                    } else if (files.contains(f)) {
                        problem(where, id + ".exercises", name + " is listed twice");
                    } else if (assignmentOf.containsKey(f)) {
                        problem(where, id + ".exercises", name + " is already in " + assignmentOf.get(f)
                                + " (each exercise is graded in one assignment)");
                    } else {
                        files.add(f);
                        assignmentOf.put(f, a.name());
                    }
                }
                Map<String, Double> points = new LinkedHashMap<>();
                files.forEach(f -> points.put(f, hiddenPoints.getOrDefault(f, 0.0)));
                if (a.points() != null) {
                    a.points().forEach((name, p) -> {
                        String f = byName.get(name);
                        String where = here + "/points/" + name;
                        if (f == null || !files.contains(f)) {
                            problem(where, id + ".points." + name, f == null ? "no exercise named '" + name + "' in the kit"
                                    : name + " is not an exercise of " + a.name());
                        } else if (p == null || !(p > 0) || p.isInfinite()) {
                            problem(where, id + ".points." + name, "must be a number of points above 0");
                        } else {
                            points.put(f, p);
                        }
                    });
                }
                double sum = points.values().stream().mapToDouble(Double::doubleValue).sum();
                if (a.total() != null && Math.abs(sum - a.total()) > 1e-9 * Math.max(1, Math.abs(sum))) {
                    problem(here + "/total", id + ".total", "the exercises' points add up to " + number(sum)
                            + ", not " + number(a.total()) + " (an exercise is worth its points: entry, or else its hidden tests' points)");
                }
                ZonedDateTime due = due(a.due(), zone, at + "/due", id + ".due");
                assignments.add(new Assignment(a.name(), a.title() == null ? a.name() : a.title(), files, points, due,
                        late(a.late(), at + "/late", id + ".late", courseLate),
                        visibility(a.results(), at + "/results", id + ".results", results),
                        visibility(a.explanations(), at + "/explanations", id + ".explanations", explanations)));
            }
            if (!problems.isEmpty()) {
                throw new Invalid(problems);
            }
            return new Course(raw.course() == null ? "" : raw.course(), assignments);
        }

        /** The kit's exercises that start like {@code name}, else all of them, for a message. */
        private String suggest(String name) {
            return Kit.suggestion(name, byName.keySet().stream().filter(n -> !n.contains(".") && !n.contains("/")).sorted().toList());
        }

        private ZonedDateTime due(String text, ZoneId zone, String at, String field) {
            if (text == null) {
                problem(at.substring(0, at.lastIndexOf('/')), field, "missing: the due date, such as 2026-10-09 23:59");
                return null;
            }
            String t = text.strip();
            try {
                return time(t, zone);
            } catch (DateTimeParseException e) {
                problem(at, field, "'" + t + "' is not a date and time such as 2026-10-09 23:59 or 2026-10-09T23:59+02:00");
            } catch (DateTimeException e) {
                problem(at, field, "'" + t + "' has no time zone: add one (2026-10-09T23:59+02:00, "
                        + "2026-10-09T23:59[Europe/Berlin]) or set time-zone for the course");
            }
            return null;
        }

        private LatePolicy late(RawLate raw, String at, String field, LatePolicy otherwise) {
            if (raw == null) {
                return otherwise;
            }
            double percent = otherwise.percentPerDay();
            if (raw.penaltyPerDay() != null) {
                String p = raw.penaltyPerDay().strip();
                Double value = null;
                if (p.endsWith("%")) {
                    try {
                        value = Double.valueOf(p.substring(0, p.length() - 1).strip());
                    } catch (NumberFormatException e) {
                        value = null;
                    }
                }
                if (value == null || !(value >= 0 && value <= 100)) {
                    problem(at + "/penalty-per-day", field + ".penalty-per-day",
                            "'" + p + "' is not a percentage from 0% to 100%, such as 10%");
                } else {
                    percent = value;
                }
            }
            Integer lastDay = raw.lastDay() != null ? raw.lastDay() : otherwise.lastDay();
            if (lastDay != null && lastDay < 0) {
                problem(at + "/last-day", field + ".last-day", "must be 0 (no late work) or more days");
            }
            return new LatePolicy(percent, lastDay);
        }

        private Visibility visibility(String word, String at, String field, Visibility otherwise) {
            if (word == null) {
                return otherwise;
            }
            Visibility v = Visibility.ofWord(word.strip());
            if (v == null) {
                problem(at, field, "'" + word + "' is not one of "
                        + java.util.Arrays.stream(Visibility.values()).map(Visibility::word).collect(Collectors.joining(", ")));
                return otherwise;
            }
            return v;
        }

        private void problem(String pointer, String field, String what) {
            Integer line = lines.get(pointer);
            for (String p = pointer; line == null && p.contains("/"); p = p.substring(0, p.lastIndexOf('/'))) {
                line = lines.get(p);
            }
            problems.add(file + ":" + (line == null ? 1 : line) + ": " + field + ": " + what);
        }
    }

    /**
     * A date and time as a course file or {@code --submitted-at} writes it: with an offset or zone
     * ({@code 2026-10-09T23:59+02:00}, {@code 2026-10-09T23:59[Europe/Berlin]}), or without, in {@code zone}.
     *
     * @param zone the zone of a time written without one, or null
     * @throws DateTimeParseException if it is not a date and time
     * @throws DateTimeException      if it has no zone and {@code zone} is null
     */
    public static ZonedDateTime time(String text, ZoneId zone) {
        String t = text.strip();
        Matcher named = NAMED_ZONE.matcher(t);
        if (named.matches()) {
            try {
                return LocalDateTime.parse(named.group(1), LOCAL).atZone(ZoneId.of(named.group(2)));
            } catch (DateTimeParseException withOffset) {
                // an offset and a zone, such as 2026-10-09T23:59+02:00[Europe/Berlin]: ISO below
            }
        }
        try {
            return ZonedDateTime.parse(t.replace(' ', 'T'), DateTimeFormatter.ISO_DATE_TIME);
        } catch (DateTimeParseException withoutZone) {
            LocalDateTime local = LocalDateTime.parse(t, LOCAL);
            if (zone == null) {
                throw new DateTimeException("no time zone in " + t);
            }
            return local.atZone(zone);
        }
    }

    /** The first line of each value and key in the file, by JSON pointer ({@code /assignments/0/due}). */
    static Map<String, Integer> lines(String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String pointer = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY
                        ? p.getParsingContext().getParent() == null ? "" : p.getParsingContext().getParent().pathAsPointer().toString()
                        : p.getParsingContext().pathAsPointer().toString();
                lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
            }
        }
        return lines;
    }

    private static int line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? 1 : location.getLineNr();
    }

    /** Jackson's complaint, said for an instructor: the field's path and what was wrong. */
    private static String bindingProblem(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[") : "";
        if (e instanceof UnrecognizedPropertyException u) {
            return path + ": unknown field (known here: " + u.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")) + ")";
        }
        String what = e.getOriginalMessage().lines().findFirst().orElse("").replaceAll(" at \\[Source.*", "");
        return (path.isEmpty() ? "" : path + ": ") + (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException
                ? "not the kind of value expected here (" + what + ")" : "not readable as YAML (" + what + ")");
    }

    private static String number(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
