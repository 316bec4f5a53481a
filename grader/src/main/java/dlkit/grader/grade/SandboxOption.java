package dlkit.grader.grade;

import dlkit.grader.run.Sandbox;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --sandbox auto|os|none}, for every command that runs student code ({@code grade}, {@code validate}, {@code explore}). */
public final class SandboxOption {

    @Option(names = "--sandbox", paramLabel = "auto|os|none", converter = ModeConverter.class,
            description = "the operating-system layer under the bytecode policy (Linux, bubblewrap: no network, files "
                    + "read-only but the test JVM's work folder): os to require it, none to go without it, "
                    + "auto to use it where it works here (default: auto)")
    Sandbox.Mode mode = Sandbox.Mode.AUTO;

    /**
     * The sandbox for test JVMs started through {@code launcher}.
     *
     * @throws CommandLine.ParameterException if {@code --sandbox os} cannot be had here: a usage
     *                                        error of {@code command} (exit code 2), saying why
     */
    public Sandbox sandbox(List<String> launcher, CommandLine command) {
        try {
            return Sandbox.choose(mode, launcher);
        } catch (Sandbox.Unavailable e) {
            throw new CommandLine.ParameterException(command, e.getMessage());
        }
    }

    /** {@code auto}, {@code os} or {@code none}, in any case. */
    static final class ModeConverter implements CommandLine.ITypeConverter<Sandbox.Mode> {
        @Override
        public Sandbox.Mode convert(String value) {
            try {
                return Sandbox.Mode.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("auto, os or none, not " + value);
            }
        }
    }
}
