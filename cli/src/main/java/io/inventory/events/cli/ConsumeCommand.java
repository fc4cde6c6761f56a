package io.inventory.events.cli;

import io.inventory.events.cli.json.EventJson;
import io.inventory.events.client.BackOff;
import io.inventory.events.client.EventContext;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.serde.UnknownEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code consume --env ENV}: prints the channel's events as JSON in the seed's shape, one per line,
 * like Confluent's Avro console consumer. Events of a type this build does not know and records
 * that cannot be decoded get a short line on standard error; nothing is dead-lettered.
 */
@Command(
    name = "consume",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the channel's events as JSON, one per line, until Ctrl-C.",
      "",
      "With --show-partition, --show-offset and --show-key, each line starts with",
      "  Partition:P<TAB>Offset:O<TAB>KEY<TAB> before the JSON, as Kafka's console consumer"
          + " prints.",
      "Unknown event types and undecodable records get a '#' line on standard error."
    },
    footer = {"", InventoryEventsCli.EXIT_CODES})
final class ConsumeCommand implements Callable<Integer> {
  @Mixin ChannelOptions channel;

  @Option(
      names = "--from-beginning",
      description = "Starts at the oldest event when the group has no offsets (default: new ones).")
  boolean fromBeginning;

  @Option(names = "--max", paramLabel = "N", description = "Stops after N events.")
  Long max;

  @Option(
      names = "--group",
      paramLabel = "GROUP",
      description = "Consumer group; default a new one per run (inventory-events-cli-<random>).")
  String group;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Stops after SECONDS without a new event.")
  Long timeoutSeconds;

  @Option(names = "--show-key", description = "Prints each record's key (the productId).")
  boolean showKey;

  @Option(names = "--show-partition", description = "Prints each record's partition.")
  boolean showPartition;

  @Option(names = "--show-offset", description = "Prints each record's offset.")
  boolean showOffset;

  @Mixin KafkaOptions kafka;
  @Spec CommandSpec spec;

  private final AtomicLong printed = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private volatile long lastEventNanos = System.nanoTime();
  private volatile InventoryEventConsumer running;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (max != null && max < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max must be >= 1");
    }
    InventoryEventConsumer consumer = consumer(out, err);
    running = consumer;
    Thread stopOnCtrlC = new Thread(consumer::close, "inventory-events-consume-stop");
    Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
    ScheduledExecutorService idle = watchIdle(consumer);
    try {
      consumer.run();
    } finally {
      idle.shutdownNow();
      consumer.close();
      removeHook(stopOnCtrlC);
    }
    err.println(
        "Processed a total of "
            + printed.get()
            + " events"
            + (skipped.get() == 0 ? "" : " (" + skipped.get() + " records skipped)")
            + ".");
    return InventoryEventsCli.OK;
  }

  private InventoryEventConsumer consumer(PrintWriter out, PrintWriter err) {
    InventoryEventConsumer.Builder builder =
        InventoryEventConsumer.builder()
            .environment(channel.environment)
            .bootstrapServers(kafka.bootstrapServers(spec))
            .schemaRegistryUrl(kafka.registry(spec))
            .groupId(group != null ? group : "inventory-events-cli-" + shortId())
            .property("auto.offset.reset", fromBeginning ? "earliest" : "latest")
            .backOff(BackOff.none())
            // a console consumer reads; it never writes to the dead-letter topic
            .deadLetterPublisher((record, cause) -> undecodable(record, cause, err))
            .onUnknown((event, context) -> unknown(event, context, err));
    kafka.properties.forEach(builder::property);
    if (channel.topic != null) {
      builder.topic(channel.topic);
    }
    for (Class<? extends SpecificRecord> type : EventJson.eventClasses()) {
      register(builder, type, out);
    }
    return builder.build();
  }

  private <T extends SpecificRecord> void register(
      InventoryEventConsumer.Builder builder, Class<T> type, PrintWriter out) {
    builder.on(type, (event, context) -> print(event, context, out));
  }

  private void print(SpecificRecord event, EventContext context, PrintWriter out) {
    if (max != null && printed.get() >= max) {
      return; // the rest of the last poll, after close() was asked for
    }
    StringBuilder line = new StringBuilder();
    if (showPartition) {
      line.append("Partition:").append(context.partition()).append('\t');
    }
    if (showOffset) {
      line.append("Offset:").append(context.offset()).append('\t');
    }
    if (showKey) {
      line.append(context.key()).append('\t');
    }
    out.println(line.append(EventJson.writeLine(event)));
    out.flush();
    seen();
  }

  private void unknown(UnknownEvent event, EventContext context, PrintWriter err) {
    err.println(
        "# skipped "
            + context
            + ": event type "
            + event.recordName()
            + " (schema id "
            + event.schemaId()
            + ") is newer than this build");
    skipped.incrementAndGet();
    lastEventNanos = System.nanoTime();
  }

  private void undecodable(
      ConsumerRecord<byte[], byte[]> record, Exception cause, PrintWriter err) {
    err.println(
        "# skipped "
            + record.topic()
            + "-"
            + record.partition()
            + "@"
            + record.offset()
            + ": "
            + InventoryEventsCli.describe(cause));
    skipped.incrementAndGet();
    lastEventNanos = System.nanoTime();
  }

  /** Counts a printed event and stops the consumer once --max is reached. */
  private void seen() {
    lastEventNanos = System.nanoTime();
    if (printed.incrementAndGet() == (max == null ? -1 : max)) {
      running.close(); // from a handler: returns at once, the loop commits and stops
    }
  }

  private ScheduledExecutorService watchIdle(InventoryEventConsumer consumer) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    if (timeoutSeconds != null) {
      Duration limit = Duration.ofSeconds(timeoutSeconds);
      timer.scheduleWithFixedDelay(
          () -> {
            if (System.nanoTime() - lastEventNanos > limit.toNanos()) {
              consumer.close();
            }
          },
          100,
          100,
          TimeUnit.MILLISECONDS);
    }
    return timer;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is running
    }
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  }
}
