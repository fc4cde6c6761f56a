package io.inventory.events.cli;

import io.inventory.events.cli.EventInput.MalformedJsonException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code validate FILE|-}: checks JSON events the way the publisher would, naming every problem.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks events in the channel's JSON shape, as the publisher would.",
      "",
      "Input: one JSON object per line, or a JSON array of objects. Each problem is printed as",
      "  FILE:LINE: event N (eventId ID): WHAT at $.json.path"
    },
    footer = {"", InventoryEventsCli.EXIT_CODES})
final class ValidateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE|-", description = "The events; - reads standard input.")
  String file;

  @ParentCommand InventoryEventsCli cli;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    EventCheck.Result result = readAndCheck(file, cli, spec, out);
    if (result == null) {
      return InventoryEventsCli.FAILED;
    }
    int total = result.events().size() + result.invalidEvents();
    if (!result.valid()) {
      out.println(result.invalidEvents() + " of " + total + " events invalid.");
      return InventoryEventsCli.FAILED;
    }
    out.println(total + " events valid" + countsByType(result.events()) + ".");
    return InventoryEventsCli.OK;
  }

  /**
   * Reads {@code file} and checks every event, printing each problem to {@code problems}; {@code
   * null} when the input is not JSON (also printed).
   *
   * @throws ParameterException when the file does not exist (a usage error)
   */
  static EventCheck.Result readAndCheck(
      String file, InventoryEventsCli cli, CommandSpec spec, PrintWriter problems)
      throws IOException {
    String source = EventInput.displayName(file);
    List<EventInput.LocatedEvent> events;
    try (Reader reader = EventInput.open(file, cli.in())) {
      events = EventInput.read(reader);
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "no such file: " + file);
    } catch (MalformedJsonException e) {
      problems.println(source + ":" + e.line + ": " + e.getMessage());
      return null;
    }
    try (EventCheck check = new EventCheck()) {
      EventCheck.Result result = check.check(events, source);
      result.errors().forEach(problems::println);
      return result;
    }
  }

  /** {@code " (StockLevelChanged 2, LowStockAlert 1)"}, or nothing for no events. */
  static String countsByType(List<SpecificRecord> events) {
    Map<String, Integer> counts = new TreeMap<>();
    events.forEach(e -> counts.merge(e.getSchema().getName(), 1, Integer::sum));
    return counts.entrySet().stream()
        .map(count -> count.getKey() + " " + count.getValue())
        .collect(Collectors.joining(", ", " (", ")"))
        .replace(" ()", "");
  }
}
