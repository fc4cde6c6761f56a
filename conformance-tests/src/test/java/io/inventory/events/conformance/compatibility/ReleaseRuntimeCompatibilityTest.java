package io.inventory.events.conformance.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventDeserializer;
import io.inventory.events.client.serde.InventoryEventSerializer;
import io.inventory.events.client.serde.UnknownEvent;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.conformance.ContractFiles;
import io.inventory.events.registry.SchemaRegistryClient;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runtime proof of what the gate promises, through the real registry and the client's serde: a
 * consumer built on release 1.0.0 (its schemas, read with Avro's GenericData, as any 1.0.0 reader
 * resolves them) reads events written with the working classes; the working classes read events
 * written with the 1.0.0 schemas; and an event type added after the release reaches the client's
 * deserializer as an {@link UnknownEvent}, to be skipped.
 */
@ExtendWith(InventoryStackExtension.class)
class ReleaseRuntimeCompatibilityTest {
  static final Path RELEASE = ContractFiles.root().resolve("schemas/releases/1.0.0");

  private SchemaRegistryClient registry;
  private Map<String, Object> config;
  private String topic;

  @BeforeEach
  void configure(InventoryStack stack) {
    registry = RegistryReplayTest.registryOf(stack);
    config =
        Map.of(
            EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
            stack.schemaRegistryUrl(),
            EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG,
            true);
    topic = "inventory.r" + UUID.randomUUID().toString().substring(0, 8) + ".events";
  }

  @Test
  void releaseConsumerReadsEventsWrittenWithTheWorkingClasses() throws IOException {
    Map<String, Schema> release = SchemaSets.events(RELEASE);
    try (InventoryEventSerializer serializer = new InventoryEventSerializer()) {
      serializer.configure(config, false);
      for (SpecificRecord event : SampleEvents.all()) {
        byte[] frame = serializer.serialize(topic, event);
        Schema writer =
            new Schema.Parser().parse(registry.schemaById(ByteBuffer.wrap(frame, 1, 4).getInt()));
        Schema reader = release.get(event.getSchema().getFullName());

        GenericRecord read = decode(frame, writer, reader);

        assertThat(read.getSchema()).isEqualTo(reader);
        assertThat(read.get("eventId").toString())
            .isEqualTo(event.get(event.getSchema().getField("eventId").pos()).toString());
        assertThat(((GenericRecord) read.get("payload")).get("productId").toString())
            .isEqualTo(SampleEvents.PRODUCT_ID);
      }
    }
  }

  @Test
  void workingClassesReadEventsWrittenWithTheRelease() throws IOException {
    Map<String, Schema> release = SchemaSets.events(RELEASE);
    try (InventoryEventSerializer serializer = new InventoryEventSerializer();
        InventoryEventDeserializer deserializer = new InventoryEventDeserializer()) {
      serializer.configure(config, false);
      deserializer.configure(config, false);
      for (SpecificRecord event : SampleEvents.all()) {
        // The same event as a 1.0.0 producer writes it: resolved into the release schema, written
        // with it.
        byte[] working = serializer.serialize(topic, event);
        Schema releaseSchema = release.get(event.getSchema().getFullName());
        GenericRecord asReleased =
            decode(
                working,
                new Schema.Parser()
                    .parse(registry.schemaById(ByteBuffer.wrap(working, 1, 4).getInt())),
                releaseSchema);
        int releaseId =
            registry.register(topic + "-" + releaseSchema.getFullName(), releaseSchema.toString());

        Object read = deserializer.deserialize(topic, frame(releaseId, releaseSchema, asReleased));

        assertThat(read).isInstanceOf(event.getClass()).isEqualTo(event);
      }
    }
  }

  @Test
  void eventTypeAddedAfterTheReleaseIsHandedOverAsUnknownEvent() throws IOException {
    Schema.Parser parser = new Schema.Parser();
    for (String common : new String[] {"UnitOfMeasure", "EventMetadata"}) {
      parser.parse(RELEASE.resolve("common/" + common + ".avsc").toFile());
    }
    Schema stockTransferred =
        parser.parse(getClass().getResourceAsStream("/compatibility/StockTransferred.avsc"));
    int id =
        registry.register(
            topic + "-" + stockTransferred.getFullName(), stockTransferred.toString());
    GenericRecord event = new GenericData.Record(stockTransferred);
    GenericRecord payload = new GenericData.Record(stockTransferred.getField("payload").schema());
    GenericRecord metadata = new GenericData.Record(stockTransferred.getField("metadata").schema());
    event.put("eventId", UUID.randomUUID().toString());
    event.put("eventType", "STOCK_TRANSFERRED");
    event.put("timestamp", 1_748_772_930_123_456L);
    payload.put("productId", SampleEvents.PRODUCT_ID);
    payload.put("fromLocationId", SampleEvents.LOCATION_ID);
    payload.put("toLocationId", "WH-124");
    payload.put(
        "quantity",
        ByteBuffer.wrap(new java.math.BigDecimal("5.000").unscaledValue().toByteArray()));
    payload.put(
        "unitOfMeasure",
        new GenericData.EnumSymbol(payload.getSchema().getField("unitOfMeasure").schema(), "EACH"));
    metadata.put("source", SampleEvents.SOURCE);
    metadata.put("correlationId", SampleEvents.CORRELATION_ID);
    metadata.put("userId", null);
    event.put("payload", payload);
    event.put("metadata", metadata);

    try (InventoryEventDeserializer deserializer = new InventoryEventDeserializer()) {
      deserializer.configure(config, false);

      Object read = deserializer.deserialize(topic, frame(id, stockTransferred, event));

      assertThat(read).isEqualTo(new UnknownEvent("io.inventory.events.avro.StockTransferred", id));
    }
  }

  private static GenericRecord decode(byte[] frame, Schema writer, Schema reader)
      throws IOException {
    byte[] body = Arrays.copyOfRange(frame, 5, frame.length);
    return new GenericDatumReader<GenericRecord>(writer, reader)
        .read(null, DecoderFactory.get().binaryDecoder(body, null));
  }

  /** The Confluent frame: magic byte 0, the 4-byte schema id, the Avro binary body. */
  private static byte[] frame(int schemaId, Schema schema, GenericRecord record)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
