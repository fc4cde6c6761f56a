package io.inventory.events.client.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.TestEvents;
import io.inventory.events.client.UnknownEvent;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SerdeTest {
  private static final String TOPIC = "inventory.dev.events";
  private static final String SUBJECT = TOPIC + "-io.inventory.events.avro.StockLevelChanged";

  private FakeRegistry registry;

  @BeforeEach
  void startRegistry() throws Exception {
    registry = new FakeRegistry();
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  private Map<String, Object> config(boolean autoRegister) {
    Map<String, Object> config = new HashMap<>();
    config.put(EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
    config.put(EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, autoRegister);
    config.put(EventSerdeConfig.RETRIES_WAIT_MS_CONFIG, 1);
    return config;
  }

  private InventoryEventSerializer serializer(boolean autoRegister) {
    InventoryEventSerializer serializer = new InventoryEventSerializer();
    serializer.configure(config(autoRegister), false);
    return serializer;
  }

  private InventoryEventDeserializer deserializer() {
    InventoryEventDeserializer deserializer = new InventoryEventDeserializer();
    deserializer.configure(config(false), false);
    return deserializer;
  }

  @Test
  void framesMagicByteThenBigEndianIdThenAvroBinaryRegisteredUnderTopicRecordName()
      throws Exception {
    int id =
        registry.register(
            SUBJECT, InventoryEventSerializer.registeredText(StockLevelChanged.getClassSchema()));
    StockLevelChanged event = TestEvents.seedExample();

    byte[] frame = serializer(false).serialize(TOPIC, event);

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(0);
    expected.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
    new SpecificDatumWriter<StockLevelChanged>(
            StockLevelChanged.getClassSchema(),
            StockLevelChanged.getClassSchema() == null
                ? null
                : new StockLevelChanged().getSpecificData())
        .write(event, encoder);
    encoder.flush();
    assertThat(frame).isEqualTo(expected.toByteArray());
    assertThat(registry.requests).containsExactly("POST /subjects/" + SUBJECT);
  }

  @Test
  void registeredSchemaHasNoJavaOnlyProperties() {
    String text = InventoryEventSerializer.registeredText(StockLevelChanged.getClassSchema());
    assertThat(text).doesNotContain("avro.java.string").contains("\"logicalType\":\"decimal\"");
  }

  @Test
  void roundTripsAndRescalesDecimalsLosslessly() {
    byte[] frame = serializer(true).serialize(TOPIC, TestEvents.seedExample());

    StockLevelChanged read = (StockLevelChanged) deserializer().deserialize(TOPIC, frame);

    assertThat(read.getPayload().getNewQuantity()).isEqualTo(new BigDecimal("95.000"));
    assertThat(read.getPayload().getProductId()).isEqualTo("PROD-456");
    assertThat(read.getEventId()).isEqualTo(TestEvents.seedExample().getEventId());
  }

  @Test
  void asksTheRegistryOncePerSchemaAndOncePerId() {
    InventoryEventSerializer serializer = serializer(true);
    InventoryEventDeserializer deserializer = deserializer();
    for (int i = 0; i < 100; i++) {
      deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, TestEvents.seedExample()));
    }
    assertThat(registry.requests).hasSize(2);
  }

  @Test
  void nullIsATombstoneBothWays() {
    assertThat(serializer(true).serialize(TOPIC, null)).isNull();
    assertThat(deserializer().deserialize(TOPIC, null)).isNull();
  }

  @Test
  void unregisteredSchemaWithoutAutoRegisterNamesRegistrySubjectAndStatus() {
    assertThatThrownBy(() -> serializer(false).serialize(TOPIC, TestEvents.seedExample()))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessage(
            "Schema registry at "
                + registry.url()
                + " refused POST /subjects/"
                + SUBJECT
                + " for subject \""
                + SUBJECT
                + "\": HTTP 404 error_code 40401: Subject '"
                + SUBJECT
                + "' not found.. Register the schema first (the compatibility gate does, or set"
                + " auto.register.schemas=true in dev and tests).");
  }

  @Test
  void retriesServerErrorsThenSucceeds() {
    registry.failNext.set(2);
    byte[] frame = serializer(true).serialize(TOPIC, TestEvents.seedExample());
    assertThat(frame[0]).isZero();
    assertThat(registry.requests).hasSize(3);
  }

  @Test
  void givesUpAfterMaxRetries() {
    registry.failNext.set(10);
    assertThatThrownBy(() -> serializer(true).serialize(TOPIC, TestEvents.seedExample()))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("HTTP 503 error_code 50001")
        .satisfies(e -> assertThat(((SchemaRegistryException) e).statusCode()).isEqualTo(503));
    assertThat(registry.requests).hasSize(4);
  }

  @Test
  void unreachableRegistryIsNamed() {
    Map<String, Object> config = config(true);
    config.put(EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://127.0.0.1:1");
    config.put(EventSerdeConfig.MAX_RETRIES_CONFIG, 1);
    InventoryEventSerializer serializer = new InventoryEventSerializer();
    serializer.configure(config, false);
    assertThatThrownBy(() -> serializer.serialize(TOPIC, TestEvents.seedExample()))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageStartingWith(
            "Schema registry at http://127.0.0.1:1 did not answer POST /subjects/"
                + SUBJECT
                + "/versions after 2 attempts");
  }

  @Test
  void sendsBasicAuthFromUserInfo() {
    Map<String, Object> config = config(true);
    config.put(EventSerdeConfig.BASIC_AUTH_USER_INFO_CONFIG, "svc:s3cret");
    InventoryEventSerializer serializer = new InventoryEventSerializer();
    serializer.configure(config, false);
    serializer.serialize(TOPIC, TestEvents.seedExample());
    assertThat(registry.authorizations)
        .containsExactly("Basic " + Base64.getEncoder().encodeToString("svc:s3cret".getBytes()));
  }

  @Test
  void wrongMagicByteIsAMalformedFrame() {
    byte[] json = "{\"eventType\":\"STOCK_LEVEL_CHANGED\"}".getBytes();
    assertThatThrownBy(() -> deserializer().deserialize(TOPIC, json))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessage(
            "Record value starts with byte 0x7b, not the Confluent magic byte 0x00 (it looks like"
                + " JSON); it was not written by a Confluent-compatible Avro serializer (topic "
                + TOPIC
                + ")");
  }

  @Test
  void truncatedFrameIsAMalformedFrame() {
    assertThatThrownBy(() -> deserializer().deserialize(TOPIC, new byte[] {0, 0, 1}))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessage(
            "Record value is 3 bytes, shorter than the 5-byte Confluent header (magic byte 0,"
                + " 4-byte schema id); it was not written by a Confluent-compatible Avro serializer"
                + " (topic "
                + TOPIC
                + ")");
  }

  @Test
  void corruptBodyIsAMalformedFrame() {
    byte[] frame = serializer(true).serialize(TOPIC, TestEvents.seedExample());
    byte[] cut = Arrays.copyOf(frame, frame.length - 10);
    assertThatThrownBy(() -> deserializer().deserialize(TOPIC, cut))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageStartingWith(
            "Record value's Avro body does not decode with its writer schema"
                + " (id 1, StockLevelChanged)");
  }

  @Test
  void unknownIdIsAnUnknownSchemaAndConsumerCanAddPartitionAndOffset() {
    byte[] frame = {0, 0, 0, 0x30, 0x39, 2, 'x'};
    UnknownSchemaException thrown =
        org.junit.jupiter.api.Assertions.assertThrows(
            UnknownSchemaException.class, () -> deserializer().deserialize(TOPIC, frame));
    assertThat(thrown)
        .hasMessage(
            "Schema id 12345 is not in the registry at "
                + registry.url()
                + "; the record was written against another registry, or its schema was deleted"
                + " (topic "
                + TOPIC
                + ")");
    assertThat(thrown.withLocation(3, 42))
        .hasMessage(
            "Schema id 12345 is not in the registry at "
                + registry.url()
                + "; the record was written against another registry, or its schema was"
                + " deleted (topic "
                + TOPIC
                + ", partition 3, offset 42)");
  }

  @Test
  void recordNameThisBuildDoesNotKnowIsAnUnknownEvent() {
    int id =
        registry.register(
            "x",
            "{\"type\":\"record\",\"name\":\"StockMoved\","
                + "\"namespace\":\"io.inventory.events.avro\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
    byte[] frame = {0, 0, 0, 0, (byte) id, 2};
    assertThat(deserializer().deserialize(TOPIC, frame))
        .isEqualTo(new UnknownEvent("io.inventory.events.avro.StockMoved", id));
  }

  @Test
  void missingRegistryUrlIsAConfigError() {
    assertThatThrownBy(() -> new InventoryEventSerializer().configure(Map.of(), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
  }

  @Test
  void otherSubjectNameStrategiesAreRefused() {
    Map<String, Object> config = config(false);
    config.put(
        EventSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY_CONFIG,
        "io.confluent.kafka.serializers.subject.TopicNameStrategy");
    assertThatThrownBy(() -> new InventoryEventSerializer().configure(config, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("The contract registers each event under TopicRecordNameStrategy");
  }

  @Test
  void closeIsIdempotent() {
    InventoryEventSerializer serializer = serializer(true);
    serializer.close();
    serializer.close();
    InventoryEventDeserializer deserializer = deserializer();
    deserializer.close();
    deserializer.close();
  }
}
