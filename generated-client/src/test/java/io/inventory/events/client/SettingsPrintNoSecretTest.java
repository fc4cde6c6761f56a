package io.inventory.events.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.client.serde.EventSerdeConfig;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Settings given as plain strings")
class SettingsPrintNoSecretTest {
  private static final String KAFKA_SECRET = "kafka-secret-" + System.nanoTime();
  private static final String REGISTRY_SECRET = "registry-secret-" + System.nanoTime();

  private static final Map<String, Object> SECURITY =
      Map.of(
          "security.protocol",
          "SASL_SSL",
          "sasl.mechanism",
          "SCRAM-SHA-512",
          "sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"app\""
              + " password=\""
              + KAFKA_SECRET
              + "\";",
          "ssl.truststore.password",
          KAFKA_SECRET,
          "basic.auth.user.info",
          "app:" + REGISTRY_SECRET,
          "schema.registry.ssl.truststore.password",
          REGISTRY_SECRET);

  @Test
  @DisplayName("are not printed by the consumer's settings or the serde's configuration")
  void toStringNamesNoSecret() {
    ConsumerSettings settings =
        ConsumerSettings.of(
            InventoryEventConsumer.builder()
                .environment(Environment.DEV)
                .bootstrapServers("broker-1:9093")
                .schemaRegistryUrl("https://registry.example/apis/ccompat/v7")
                .properties(SECURITY));
    EventSerdeConfig serde =
        new EventSerdeConfig(
            Map.of(
                "schema.registry.url",
                "https://registry.example/apis/ccompat/v7",
                "basic.auth.user.info",
                "app:" + REGISTRY_SECRET));

    String printed = settings + " " + serde + " " + serde.values();

    assertThat(printed)
        .contains("sasl.jaas.config", "inventory.dev.events")
        .doesNotContain(KAFKA_SECRET)
        .doesNotContain(REGISTRY_SECRET);
  }
}
