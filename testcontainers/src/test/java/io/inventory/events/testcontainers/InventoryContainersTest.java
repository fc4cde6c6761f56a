package io.inventory.events.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.registry.CompatibilityLevel;
import io.inventory.events.registry.RegistrySettings;
import io.inventory.events.registry.SchemaRegistryClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
@DisplayName("InventoryContainers started with @Container")
class InventoryContainersTest {

  @Container static final InventoryContainers INVENTORY = new InventoryContainers();

  private static SchemaRegistryClient registry() {
    return new SchemaRegistryClient(
        RegistrySettings.builder(INVENTORY.schemaRegistryUrl()).build());
  }

  @Test
  @DisplayName("the registry's global rule is the contract's FULL_TRANSITIVE")
  void registryStartsUnderFullTransitive() {
    assertThat(registry().globalCompatibility()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(INVENTORY.schemaRegistryUrl()).endsWith("/apis/ccompat/v7");
  }

  @Test
  @DisplayName("a schema that drops a field without a default is refused as incompatible")
  void incompatibleSchemaIsRefused() {
    String subject = "containers-test-" + System.nanoTime();
    registry()
        .register(
            subject,
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                + "{\"name\":\"b\",\"type\":\"string\"}]}");

    boolean compatible =
        registry()
            .checkCompatibility(
                subject,
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}")
            .compatible();

    assertThat(compatible).isFalse();
  }

  @Test
  @DisplayName("an event published by the inventory client is read back whole, keyed by product")
  void eventRoundTripsThroughTheContainers() throws Exception {
    ConsumerRecord<String, Object> record =
        KafkaRoundTrip.publishAndReadBack(
            INVENTORY.bootstrapServers(),
            INVENTORY.schemaRegistryUrl(),
            SampleEvents.stockLevelChanged());

    assertThat(record.key()).isEqualTo(SampleEvents.PRODUCT_ID);
    assertThat(record.value()).isEqualTo(SampleEvents.stockLevelChanged());
  }
}
