package io.inventory.events.conformance.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventDeserializer;
import io.inventory.events.client.serde.InventoryEventSerializer;
import io.inventory.events.client.serde.MalformedFrameException;
import io.inventory.events.client.serde.UnknownSchemaException;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each way a record value can fail to decode, against the real registry, raises its own type. */
@ExtendWith(InventoryStackExtension.class)
class DeserializerFailuresTest {
  private static final String TOPIC = "inventory.dev.events";

  private InventoryEventDeserializer deserializer;
  private Map<String, Object> config;

  @BeforeEach
  void configure(InventoryStack stack) {
    config =
        Map.of(
            EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
            stack.schemaRegistryUrl(),
            EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG,
            true);
    deserializer = new InventoryEventDeserializer();
    deserializer.configure(config, false);
  }

  @Test
  void seedJsonEnvelopeIsAMalformedFrameNamingTheMagicByte() {
    byte[] json =
        "{\"eventType\":\"STOCK_LEVEL_CHANGED\",\"version\":\"1.0\"}"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, json))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessage(
            "Record value starts with byte 0x7b, not the Confluent magic byte 0x00 (it looks like"
                + " JSON); it was not written by a Confluent-compatible Avro serializer (topic "
                + TOPIC
                + ")");
  }

  @Test
  void frameShorterThanItsHeaderIsAMalformedFrame() {
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0, 1}))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessage(
            "Record value is 4 bytes, shorter than the 5-byte Confluent header (magic byte 0,"
                + " 4-byte schema id); it was not written by a Confluent-compatible Avro serializer"
                + " (topic "
                + TOPIC
                + ")");
  }

  @Test
  void truncatedBodyIsAMalformedFrame(InventoryStack stack) {
    String topic = stack.createTopic(1);
    InventoryEventSerializer serializer = new InventoryEventSerializer();
    serializer.configure(config, false);
    byte[] frame = serializer.serialize(topic, SampleEvents.stockLevelChanged());
    byte[] truncated = Arrays.copyOf(frame, frame.length / 2);

    assertThatThrownBy(() -> deserializer.deserialize(topic, truncated))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining("Record value's Avro body does not decode with its writer schema")
        .hasMessageEndingWith("(topic " + topic + ")");
  }

  @Test
  void idTheRegistryDoesNotKnowIsAnUnknownSchemaLocatedByTheConsumer(InventoryStack stack) {
    byte[] frame = {0, 0x7f, 0, 0, 1, 2, 3};
    UnknownSchemaException thrown =
        org.junit.jupiter.api.Assertions.assertThrows(
            UnknownSchemaException.class, () -> deserializer.deserialize(TOPIC, frame));

    assertThat(thrown)
        .hasMessage(
            "Schema id 2130706433 is not in the registry at "
                + stack.schemaRegistryUrl()
                + "; the record was written against another registry, or its"
                + " schema was deleted (topic "
                + TOPIC
                + ")");
    assertThat(thrown.withLocation(4, 1234L).getMessage())
        .endsWith("(topic " + TOPIC + ", partition 4, offset 1234)");
  }
}
