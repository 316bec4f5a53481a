package dlkit.grader;

import dlkit.grader.explore.ExploreCommand;
import dlkit.grader.grade.GradeCommand;
import dlkit.grader.grade.MergeCommand;
import dlkit.grader.release.GradescopeCommand;
import dlkit.grader.release.ReleaseCommand;
import dlkit.grader.validate.ValidateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The grader's command line: {@code java -jar grader/target/dlkit-grader.jar <command>}. */
@Command(name = "dlkit", mixinStandardHelpOptions = true, version = "dlkit 1.0",
        description = "Grades deep-learning exercises against the reference solution.",
        subcommands = {GradeCommand.class, MergeCommand.class, ExploreCommand.class, ValidateCommand.class, ReleaseCommand.class, GradescopeCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    /** Exit code when the work finished, whatever the scores. */
    public static final int OK = 0;
    /** Exit code for an internal error, with a one-line reason. */
    public static final int INTERNAL_ERROR = 1;
    /** Exit code for a usage error, with a one-line reason. */
    public static final int USAGE_ERROR = 2;
    /** Exit code of {@code validate} when the kit failed one of its checks. */
    public static final int CHECK_FAILED = 3;

    public static void main(String[] args) {
        QuickCompilerOnly.apply();
        System.exit(commandLine().execute(args));
    }

    /** The command line with the kit's exit codes: 2 for usage errors, 1 for anything unexpected. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE_ERROR : INTERNAL_ERROR);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("dlkit: internal error: " + e);
            return INTERNAL_ERROR;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("dlkit: " + e.getMessage() + " (see --help)");
            return USAGE_ERROR;
        });
        return cli;
    }
}
