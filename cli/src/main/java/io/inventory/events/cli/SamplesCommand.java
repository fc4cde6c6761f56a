package io.inventory.events.cli;

import io.inventory.events.cli.json.EventJson;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code samples}: realistic, valid events as JSON lines, for trying the channel out. */
@Command(
    name = "samples",
    mixinStandardHelpOptions = true,
    description = {
      "Prints realistic, varied, valid events as JSON, one per line.",
      "",
      "Without --type: one of each type first, then a mix. Pipe them on:",
      "  inventory-events samples --count 100 | inventory-events produce - --env dev"
    },
    footer = {"", InventoryEventsCli.EXIT_CODES})
final class SamplesCommand implements Callable<Integer> {
  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "Only this event type: STOCK_LEVEL_CHANGED or StockLevelChanged, any case.")
  String type;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "How many events; default ${DEFAULT-VALUE}.")
  int count = 10;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Makes the output repeatable (timestamps start at 2025-06-01T08:00:00Z).")
  Long seed;

  @Option(
      names = "--products",
      paramLabel = "N",
      description = "How many products the events are about; default ${DEFAULT-VALUE}.")
  int products = 8;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (count < 0 || products < 1) {
      throw new ParameterException(spec.commandLine(), "--count must be >= 0, --products >= 1");
    }
    String eventType = type == null ? null : eventType(type);
    SampleStream stream =
        seed != null
            ? new SampleStream(seed, SampleStream.SEEDED_START, products)
            : new SampleStream(ThreadLocalRandom.current().nextLong(), Instant.now(), products);
    PrintWriter out = spec.commandLine().getOut();
    for (int i = 0; i < count; i++) {
      out.println(EventJson.writeLine(eventType == null ? stream.next() : stream.next(eventType)));
    }
    out.flush();
    return InventoryEventsCli.OK;
  }

  private String eventType(String given) {
    String wanted = given.trim().replace("_", "").toLowerCase(Locale.ROOT);
    for (String eventType : EventJson.eventTypes()) {
      if (eventType.replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)) {
        return eventType;
      }
    }
    throw new ParameterException(
        spec.commandLine(),
        "Unknown event type \""
            + given
            + "\"; expected one of "
            + String.join(", ", EventJson.eventTypes())
            + ".");
  }
}
