package io.inventory.events.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code inventory-events} command: validate, produce and consume events in the channel's JSON
 * shape, check a schema change, register the schemas, print sample events and run the demo.
 *
 * <pre>{@code
 * java -jar cli/target/inventory-events.jar --help
 * int exit = InventoryEventsCli.commandLine(System.in, out, err).execute("validate", "events.json");
 * }</pre>
 *
 * <p>Exit codes: {@value #OK} ok, {@value #FAILED} invalid events, a breaking change or a failed
 * operation, {@value #USAGE} a usage error. Results go to standard output, progress and errors to
 * standard error; logging is off unless {@code --verbose}.
 */
@Command(
    name = "inventory-events",
    mixinStandardHelpOptions = true,
    versionProvider = InventoryEventsCli.Version.class,
    description =
        "Works with the inventory.{env}.events channel: its events, schemas and registry.",
    subcommands = {
      ValidateCommand.class,
      ProduceCommand.class,
      ConsumeCommand.class,
      CheckCommand.class,
      RegisterCommand.class,
      SamplesCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", InventoryEventsCli.EXIT_CODES})
public final class InventoryEventsCli implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final String EXIT_CODES =
      "Exit codes: 0 ok, 1 invalid events, a breaking change or a failed operation, 2 usage error.";

  static {
    Logging.install();
  }

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Log what the Kafka clients, the registry client and the stack do (stderr).")
  boolean verbose;

  @Spec CommandSpec spec;

  private final InputStream in;

  private InventoryEventsCli(InputStream in) {
    this.in = in;
  }

  /** Runs the command and exits with its exit code. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int exitCode = commandLine(System.in, out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(exitCode);
  }

  /**
   * The command line, reading {@code -} from {@code in} and writing to {@code out} and {@code err};
   * call {@code execute(args)} on it for the exit code.
   */
  public static CommandLine commandLine(InputStream in, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new InventoryEventsCli(in));
    commandLine.setOut(Objects.requireNonNull(out, "out == null"));
    commandLine.setErr(Objects.requireNonNull(err, "err == null"));
    commandLine.setExecutionStrategy(
        parseResult -> {
          Logging.verbose(
              parseResult.asCommandLineList().stream()
                  .anyMatch(c -> c.getParseResult().hasMatchedOption("--verbose")));
          return new CommandLine.RunLast().execute(parseResult);
        });
    commandLine.setParameterExceptionHandler(InventoryEventsCli::usageError);
    commandLine.setExecutionExceptionHandler(
        (exception, command, parseResult) -> failure(exception, command));
    return commandLine;
  }

  /** Without a command: the list of commands, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }

  InputStream in() {
    return in;
  }

  private static int usageError(ParameterException exception, String[] args) {
    CommandLine command = exception.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(command.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
    err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for its options.");
    return USAGE;
  }

  private static int failure(Exception exception, CommandLine command) {
    PrintWriter err = command.getErr();
    err.println(command.getCommandSpec().qualifiedName() + ": " + describe(exception));
    if (Logging.isVerbose()) {
      exception.printStackTrace(err);
    }
    return FAILED;
  }

  /** The message of {@code failure} and of its causes, each once, without class names. */
  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (text.indexOf(message) < 0) {
        text.append(text.length() == 0 ? "" : ": ").append(message);
      }
    }
    return text.toString();
  }

  /** The project version this jar was built from. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"inventory-events " + properties.getProperty("version", "(unknown)")};
    }
  }
}
