package io.inventory.events.stack;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * One command for a local stack: starts Kafka and Apicurio Registry (or uses the external ones
 * named by {@code KAFKA_BOOTSTRAP_SERVERS} and {@code SCHEMA_REGISTRY_URL}), creates the channel's
 * topics {@code inventory.dev.events}, {@code inventory.sit.events} and {@code
 * inventory.prod.events} with their dead-letter topics ({@code .dlt}, as many partitions), prints
 * the addresses, and runs until Ctrl-C, then stops cleanly. Run it with {@code mvn -q -pl
 * local-stack exec:java}; the optional argument {@code --partitions=N} (default 6) sets the topics'
 * partition count, {@code --brokers=3} starts a controller and three brokers instead of one node,
 * and {@code -Dinventory.stack.compatibility=LEVEL} sets the registry's rule.
 */
public final class LocalStack {
  static final List<String> ENVIRONMENTS = List.of("dev", "sit", "prod");

  /**
   * Each environment's topic and its dead-letter topic: the client's consumer writes poison records
   * to {@code <topic>.dlt} (DeadLetterPublisher.topicFor) but never creates it.
   */
  static final List<String> TOPICS =
      ENVIRONMENTS.stream()
          .flatMap(
              env -> Stream.of("inventory." + env + ".events", "inventory." + env + ".events.dlt"))
          .toList();

  private static final int DEFAULT_PARTITIONS = 6;
  private static final String LOG_CONFIG = "io/inventory/events/stack/local-stack-log4j2.xml";

  private LocalStack() {}

  public static void main(String[] args) throws InterruptedException {
    // before any logger exists: Kafka's and the stack's own logs at WARN, unless the caller chose a
    // config
    if (System.getProperty("log4j2.configurationFile") == null
        && System.getProperty("log4j.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "classpath:" + LOG_CONFIG);
    }
    // the stack's own hook logs while stopping; Log4j's hook must not shut logging down first
    if (System.getProperty("log4j2.shutdownHookEnabled") == null) {
      System.setProperty("log4j2.shutdownHookEnabled", "false");
    }
    int partitions = DEFAULT_PARTITIONS;
    int brokers = 1;
    for (String arg : args) {
      if (arg.startsWith("--partitions=")) {
        partitions = Integer.parseInt(arg.substring("--partitions=".length()));
      } else if (arg.startsWith("--brokers=")) {
        brokers = Integer.parseInt(arg.substring("--brokers=".length()));
      } else {
        System.err.println(
            "Unknown argument \"" + arg + "\". Usage: LocalStack [--partitions=N] [--brokers=1|3]");
        System.exit(2);
      }
    }
    PrintStream out = System.out;
    long start = System.nanoTime();
    InventoryStack stack;
    try {
      stack = InventoryStack.builder().brokers(brokers).progress(out::println).start();
      for (String topic : TOPICS) {
        out.println("Creating topic " + topic + " (" + partitions + " partitions)");
        stack.createTopic(topic, partitions);
      }
    } catch (StackException | IllegalArgumentException e) {
      System.err.println("The local stack did not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("Stopping the local stack...");
                  stack.close();
                  out.println("Stopped.");
                  stopped.countDown();
                },
                "local-stack-stop"));

    out.println();
    out.printf(
        "Inventory local stack ready in %.1f s (%s)%n",
        (System.nanoTime() - start) / 1e9, stack.modeName());
    out.println("  KAFKA_BOOTSTRAP_SERVERS=" + stack.bootstrapServers());
    out.println(
        "  SCHEMA_REGISTRY_URL=" + stack.schemaRegistryUrl() + "   (Confluent-compatible API)");
    stack
        .registry()
        .ifPresent(
            r -> {
              out.println("  Registry core API:      " + r.baseUrl() + "/apis/registry/v3");
              out.println("  Registry log:           " + r.logFile());
            });
    out.println("  Compatibility:          " + stack.compatibility());
    for (String topic : TOPICS) {
      out.println("  Topic:                  " + topic + " (" + partitions + " partitions)");
    }
    out.println("Press Ctrl-C to stop.");
    stopped.await();
  }
}
