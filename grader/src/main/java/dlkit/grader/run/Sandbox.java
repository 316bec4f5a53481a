package dlkit.grader.run;

import dlkit.grader.kit.Kit;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The operating-system layer under the bytecode policy: on Linux, each test JVM runs inside
 * bubblewrap ({@code bwrap}), with no network, its own process, IPC and host-name namespaces, a
 * session of its own (it cannot type into the instructor's terminal), the whole file system
 * read-only but for its work folder and a private {@code /tmp}, the homes ({@code /home},
 * {@code /root}, the grading user's) hidden behind empty folders, a minimal {@code /dev} and a
 * fresh {@code /proc}; no capabilities, even when the grader runs as root. The JDK and the
 * files the JVM is given (class path, class-data archive), with their folders, are bound back read-only.
 *
 * <p>Whether bubblewrap works here is found by starting one JVM through it, once per launcher
 * and run ({@link #probe}): it needs Linux, the {@code bwrap} program, and either root or
 * unprivileged user namespaces, which some containers (Docker's default profile) forbid. A
 * launcher such as {@code runuser -u dlkit-student --} comes first, so bubblewrap runs as that
 * user and the sandbox dies with the launcher; where that user may not make namespaces and the
 * grader is root, the launcher runs inside bubblewrap instead ({@link #find}).
 */
public final class Sandbox {

    /** What {@code --sandbox} asks for. */
    public enum Mode {
        /** The operating-system layer where it works here, else the policy only. */
        AUTO,
        /** The operating-system layer, or no grading at all. */
        OS,
        /** The policy only. */
        NONE
    }

    /** The layer every platform has: the bytecode allow-list. */
    public static final String POLICY = "policy";
    /** The operating-system layer on Linux. */
    public static final String BUBBLEWRAP = "os:bubblewrap";

    /** {@code --sandbox os} asked for a layer this machine cannot give; the message says why and what to install. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** What was found for a launcher: the sandbox that starts a JVM, or why none does. */
    private record Probe(Sandbox works, String problem) {}

    /** Probe results by launcher, for this run (the grader's JVM). */
    private static final Map<List<String>, Probe> PROBED = new ConcurrentHashMap<>();

    private final Path bwrap;
    /** The launcher inside bubblewrap rather than around it (see {@link #find}). */
    private final boolean launcherInside;
    private final String missing;

    private Sandbox(Path bwrap, boolean launcherInside, String missing) {
        this.bwrap = bwrap;
        this.launcherInside = launcherInside;
        this.missing = missing;
    }

    /** The policy only, as asked ({@code --sandbox none}). */
    public static Sandbox none() {
        return new Sandbox(null, false, "not asked for (--sandbox none)");
    }

    /**
     * The sandbox {@code mode} asks for, for test JVMs started through {@code launcher}.
     *
     * @throws Unavailable for {@code os} where the operating-system layer does not work
     */
    public static Sandbox choose(Mode mode, List<String> launcher) throws Unavailable {
        if (mode == Mode.NONE) {
            return none();
        }
        Probe probe = PROBED.computeIfAbsent(List.copyOf(launcher), Sandbox::find);
        if (probe.works() != null) {
            return probe.works();
        }
        if (mode == Mode.OS) {
            throw new Unavailable("--sandbox os: the operating-system layer cannot run here: " + probe.problem()
                    + ". Grade with --sandbox auto or none to rely on the bytecode policy alone.");
        }
        return new Sandbox(null, false, probe.problem());
    }

    /**
     * Null if a JVM starts in the sandbox through {@code launcher} on this machine, else why not
     * and what to install. Tried once per launcher and run.
     */
    public static String probe(List<String> launcher) {
        return PROBED.computeIfAbsent(List.copyOf(launcher), Sandbox::find).problem();
    }

    /**
     * Bubblewrap inside the launcher, so that it runs as the launcher's user and dies with it;
     * that needs unprivileged user namespaces. Where they are forbidden but the grader is root,
     * bubblewrap needs none: then the launcher runs inside it, with only the rights to change
     * user (which it drops with the user).
     */
    private static Probe find(List<String> launcher) {
        if (!System.getProperty("os.name").startsWith("Linux")) {
            return new Probe(null, "it needs Linux (with bubblewrap); on " + System.getProperty("os.name")
                    + " student code is confined by the bytecode policy only");
        }
        Path bwrap = program("bwrap");
        if (bwrap == null) {
            return new Probe(null, "bubblewrap (the bwrap program) is not installed; install it (Debian, Ubuntu: apt-get install bubblewrap)");
        }
        Sandbox outside = new Sandbox(bwrap, false, null);
        String problem = startsJvm(outside, launcher);
        if (problem == null) {
            return new Probe(outside, null);
        }
        Sandbox inside = new Sandbox(bwrap, true, null);
        if (!launcher.isEmpty() && "root".equals(System.getProperty("user.name")) && startsJvm(inside, launcher) == null) {
            return new Probe(inside, null);
        }
        return new Probe(null, problem);
    }

    /** Null if {@code java -version} runs in {@code sandbox} through {@code launcher}, else why not. */
    private static String startsJvm(Sandbox sandbox, List<String> launcher) {
        Path work = null;
        try {
            work = Files.createTempDirectory("dlkit-sandbox-probe-");
            if (!launcher.isEmpty()) {
                Kit.shareWithOtherUsers(work);
            }
            List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:-UsePerfData", "-Xshare:auto", "-version");
            ProcessBuilder builder = new ProcessBuilder(sandbox.command(launcher, java, work, List.of(), List.of()))
                    .directory(work.toFile()).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            Process p = builder.start();
            byte[] said = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "a JVM did not start within 30 s in bubblewrap (" + sandbox.bwrap + ")";
            }
            if (p.exitValue() == 0) {
                return null;
            }
            String first = new String(said, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).limit(2)
                    .collect(Collectors.joining(" / "));
            return "bubblewrap (" + sandbox.bwrap + ") did not start a JVM (exit code " + p.exitValue() + ": " + first
                    + "); it needs root or unprivileged user namespaces, which this machine or container does not allow"
                    + " (a Docker container's default profile forbids them; on Debian: sysctl kernel.unprivileged_userns_clone=1)";
        } catch (IOException e) {
            return "bubblewrap (" + sandbox.bwrap + ") could not be started: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while trying bubblewrap";
        } finally {
            if (work != null) {
                Kit.deleteRecursively(work);
            }
        }
    }

    /** The layers that confine student code in this run, for the reports: {@link #POLICY}, then {@link #BUBBLEWRAP} if it runs. */
    public List<String> layers() {
        return bwrap == null ? List.of(POLICY) : List.of(POLICY, BUBBLEWRAP);
    }

    /** For the console: which layers run and, if the operating-system layer does not, why; lines of at most 100 characters. */
    public String describe() {
        if (bwrap != null) {
            return "Student code runs under: " + String.join(" + ", layers())
                    + " (no network, files read-only but its work folder)";
        }
        StringBuilder out = new StringBuilder("Student code runs under: policy only. No operating-system sandbox:");
        int line = out.length();
        for (String word : missing.split(" ")) {
            if (line + 1 + word.length() > 100) {
                out.append("\n ");
                line = 1;
            }
            out.append(' ').append(word);
            line += 1 + word.length();
        }
        return out.toString();
    }

    /**
     * The command that runs {@code java} (a JVM's command line) through {@code launcher} and, if
     * this sandbox confines, inside bubblewrap, writable only in {@code workDir} and the folders
     * {@code writable} (the grader's own output of the run, such as the plots' numbers), and able
     * to read {@code readable} (files or folders the JVM is given) wherever they are.
     */
    public List<String> command(List<String> launcher, List<String> java, Path workDir, Collection<Path> readable,
                                Collection<Path> writable) {
        List<String> command = new ArrayList<>();
        if (bwrap == null) {
            command.addAll(launcher);
        } else if (launcherInside) {
            command.addAll(bwrapOptions(workDir, readable, writable));
            // Found on the grader's PATH: inside, with an empty environment, there is none.
            Path program = launcher.get(0).contains("/") ? Path.of(launcher.get(0)) : program(launcher.get(0));
            command.add(program == null ? launcher.get(0) : program.toString());
            command.addAll(launcher.subList(1, launcher.size()));
        } else {
            command.addAll(launcher);
            command.addAll(bwrapOptions(workDir, readable, writable));
        }
        command.addAll(java);
        return command;
    }

    private List<String> bwrapOptions(Path workDir, Collection<Path> readable, Collection<Path> writable) {
        List<String> o = new ArrayList<>(List.of(bwrap.toString(),
                "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--die-with-parent", "--new-session", "--cap-drop", "ALL"));
        if (launcherInside) {
            // Only what a launcher such as runuser needs to change user; the JVM it starts has none.
            o.addAll(List.of("--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"));
        }
        o.addAll(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
        // The homes hidden, the grading user's included, so that not even reading ~/.ssh works.
        List<Path> homes = new ArrayList<>(List.of(Path.of("/home"), Path.of("/root")));
        Path mine = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        if (mine.getNameCount() > 0 && homes.stream().noneMatch(mine::startsWith)) {
            homes.add(mine);
        }
        homes.stream().filter(Files::isDirectory).forEach(h -> o.addAll(List.of("--tmpfs", h.toString())));
        Path work = workDir.toAbsolutePath().normalize();
        o.addAll(List.of("--bind", work.toString(), work.toString()));
        for (Path w : writable) {
            String folder = w.toAbsolutePath().normalize().toString();
            o.addAll(List.of("--bind", folder, folder));
        }
        // After the work folder, so that what the JVM is given inside it stays read-only too. A
        // file outside it comes with its folder (the run's lib/), else that folder would be a
        // writable one of bubblewrap's making.
        TreeSet<String> given = new TreeSet<>();
        Stream.concat(Stream.of(Path.of(System.getProperty("java.home"))), readable.stream())
                .map(p -> p.toAbsolutePath().normalize()).filter(Files::exists)
                .map(p -> Files.isDirectory(p) || p.startsWith(work) ? p : p.getParent())
                .forEach(p -> given.add(p.toString()));
        for (String p : given) {
            o.addAll(List.of("--ro-bind", p, p));
        }
        o.addAll(List.of("--chdir", work.toString(), "--"));
        return o;
    }

    /** The program {@code name} on the grader's PATH, or in /usr/bin, /bin, /usr/sbin; null if none. */
    private static Path program(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin", "/bin", "/usr/sbin"))
                .filter(d -> !d.isBlank()).map(d -> Path.of(d, name)).filter(Files::isExecutable)
                .findFirst().orElse(null);
    }
}
