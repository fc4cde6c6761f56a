package io.inventory.events.conformance.faults;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.InventoryEventConsumer;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The consumer {@link ConsumerKillTest} kills: a JVM of its own, so SIGKILL is a real crash (no
 * close, no commit, no hook). It appends each processed eventId to a file with one unbuffered write
 * per event, which survives the kill; the test reads it as it grows.
 *
 * <p>Arguments: bootstrap servers, registry URL, topic, group id, output file, max.poll.records.
 */
public final class KilledConsumer {
  private KilledConsumer() {}

  public static void main(String[] args) throws IOException {
    try (OutputStream out = new FileOutputStream(Path.of(args[4]).toFile(), true)) {
      InventoryEventConsumer.builder()
          .bootstrapServers(args[0])
          .schemaRegistryUrl(args[1])
          .topic(args[2])
          .groupId(args[3])
          .property("max.poll.records", Integer.parseInt(args[5]))
          // a dead member must leave the group soon, so the next process gets its partitions
          .property("session.timeout.ms", 6_000)
          .property("heartbeat.interval.ms", 1_000)
          .on(
              StockLevelChanged.class,
              (event, context) -> out.write((event.getEventId() + "\n").getBytes(UTF_8)))
          .build()
          .run();
    }
  }
}
