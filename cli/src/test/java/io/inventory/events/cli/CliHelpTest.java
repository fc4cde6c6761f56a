package io.inventory.events.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("inventory-events: help, usage errors and exit codes")
class CliHelpTest {
  private static final List<String> COMMANDS =
      List.of("validate", "produce", "consume", "check", "register", "samples", "demo");

  @Test
  @DisplayName("--help lists every command with one line each, and the exit codes")
  void helpListsEveryCommandOnOneLine() {
    Cli.Run run = Cli.run("--help");

    assertThat(run.exitCode()).isZero();
    List<String> commandLines =
        run.outLines().stream()
            .dropWhile(line -> !line.equals("Commands:"))
            .skip(1)
            .takeWhile(line -> !line.isBlank())
            .toList();
    assertThat(commandLines)
        .extracting(line -> line.trim().split("\\s+")[0])
        .containsExactlyElementsOf(concat(COMMANDS, "help"));
    assertThat(commandLines).allMatch(line -> Pattern.matches("  [a-z]+ +\\S.*", line));
    assertThat(run.out()).contains("Exit codes: 0 ok, 1 invalid events, a breaking change");
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "produce", "consume", "check", "register", "samples", "demo"})
  @DisplayName("every command has --help, exit 0")
  void everyCommandHasHelp(String command) {
    Cli.Run run = Cli.run(command, "--help");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("Usage: inventory-events " + command);
  }

  @Test
  @DisplayName("no command prints the command list on stderr, exit 2")
  void noCommandIsAUsageError() {
    Cli.Run run = Cli.run();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Commands:");
  }

  @Test
  @DisplayName("a misspelt command is a usage error that suggests the right one, exit 2")
  void unknownCommandSuggestsTheNearestOne() {
    Cli.Run run = Cli.run("validat");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "inventory-events: Unmatched argument at index 0: 'validat'\n"
                + "Did you mean: inventory-events validate?\n"
                + "Run 'inventory-events --help' for its options.\n");
  }

  @Test
  @DisplayName("a missing required option is a usage error naming it, exit 2")
  void missingRequiredOption() {
    Cli.Run run = Cli.run("produce", "-");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("inventory-events produce: Missing required option: '--env=dev|sit|prod'");
  }

  @Test
  @DisplayName("--version names the build")
  void version() {
    assertThat(Cli.run("--version").out()).isEqualTo("inventory-events 1.0.0-SNAPSHOT\n");
  }

  private static List<String> concat(List<String> list, String last) {
    return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(last)).toList();
  }
}
