package io.inventory.events.conformance.languages;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import io.inventory.events.cli.json.EventJson;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.conformance.producer.StackPublisher;
import io.inventory.events.conformance.serde.Topics;
import io.inventory.events.registry.RegistrySettings;
import io.inventory.events.registry.SchemaRegistryClient;
import io.inventory.events.stack.InventoryStack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * A fresh topic on the shared stack with as many partitions as the channel (12), its six subjects
 * registered the way the release pipeline registers them in sit and prod (so the examples, like a
 * sit or prod client, only look schemas up), and the Java side of each exchange: publish, read, the
 * JSON an event must print as, and the partition Java's murmur2 gives a key.
 */
final class ExampleTopic {
  static final int PARTITIONS = 12;

  final InventoryStack stack;
  final String name;
  final SchemaRegistryClient registry;

  ExampleTopic(InventoryStack stack) {
    this.stack = stack;
    this.name = stack.createTopic(PARTITIONS);
    this.registry =
        new SchemaRegistryClient(RegistrySettings.builder(stack.schemaRegistryUrl()).build());
    for (SpecificRecord event : SampleEvents.all()) {
      Schema schema = event.getSchema();
      registry.register(
          name + "-" + schema.getFullName(), schema.toString()); // TopicRecordNameStrategy
    }
  }

  /** The examples' command line for this topic. */
  List<String> arguments(String... more) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--bootstrap-servers", stack.bootstrapServers(),
                "--registry", stack.schemaRegistryUrl(),
                "--topic", name));
    arguments.addAll(Arrays.asList(more));
    return arguments;
  }

  /** Publishes with the Java client, keyed by productId, and waits for every acknowledgement. */
  void publish(List<SpecificRecord> events) {
    try (InventoryEventPublisher publisher = StackPublisher.onTopic(stack, name)) {
      events.forEach(event -> publisher.publish(event).join());
    }
  }

  /** The first {@code count} records, decoded by the Java deserializer. */
  List<ConsumerRecord<String, Object>> read(int count) {
    return Topics.readEvents(stack.bootstrapServers(), stack.schemaRegistryUrl(), name, count);
  }

  /** The first record's value as the Java client wrote it: a Confluent frame. */
  byte[] firstFrame() {
    return Topics.readBytes(stack.bootstrapServers(), name, 1).get(0).value();
  }

  /** The seed-shaped JSON of {@code event}, as the CLI's codec writes it. */
  static JsonNode json(SpecificRecord event) {
    return EventJson.write(event);
  }

  /** The partition Java's default partitioner gives {@code key}: murmur2 of its UTF-8 bytes. */
  static int javaPartition(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(UTF_8))) % PARTITIONS;
  }
}
