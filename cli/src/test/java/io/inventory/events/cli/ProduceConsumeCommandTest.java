package io.inventory.events.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inventory.events.cli.json.EventJson;
import io.inventory.events.registry.RegistrySettings;
import io.inventory.events.registry.SchemaRegistryClient;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InventoryStackExtension.class)
@DisplayName("inventory-events produce and consume, on the real broker and registry")
class ProduceConsumeCommandTest {
  private final InventoryStack stack;

  ProduceConsumeCommandTest(InventoryStack stack) {
    this.stack = stack;
  }

  @Test
  @DisplayName(
      "sample events produced from standard input come back from consume as the same JSON, with"
          + " partition, offset and key")
  void roundTrip() {
    String topic = stack.createTopic(3);
    String samples = Cli.run("samples", "--count", "25", "--seed", "11").out();

    Cli.Run produced = produce(topic, samples);

    assertThat(produced.exitCode()).as(produced.toString()).isZero();
    assertThat(produced.out()).startsWith("Published 25 events to " + topic + " (");
    Cli.Run consumed =
        consume(
            topic,
            "--from-beginning",
            "--max",
            "25",
            "--show-partition",
            "--show-offset",
            "--show-key",
            "--timeout",
            "60");
    assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
    assertThat(consumed.err()).isEqualTo("Processed a total of 25 events.\n");
    List<String[]> lines = consumed.outLines().stream().map(line -> line.split("\t", 4)).toList();
    assertThat(lines).hasSize(25).allMatch(fields -> fields.length == 4);
    assertThat(lines)
        .allSatisfy(
            fields -> {
              assertThat(fields[0]).matches("Partition:[0-2]");
              assertThat(fields[1]).matches("Offset:\\d+");
              JsonNode event = EventJson.parse(fields[3]);
              assertThat(fields[2]).isEqualTo(event.path("payload").path("productId").asText());
            });
    assertThat(lines.stream().map(fields -> fields[3]).collect(Collectors.toSet()))
        .isEqualTo(Set.copyOf(Arrays.asList(samples.split("\n"))));
  }

  @Test
  @DisplayName("one invalid event among valid ones: nothing is sent, the problem is named, exit 1")
  void invalidInputSendsNothing() {
    String topic = stack.createTopic(1);
    String valid = Cli.run("samples", "--count", "3", "--seed", "5").out();
    String invalid =
        valid
            + valid.split("\n")[0].replaceFirst(
                "\"eventId\":\"[^\"]+\"", "\"eventId\":\"not-a-uuid\"")
            + "\n";

    Cli.Run produced = produce(topic, invalid);

    assertThat(produced.exitCode()).isEqualTo(1);
    assertThat(produced.out()).isEmpty();
    assertThat(produced.err())
        .isEqualTo(
            "<stdin>:4: event 4 (eventId not-a-uuid): expected a UUID like"
                + " 6f1c2d8e-3b7a-4c59-9d0e-2a4b6c8d0e1f but was \"not-a-uuid\" at $.eventId\n"
                + "Nothing was sent: 1 of 4 events invalid.\n");
    Cli.Run consumed = consume(topic, "--from-beginning", "--timeout", "3");
    assertThat(consumed.out()).isEmpty();
    assertThat(consumed.err()).isEqualTo("Processed a total of 0 events.\n");
  }

  @Test
  @DisplayName(
      "consume skips an event type newer than this build with a line on stderr, and dead-letters"
          + " nothing")
  void undecodableRecordsAreSkippedOnStderr() throws Exception {
    String topic = stack.createTopic(1);
    sendRaw(topic, new byte[] {1, 2, 3});
    produce(topic, Files.readString(Path.of("src/test/resources/events/seed-page-event.json")));

    Cli.Run consumed = consume(topic, "--from-beginning", "--max", "1", "--timeout", "60");

    assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
    assertThat(consumed.outLines()).hasSize(1);
    assertThat(EventJson.parse(consumed.out()).path("eventId").asText())
        .isEqualTo("6f1c2d8e-3b7a-4c59-9d0e-2a4b6c8d0e1f");
    assertThat(consumed.err())
        .startsWith("# skipped " + topic + "-0@0: ")
        .endsWith("Processed a total of 1 events (1 records skipped).\n");
  }

  @Test
  @DisplayName(
      "consume skips an event type newer than this build with a '#' line naming it, and prints the"
          + " events around it")
  void unknownEventTypeIsAMarkerOnStderr() throws Exception {
    String topic = stack.createTopic(1);
    Schema newer =
        new Schema.Parser()
            .parse(
                "{\"type\": \"record\", \"name\": \"StockTransferred\", \"namespace\":"
                    + " \"io.inventory.events.avro\", \"fields\": [{\"name\": \"productId\","
                    + " \"type\": \"string\"}]}");
    int id =
        new SchemaRegistryClient(RegistrySettings.builder(stack.schemaRegistryUrl()).build())
            .register(topic + "-" + newer.getFullName(), newer.toString());
    GenericRecord transfer = new GenericData.Record(newer);
    transfer.put("productId", "PROD-456");
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(frame, null);
    new GenericDatumWriter<GenericRecord>(newer).write(transfer, encoder);
    encoder.flush();
    sendRaw(topic, frame.toByteArray());
    produce(topic, Files.readString(Path.of("src/test/resources/events/seed-page-event.json")));

    Cli.Run consumed = consume(topic, "--from-beginning", "--max", "1", "--timeout", "60");

    assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
    assertThat(consumed.outLines()).hasSize(1);
    assertThat(consumed.err())
        .isEqualTo(
            "# skipped "
                + topic
                + "-0@0: event type io.inventory.events.avro.StockTransferred (schema id "
                + id
                + ") is newer than this build\n"
                + "Processed a total of 1 events (1 records skipped).\n");
  }

  @Test
  @DisplayName(
      "produce without a cluster to talk to is a usage error naming the option and the variable")
  void missingBootstrapServers() {
    Cli.Run run =
        Cli.run(
            "produce",
            "src/test/resources/events/seed-page-event.json",
            "--env",
            "dev",
            "--registry",
            "http://127.0.0.1:1");

    if (System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null) {
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith(
              "inventory-events produce: Missing --bootstrap-servers: give it, or set"
                  + " KAFKA_BOOTSTRAP_SERVERS.");
    }
  }

  /**
   * Produces {@code events} (JSON text) from standard input to {@code topic}, registering schemas.
   */
  private Cli.Run produce(String topic, String events) {
    return Cli.runWithInput(
        events,
        Cli.against(stack, "produce", "-", "--env", "dev", "--topic", topic, "--auto-register"));
  }

  /** Consumes {@code topic} with {@code options}. */
  private Cli.Run consume(String topic, String... options) {
    List<String> args =
        new java.util.ArrayList<>(List.of("consume", "--env", "dev", "--topic", topic));
    args.addAll(List.of(options));
    return Cli.run(Cli.against(stack, args.toArray(String[]::new)));
  }

  /** Sends bytes keyed PROD-456 with a plain producer, as a buggy or newer producer might. */
  private void sendRaw(String topic, byte[] value) throws Exception {
    try (KafkaProducer<String, byte[]> raw =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", stack.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(topic, "PROD-456", value)).get();
    }
  }
}
