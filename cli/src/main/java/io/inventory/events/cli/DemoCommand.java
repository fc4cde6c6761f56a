package io.inventory.events.cli;

import io.inventory.events.cli.json.EventJson;
import io.inventory.events.client.Environment;
import io.inventory.events.client.InvalidEventException;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the channel end to end on the embedded stack. Publishes the seed page's stock
 * change and three more events, shows an invalid event refused before sending, sends a poison
 * record, streams sample events of every type, and lets a typed consumer handle them all and
 * dead-letter the poison; then sums up: events per type, per-product order, dead letters, time.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the channel end to end on an embedded stack, with a summary.",
      "",
      "Starts Kafka and Apicurio Registry in a few seconds (or uses --bootstrap-servers and",
      "--registry, or $KAFKA_BOOTSTRAP_SERVERS and $SCHEMA_REGISTRY_URL), publishes, refuses,",
      "consumes and dead-letters, then stops what it started."
    },
    footer = {"", InventoryEventsCli.EXIT_CODES})
final class DemoCommand implements Callable<Integer> {
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final int PRODUCTS = 8;

  @Option(
      names = "--env",
      paramLabel = "dev|sit|prod",
      converter = KafkaOptions.EnvironmentConverter.class,
      description = "The environment whose topic to use; default ${DEFAULT-VALUE}.")
  Environment environment = Environment.DEV;

  @Option(
      names = "--events",
      paramLabel = "N",
      description = "How many sample events to stream; default ${DEFAULT-VALUE}.")
  int events = 120;

  @Option(names = "--seed", paramLabel = "S", description = "Makes the sample stream repeatable.")
  Long seed;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "Uses this Kafka (with --registry) instead of starting one.")
  String bootstrapServers;

  @Option(
      names = "--registry",
      paramLabel = "URL",
      description = "Uses this registry (with --bootstrap-servers) instead of starting one.")
  String registry;

  @Spec CommandSpec spec;

  private final DemoLedger ledger = new DemoLedger();
  private PrintWriter out;
  private PrintWriter err;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    err = spec.commandLine().getErr();
    if ((bootstrapServers == null) != (registry == null) || events < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "Give --bootstrap-servers and --registry together; --events >= 0.");
    }
    long started = System.nanoTime();
    progress("Starting Kafka and Apicurio Registry (the first run unpacks the registry)...");
    try (InventoryStack stack = startStack()) {
      double stackSeconds = seconds(started);
      say(
          "Stack ready in %.1f s: Kafka %s, registry %s",
          stackSeconds, stack.bootstrapServers(), stack.schemaRegistryUrl());
      String topic = environment.topic();
      stack.createTopic(topic, 6);
      stack.createTopic(topic + ".dlt", 6);
      say("Topics %s and %s.dlt, 6 partitions each", topic, topic);
      return run(stack, started, stackSeconds);
    }
  }

  private InventoryStack startStack() {
    InventoryStack.Builder builder = InventoryStack.builder();
    if (bootstrapServers != null) {
      builder.external(bootstrapServers, registry);
    }
    return builder.start();
  }

  private int run(InventoryStack stack, long started, double stackSeconds) throws Exception {
    say("");
    say("1. The seed page's stock change, as JSON in the channel's shape, and three more events");
    try (InventoryEventPublisher publisher = publisher(stack)) {
      List<SpecificRecord> story =
          List.of(
              fresh(SampleEvents.stockLevelChanged()),
              fresh(SampleEvents.lowStockAlert()),
              fresh(SampleEvents.stockAllocated()),
              fresh(SampleEvents.allocationReleased()));
      say("   %s", EventJson.writeLine(story.get(0)));
      for (SpecificRecord event : story) {
        RecordMetadata sent = publish(publisher, event).join();
        say(
            "   published %-20s %s -> partition %d, offset %d",
            event.getSchema().getName(),
            DemoLedger.productId(event),
            sent.partition(),
            sent.offset());
      }
      say("2. An invalid event is refused before anything is sent");
      refuseInvalid(publisher);
      say("3. A poison record: JSON bytes instead of an Avro frame, from a plain producer");
      sendPoison(stack);
      say("4. A stream of %d sample events of every type", events);
      stream(publisher);
    }
    say("5. A typed consumer handles every event and dead-letters the poison");
    long deadLettered = consume(stack);
    return summary(started, stackSeconds, deadLettered);
  }

  private InventoryEventPublisher publisher(InventoryStack stack) {
    return InventoryEventPublisher.builder()
        .environment(environment)
        .bootstrapServers(stack.bootstrapServers())
        .schemaRegistryUrl(stack.schemaRegistryUrl())
        .property("auto.register.schemas", true) // sit and prod: 'inventory-events register'
        .build();
  }

  private java.util.concurrent.CompletableFuture<RecordMetadata> publish(
      InventoryEventPublisher publisher, SpecificRecord event) {
    ledger.published(event);
    return publisher.publish(event);
  }

  private void refuseInvalid(InventoryEventPublisher publisher) {
    SpecificRecord negative = fresh(SampleEvents.stockLevelChanged());
    IndexedRecord payload = (IndexedRecord) DemoLedger.field(negative, "payload");
    payload.put(payload.getSchema().getField("newQuantity").pos(), new BigDecimal("-5"));
    try {
      publisher.publish(negative);
      throw new IllegalStateException("The publisher accepted a negative quantity");
    } catch (InvalidEventException refused) {
      say("   refused: %s", refused.getMessage());
    }
  }

  private void sendPoison(InventoryStack stack) throws Exception {
    Map<String, Object> config =
        Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all");
    try (KafkaProducer<String, byte[]> raw =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      RecordMetadata sent =
          raw.send(
                  new ProducerRecord<>(
                      environment.topic(),
                      SampleEvents.PRODUCT_ID,
                      "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8)))
              .get();
      say(
          "   sent for %s -> partition %d, offset %d",
          SampleEvents.PRODUCT_ID, sent.partition(), sent.offset());
    }
  }

  private void stream(InventoryEventPublisher publisher) {
    SampleStream samples =
        seed != null
            ? new SampleStream(seed, SampleStream.SEEDED_START, PRODUCTS)
            : new SampleStream(ThreadLocalRandom.current().nextLong(), Instant.now(), PRODUCTS);
    Progress progress = new Progress(err, "   published", events);
    for (int i = 0; i < events; i++) {
      publish(publisher, samples.next());
      progress.step();
    }
    publisher.flush();
    progress.done();
    say("   published %d events over %d products", events, PRODUCTS);
  }

  /** Runs a typed consumer until every event of this run is handled and the poison is gone. */
  private long consume(InventoryStack stack) throws InterruptedException {
    InventoryEventConsumer.Builder builder =
        InventoryEventConsumer.builder()
            .environment(environment)
            .bootstrapServers(stack.bootstrapServers())
            .schemaRegistryUrl(stack.schemaRegistryUrl())
            .groupId("inventory-events-demo-" + UUID.randomUUID().toString().substring(0, 8));
    for (Class<? extends SpecificRecord> type : EventJson.eventClasses()) {
      builder.on(type, (event, context) -> ledger.handled(event));
    }
    try (InventoryEventConsumer consumer = builder.build()) {
      consumer.start();
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      Progress progress = new Progress(err, "   handled", ledger.publishedCount());
      int reported = 0;
      while (ledger.handledCount() < ledger.publishedCount()
          || consumer.metrics().deadLettered() < 1) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "The consumer handled "
                  + ledger.handledCount()
                  + " of "
                  + ledger.publishedCount()
                  + " events within "
                  + DEADLINE.toSeconds()
                  + " s; counters: "
                  + consumer.metrics());
        }
        for (; reported < ledger.handledCount(); reported++) {
          progress.step();
        }
        Thread.sleep(50); // a person is watching; nothing here is a test's synchronisation
      }
      progress.done();
      say(
          "   handled %d events; the poison went to %s.dlt",
          ledger.handledCount(), environment.topic());
      return consumer.metrics().deadLettered();
    }
  }

  private int summary(long started, double stackSeconds, long deadLettered) {
    List<String> outOfOrder = ledger.productsOutOfOrder();
    say("");
    say("Summary");
    say("  events per type     %s", ledger.handledPerType());
    say(
        "  per-product order   %s",
        outOfOrder.isEmpty()
            ? "verified: "
                + ledger.handledCount()
                + " events over "
                + ledger.products()
                + " products, each product's in publish order"
            : "BROKEN for " + String.join(", ", outOfOrder));
    say("  refused             1 invalid event, nothing sent");
    say("  dead-lettered       %d poison record(s) -> %s.dlt", deadLettered, environment.topic());
    say(
        "  time                %.1f s (stack %.1f s, channel %.1f s)",
        seconds(started), stackSeconds, seconds(started) - stackSeconds);
    return outOfOrder.isEmpty() ? InventoryEventsCli.OK : InventoryEventsCli.FAILED;
  }

  /** A copy of {@code sample} with a new eventId and the current time, so each run is its own. */
  private static SpecificRecord fresh(SpecificRecord sample) {
    SpecificRecord copy =
        SpecificData.getForClass(sample.getClass()).deepCopy(sample.getSchema(), sample);
    copy.put(copy.getSchema().getField("eventId").pos(), UUID.randomUUID());
    copy.put(
        copy.getSchema().getField("timestamp").pos(), Instant.now().truncatedTo(ChronoUnit.MICROS));
    return copy;
  }

  private void say(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
    out.flush();
  }

  private void progress(String line) {
    err.println(line);
    err.flush();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
