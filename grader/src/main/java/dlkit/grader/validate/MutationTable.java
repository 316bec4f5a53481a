package dlkit.grader.validate;

import dlkit.grader.kit.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The table of the README's "Mutation testing" section, from PIT's {@code mutations.xml}: per
 * exercise the mutants made in its solution regions (what a student writes), killed, surviving
 * and recorded as equivalent, and apart those in the given code of its file. A surviving mutant is
 * equivalent when a line of {@code mutants/<Exercise>.equivalent} (a grader resource) names it:
 * {@code class, method, line, mutator, reason}, the mutator by its simple name
 * ({@code ConditionalsBoundaryMutator}); one line covers every mutant of that place and kind.
 *
 * <p>Run by the Maven profile {@code mutation} after PIT; by hand:
 * {@code java -cp grader/target/classes:... dlkit.grader.validate.MutationTable grader/target/pit-reports/mutations.xml solutions/src/main/java}.
 * Prints the table, then each survivor not recorded as equivalent, and writes the table beside
 * the XML as {@code table.md}.
 */
public final class MutationTable {

    /** One mutant PIT made. */
    record Mutant(String className, String method, int line, String mutator, String status, String description) {

        boolean killed() {
            return !status.equals("SURVIVED") && !status.equals("NO_COVERAGE");
        }

        String place() {
            return className + ", " + method + ", " + line + ", " + mutator;
        }
    }

    private MutationTable() {}

    public static void main(String[] args) throws Exception {
        Path xml = Path.of(args.length > 0 ? args[0] : "grader/target/pit-reports/mutations.xml");
        Path solutions = Path.of(args.length > 1 ? args[1] : "solutions/src/main/java");
        List<Mutant> mutants = read(xml);
        Map<String, String> equivalent = equivalents();
        StringBuilder table = new StringBuilder("| exercise | mutants | killed | survived | equivalent | given code: mutants, survived |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        Map<String, int[]> rows = new TreeMap<>();
        Map<String, List<int[]>> regions = new TreeMap<>();
        List<String> open = new ArrayList<>();
        for (Mutant m : mutants) {
            String outer = m.className().replaceAll("\\$.*", "");
            String exercise = outer.substring(outer.lastIndexOf('.') + 1);
            int[] row = rows.computeIfAbsent(exercise, e -> new int[6]);
            String file = outer.replace('.', '/') + ".java";
            List<int[]> inRegions = regions.computeIfAbsent(file, f -> regionLines(solutions.resolve(f)));
            if (inRegions.stream().noneMatch(r -> r[0] <= m.line() && m.line() <= r[1])) {
                // Given code in the exercise's file: not what the student writes.
                row[4]++;
                row[5] += m.killed() ? 0 : 1;
                continue;
            }
            row[0]++;
            if (m.killed()) {
                row[1]++;
            } else if (equivalent.containsKey(m.place())) {
                row[2]++;
                row[3]++;
            } else {
                row[2]++;
                open.add(m.place() + " (" + m.description() + ", " + m.status() + ")");
            }
        }
        int[] total = new int[6];
        rows.forEach((exercise, r) -> {
            table.append("| ").append(exercise).append(" | ").append(r[0]).append(" | ").append(r[1]).append(" | ")
                    .append(r[2]).append(" | ").append(r[3]).append(" | ").append(r[4]).append(", ").append(r[5]).append(" |\n");
            for (int i = 0; i < 6; i++) {
                total[i] += r[i];
            }
        });
        table.append("| **all** | ").append(total[0]).append(" | ").append(total[1]).append(" | ").append(total[2])
                .append(" | ").append(total[3]).append(" | ").append(total[4]).append(", ").append(total[5]).append(" |\n");
        System.out.print(table);
        System.out.println();
        System.out.println(open.size() + " surviving mutants in the solution regions are neither killed nor recorded as equivalent:");
        open.forEach(o -> System.out.println("  " + o));
        Files.writeString(xml.resolveSibling("table.md"), table, StandardCharsets.UTF_8);
    }

    private static List<int[]> regionLines(Path file) {
        try {
            return Battery.regionLines(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<Mutant> read(Path xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList nodes = factory.newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("mutation");
        List<Mutant> mutants = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String mutator = text(e, "mutator");
            mutants.add(new Mutant(text(e, "mutatedClass"), text(e, "mutatedMethod"), Integer.parseInt(text(e, "lineNumber")),
                    mutator.substring(mutator.lastIndexOf('.') + 1), e.getAttribute("status"), text(e, "description")));
        }
        return mutants;
    }

    private static String text(Element e, String tag) {
        return e.getElementsByTagName(tag).item(0).getTextContent().strip();
    }

    /** Every recorded equivalent mutant's place ({@code class, method, line, mutator}) and its reason. */
    static Map<String, String> equivalents() throws IOException {
        Map<String, String> places = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : Resources.readTree("mutants/").entrySet()) {
            if (!file.getKey().endsWith(".equivalent")) {
                continue;
            }
            for (String line : new String(file.getValue(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(",\\s*", 5);
                if (parts.length < 5 || parts[4].isBlank()) {
                    throw new IllegalArgumentException("mutants/" + file.getKey() + ": '" + line
                            + "' is not 'class, method, line, mutator, reason'");
                }
                places.put(String.join(", ", parts[0], parts[1], parts[2], parts[3]), parts[4].strip());
            }
        }
        return places;
    }
}
