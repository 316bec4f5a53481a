package dlkit.grader.hostile;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The grader's own test program, not a student's (the policy would refuse it): run as a test JVM
 * is, it tries what the operating-system layer must stop and prints one line per try,
 * {@code NAME: allowed} or {@code NAME: refused: WHY}.
 * Arguments: the canary folder, the run's lib folder, a jar in it, a file in the home, a port on 127.0.0.1.
 */
public final class Escapes {

    interface Try {
        void run() throws Exception;
    }

    public static void main(String[] args) {
        Path canary = Path.of(args[0]);
        Path lib = Path.of(args[1]);
        Path jar = Path.of(args[2]);
        Path home = Path.of(args[3]);
        int port = Integer.parseInt(args[4]);
        attempt("write-canary", () -> Files.writeString(canary.resolve("escaped.txt"), "out"));
        attempt("write-lib", () -> Files.writeString(lib.resolve("escaped.jar"), "out"));
        attempt("open-lib-jar-for-writing", () -> {
            // Appends nothing: where this is allowed, a payload could rewrite the jar every later student runs.
            try (OutputStream out = Files.newOutputStream(jar, StandardOpenOption.APPEND)) {
                out.flush();
            }
        });
        attempt("read-home", () -> Files.readString(home));
        attempt("connect-127.0.0.1", () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            }
        });
        attempt("write-scratch", () -> Files.writeString(Path.of("scratch.txt"), "mine"));
    }

    private static void attempt(String name, Try t) {
        try {
            t.run();
            System.out.println(name + ": allowed");
        } catch (Exception e) {
            System.out.println(name + ": refused: " + e);
        }
    }
}
