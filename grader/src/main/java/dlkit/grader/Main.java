package dlkit.grader;

import dlkit.grader.grade.ExploreCommand;
import dlkit.grader.grade.GradeCommand;
import dlkit.grader.grade.MergeCommand;
import dlkit.grader.kit.InternalErrors;
import dlkit.grader.kit.Kit;
import dlkit.grader.release.GradescopeCommand;
import dlkit.grader.release.NewExerciseCommand;
import dlkit.grader.release.ReleaseCommand;
import dlkit.grader.validate.ValidateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The grader's command line: {@code java -jar grader/target/dlkit-grader.jar <command>}. */
@Command(name = "dlkit", mixinStandardHelpOptions = true, version = Kit.VERSION,
        description = "Grades deep-learning exercises against the reference solution.",
        subcommands = {GradeCommand.class, MergeCommand.class, ExploreCommand.class, ValidateCommand.class, ReleaseCommand.class, GradescopeCommand.class,
                NewExerciseCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "print the stack trace of an internal error (it is always kept in the output folder's "
                    + InternalErrors.LOG + " where the command has one)")
    void debug(boolean on) {
        InternalErrors.debug(on);
    }

    public static void main(String[] args) {
        QuickCompilerOnly.apply();
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with picocli's exit codes: 0 when the work finished, 2 for a usage error
     * (a {@link CommandLine.ParameterException}, from parsing or from a command), 1 for anything
     * unexpected; {@code validate} adds 3 when the kit fails a check.
     */
    public static CommandLine commandLine() {
        InternalErrors.reset();
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            InternalErrors.report(cmd.getErr(), "internal error", e);
            return ExitCode.SOFTWARE;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("dlkit: " + e.getMessage() + " (see --help)");
            return ExitCode.USAGE;
        });
        return cli;
    }
}
