package dlkit.grader.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.grader.api.Failure;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the test JVM's results reach the parent, so that student code can neither forge them nor
 * make the parent believe a test it did not ask for: one line per event on the child's own
 * standard output, {@code SEQ MAC JSON}, where {@code SEQ} counts lines from 0 and {@code MAC} is
 * the HMAC-SHA256 of {@code SEQ JSON} under a key the parent makes for that JVM alone and hands
 * it on its standard input.
 *
 * <p>Why student code cannot forge a line: {@link ChildMain} reads the key and closes its input,
 * and takes the standard output for itself (pointing {@code System.out} at the error stream),
 * before any test or student class is loaded; the bytecode policy refuses {@code System.in},
 * {@code FileDescriptor}, reflection and the grader's classes, so the key cannot be read back.
 * Code that still gets at the output (through {@code /dev/stdout}, say) can only write lines
 * without a valid MAC: the parent then trusts nothing of that JVM ({@link Round#tampered()}),
 * which costs only the submission that did it. A line replayed, reordered or left out breaks the
 * sequence the same way, and a key is never used twice.
 */
public final class ResultChannel {

    /** Bytes of a key: 256 bits, as HMAC-SHA256 wants. */
    public static final int KEY_BYTES = 32;
    /** A longer line is not one the child writes: the channel counts as tampered with. */
    static final int MAX_LINE_BYTES = 1 << 20;
    /** All lines of one JVM together; the rest is read and dropped, the channel counted tampered with. */
    static final long MAX_BYTES = 64L << 20;

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResultChannel() {}

    /** A fresh random key, for one test JVM. */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** The key as it travels on the child's input: one line of hexadecimal digits. */
    public static String keyLine(byte[] key) {
        return HEX.formatHex(key);
    }

    /** The key back from its {@link #keyLine}. */
    public static byte[] parseKey(String line) {
        byte[] key = HEX.parseHex(line.strip());
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a key of " + key.length + " bytes, not " + KEY_BYTES);
        }
        return key;
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM, e);
        }
    }

    private static byte[] sign(Mac mac, long seq, String json) {
        return mac.doFinal((seq + " " + json).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The child's end: writes each event as one signed line, at once. The values of an event are
     * the grader's own data: strings, booleans, JDK numbers, null, and maps and lists of those
     * (so that a structured field such as a failed check travels as it is); anything else is
     * refused, so that no student object's {@code toString} runs here.
     */
    public static final class Writer {
        private static final JsonFactory JSON = new JsonFactory();
        private final OutputStream out;
        private final Mac mac;
        private long seq;

        public Writer(OutputStream out, byte[] key) {
            this.out = out;
            this.mac = mac(key);
        }

        /** Writes one event, a JSON object of {@code fields}, and flushes it. */
        public synchronized void write(Map<String, ?> fields) {
            try {
                StringWriter text = new StringWriter();
                try (JsonGenerator json = JSON.createGenerator(text)) {
                    value(json, fields);
                }
                String body = text.toString();
                String line = seq + " " + HEX.formatHex(sign(mac, seq, body)) + " " + body + "\n";
                seq++;
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void value(JsonGenerator json, Object v) throws IOException {
            if (v == null) {
                json.writeNull();
            } else if (v instanceof String s) {
                json.writeString(s);
            } else if (v instanceof Boolean b) {
                json.writeBoolean(b);
            } else if (v.getClass() == Long.class || v.getClass() == Integer.class
                    || v.getClass() == Short.class || v.getClass() == Byte.class) {
                json.writeNumber(((Number) v).longValue());
            } else if (v.getClass() == Double.class || v.getClass() == Float.class) {
                json.writeNumber(((Number) v).doubleValue());
            } else if (v instanceof Failure failure) {
                failure.write(json);
            } else if (v instanceof Map<?, ?> map) {
                json.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    json.writeFieldName((String) e.getKey());
                    value(json, e.getValue());
                }
                json.writeEndObject();
            } else if (v instanceof List<?> list) {
                json.writeStartArray();
                for (Object item : list) {
                    value(json, item);
                }
                json.writeEndArray();
            } else {
                throw new IllegalArgumentException("not a value the results channel carries: a " + v.getClass().getName());
            }
        }
    }

    /**
     * What one test JVM reported, as far as it can be trusted.
     *
     * @param finished          the tests (and runs of parameterised tests) that finished, only among those asked for
     * @param running           the tests started and not finished: one of them was running when the JVM stopped
     * @param containerFailures test classes that failed as a whole, with why
     * @param done              the JVM got to the end of the tests
     * @param error             what went wrong in the grader's code in the test JVM, or empty
     * @param tampered          why nothing of this JVM can be trusted (a line with a wrong MAC, out of sequence, too long), or null
     */
    public record Round(List<TestResult> finished, List<String> running, Map<String, String> containerFailures,
                        boolean done, String error, String tampered) {
        /** Nothing at all: the JVM did not get going. */
        public boolean empty() {
            return finished.isEmpty() && running.isEmpty() && containerFailures.isEmpty() && !done && error.isEmpty()
                    && tampered == null;
        }
    }

    /**
     * The parent's end, for one JVM: {@link #read} its output to the end (in a thread of its
     * own), then take the {@link #round}. Results are accepted only for the tests asked for and
     * their parameterised runs (ids below them); other ids are ignored. At the first line that
     * is not what the child wrote, reading stops trusting: the round is {@link Round#tampered()}.
     */
    public static final class Reader {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final Mac mac;
        private final Set<String> asked;
        private final List<TestResult> finished = new ArrayList<>();
        private final Set<String> running = new LinkedHashSet<>();
        private final Map<String, String> containerFailures = new LinkedHashMap<>();
        private boolean done;
        private String error = "";
        private String tampered;
        private long seq;

        /** @param asked the unique ids of the tests this JVM was asked to run */
        public Reader(byte[] key, Set<String> asked) {
            this.mac = mac(key);
            this.asked = Set.copyOf(asked);
        }

        /** Reads {@code in} to its end; a last line cut short (the JVM stopped while writing it) is left out. */
        public void read(InputStream in) {
            long total = 0;
            try (InputStream bytes = new BufferedInputStream(in)) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                for (int b; (b = bytes.read()) >= 0; ) {
                    total++;
                    if (b != '\n') {
                        if (line.size() < MAX_LINE_BYTES) {
                            line.write(b);
                        } else {
                            tamper("a line longer than " + MAX_LINE_BYTES + " bytes");
                        }
                        if (total > MAX_BYTES) {
                            tamper("more than " + MAX_BYTES + " bytes");
                        }
                        continue;
                    }
                    accept(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
            } catch (IOException e) {
                // the JVM is gone; keep what was read
            }
        }

        /** What was read so far. */
        public synchronized Round round() {
            if (tampered != null) {
                return new Round(List.of(), List.of(), Map.of(), false, "", tampered);
            }
            return new Round(List.copyOf(finished), List.copyOf(running), Map.copyOf(containerFailures), done, error, null);
        }

        private synchronized void tamper(String why) {
            if (tampered == null) {
                tampered = why;
            }
        }

        private synchronized void accept(String line) {
            if (tampered != null) {
                return;
            }
            String[] parts = line.split(" ", 3);
            if (parts.length < 3 || !parts[0].equals(Long.toString(seq))) {
                tamper("line " + seq + " is missing or out of order");
                return;
            }
            byte[] claimed;
            try {
                claimed = HEX.parseHex(parts[1]);
            } catch (IllegalArgumentException e) {
                claimed = new byte[0];
            }
            if (!MessageDigest.isEqual(claimed, sign(mac, seq, parts[2]))) {
                tamper("line " + seq + " was not written by the grader (its MAC is wrong)");
                return;
            }
            seq++;
            JsonNode n;
            try {
                n = JSON.readTree(parts[2]);
            } catch (IOException e) {
                tamper("line " + (seq - 1) + " is not JSON");
                return;
            }
            String id = n.path("id").asText();
            switch (n.path("event").asText()) {
                case "started" -> running.add(id);
                case "finished" -> {
                    running.remove(id);
                    if (askedFor(id)) {
                        finished.add(TestResult.finished(n));
                    }
                }
                case "containerFailed" -> containerFailures.put(id, n.path("message").asText());
                case "done" -> done = true;
                case "error" -> error = ": " + n.path("message").asText();
                default -> { }
            }
        }

        /** True for a test asked for and for the runs of a parameterised test asked for. */
        private boolean askedFor(String id) {
            for (String prefix = id; ; prefix = prefix.substring(0, prefix.lastIndexOf('/'))) {
                if (asked.contains(prefix)) {
                    return true;
                }
                if (prefix.lastIndexOf('/') < 0) {
                    return false;
                }
            }
        }
    }
}
