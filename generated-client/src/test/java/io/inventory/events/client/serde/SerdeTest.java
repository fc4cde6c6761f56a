package io.inventory.events.client.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.avro.StockLevelChangedPayload;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.registry.SchemaNotFoundException;
import io.inventory.events.registry.SchemaRegistryException;
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
import org.apache.kafka.common.errors.SerializationException;
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
    StockLevelChanged event = SampleEvents.stockLevelChanged();

    byte[] frame = serializer(false).serialize(TOPIC, event);

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(0);
    expected.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
    new SpecificDatumWriter<>(StockLevelChanged.class).write(event, encoder);
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
  void roundTripsEveryEventToAnEqualOne() {
    InventoryEventSerializer serializer = serializer(true);
    InventoryEventDeserializer deserializer = deserializer();
    for (var event : SampleEvents.all()) {
      assertThat(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, event)))
          .isEqualTo(event);
    }
  }

  /**
   * What the contract does with decimal scales: Avro's decimal conversion writes a value with fewer
   * decimals at the schema's scale 3 (nothing is lost), so it reads back as {@code 95.000}.
   */
  @Test
  void aQuantityWithFewerDecimalsIsWrittenAtTheSchemasScale() {
    StockLevelChanged sample = SampleEvents.stockLevelChanged();
    byte[] frame = serializer(true).serialize(TOPIC, withNewQuantity(sample, "95"));

    StockLevelChanged read = (StockLevelChanged) deserializer().deserialize(TOPIC, frame);

    assertThat(read.getPayload().getNewQuantity()).isEqualTo(new BigDecimal("95.000"));
    assertThat(read).isEqualTo(sample);
  }

  /** More decimals than the schema's scale would need rounding: refused, naming the field. */
  @Test
  void aQuantityWithMoreDecimalsThanTheSchemaIsRefusedNamingTheField() {
    StockLevelChanged event = withNewQuantity(SampleEvents.stockLevelChanged(), "95.0001");

    assertThatThrownBy(() -> serializer(true).serialize(TOPIC, event))
        .isInstanceOf(SerializationException.class)
        .hasMessage(
            "Cannot serialize StockLevelChanged for topic "
                + TOPIC
                + ": has 4 decimal places but decimal(18,3) allows at most 3 (was 95.0001) at"
                + " $.payload.newQuantity");
  }

  private static StockLevelChanged withNewQuantity(StockLevelChanged event, String quantity) {
    return StockLevelChanged.newBuilder(event)
        .setPayload(
            StockLevelChangedPayload.newBuilder(event.getPayload())
                .setNewQuantity(new BigDecimal(quantity))
                .build())
        .build();
  }

  @Test
  void asksTheRegistryOncePerSchemaAndOncePerId() {
    InventoryEventSerializer serializer = serializer(true);
    InventoryEventDeserializer deserializer = deserializer();
    for (int i = 0; i < 100; i++) {
      deserializer.deserialize(
          TOPIC, serializer.serialize(TOPIC, SampleEvents.stockLevelChanged()));
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
    assertThatThrownBy(() -> serializer(false).serialize(TOPIC, SampleEvents.stockLevelChanged()))
        .isInstanceOf(SchemaNotFoundException.class)
        .hasMessage(
            "Schema registry at "
                + registry.url()
                + " refused POST /subjects/"
                + SUBJECT
                + " for subject \""
                + SUBJECT
                + "\": HTTP 404 error_code 40401: Subject '"
                + SUBJECT
                + "' not found. Register the schema first (inventory-events register, or"
                + " auto.register.schemas=true in dev and tests).");
  }

  @Test
  void retriesServerErrorsThenSucceeds() {
    registry.failNext.set(2);
    byte[] frame = serializer(true).serialize(TOPIC, SampleEvents.stockLevelChanged());
    assertThat(frame[0]).isZero();
    assertThat(registry.requests).hasSize(3);
  }

  @Test
  void givesUpAfterMaxRetries() {
    registry.failNext.set(10);
    assertThatThrownBy(() -> serializer(true).serialize(TOPIC, SampleEvents.stockLevelChanged()))
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
    assertThatThrownBy(() -> serializer.serialize(TOPIC, SampleEvents.stockLevelChanged()))
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
    serializer.serialize(TOPIC, SampleEvents.stockLevelChanged());
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
    byte[] frame = serializer(true).serialize(TOPIC, SampleEvents.stockLevelChanged());
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
