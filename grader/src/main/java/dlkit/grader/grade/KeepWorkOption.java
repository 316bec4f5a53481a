package dlkit.grader.grade;

import dlkit.grader.kit.Kit;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --keep-work}: the run's work folder kept for a look afterwards, for every command that makes one. */
public final class KeepWorkOption {

    @Option(names = "--keep-work",
            description = "keep the run's work folder (each submission's compiled classes and plots' inputs, the unzipped"
                    + " submissions, the test JVMs' class path) and print where it is; without it, it is deleted at the end")
    boolean keep;

    /** With {@code --keep-work}, keeps {@code kit}'s work folder and says where on {@code out}. */
    public void apply(Kit kit, PrintWriter out) {
        if (keep) {
            out.println("Work folder kept (--keep-work): " + kit.keepWork());
            out.flush();
        }
    }
}
