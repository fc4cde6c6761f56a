package io.inventory.events.conformance.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.InventoryEventConsumer;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A consumer in a JVM of its own, so a test can kill it with SIGKILL: no close, no commit, no
 * shutdown hook, exactly a crash. Each processed event is appended to a file ({@link
 * Processed#line}) with an unbuffered write, which survives the process being killed.
 *
 * <p>Arguments: bootstrap servers, registry URL, topic, group id, output file, max.poll.records.
 */
public final class ConsumerProcess {
  private ConsumerProcess() {}

  public static void main(String[] args) throws IOException {
    try (OutputStream out = new FileOutputStream(Path.of(args[4]).toFile(), true)) {
      InventoryEventConsumer.builder()
          .bootstrapServers(args[0])
          .schemaRegistryUrl(args[1])
          .topic(args[2])
          .groupId(args[3])
          .property("max.poll.records", Integer.parseInt(args[5]))
          // The dead member must leave the group soon for the next consumer to get its partitions.
          .property("session.timeout.ms", 6_000)
          .property("heartbeat.interval.ms", 1_000)
          .on(
              StockLevelChanged.class,
              (event, context) -> {
                out.write((Processed.of(event, context).line() + "\n").getBytes(UTF_8));
                Thread.sleep(2); // simulated work, so the kill lands mid-stream
              })
          .build()
          .run();
    }
  }
}
