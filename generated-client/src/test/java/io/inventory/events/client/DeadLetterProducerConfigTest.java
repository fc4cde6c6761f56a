package io.inventory.events.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The default dead-letter producer's settings")
class DeadLetterProducerConfigTest {
  /** Security settings of every kind, including those the old fixed list of nine keys missed. */
  private static final Map<String, Object> SECURITY =
      Map.ofEntries(
          Map.entry("security.protocol", "SASL_SSL"),
          Map.entry("security.providers", "com.example.Provider"),
          Map.entry("sasl.mechanism", "OAUTHBEARER"),
          Map.entry("sasl.jaas.config", new Password("LoginModule required secret=\"s3cr3t\";")),
          Map.entry("sasl.login.callback.handler.class", "com.example.LoginHandler"),
          Map.entry("sasl.client.callback.handler.class", "com.example.ClientHandler"),
          Map.entry("sasl.oauthbearer.token.endpoint.url", "https://idp.example/token"),
          Map.entry("ssl.truststore.location", "/etc/kafka/truststore.jks"),
          Map.entry("ssl.truststore.password", new Password("trust-pass")),
          Map.entry("ssl.truststore.type", "JKS"),
          Map.entry("ssl.keystore.location", "/etc/kafka/keystore.p12"),
          Map.entry("ssl.keystore.password", new Password("key-pass")),
          Map.entry("ssl.key.password", new Password("key-pass")),
          Map.entry("ssl.endpoint.identification.algorithm", ""),
          Map.entry("ssl.enabled.protocols", "TLSv1.3"),
          Map.entry("client.dns.lookup", "use_all_dns_ips"),
          Map.entry("reconnect.backoff.max.ms", 5_000));

  /** What a consumer has that a producer must not get. */
  private static final Map<String, Object> CONSUMER_ONLY =
      Map.of(
          "max.poll.records", 50,
          "isolation.level", "read_committed",
          "session.timeout.ms", 30_000,
          "interceptor.classes", "com.example.ConsumerInterceptor",
          "partition.assignment.strategy",
              "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");

  @Test
  @DisplayName("carry every security, TLS and SASL setting of the consumer, passwords included")
  void inheritsEverySecuritySetting() {
    Map<String, Object> producer = KafkaDeadLetterPublisher.producerConfig(consumerConfig());

    assertThat(producer).containsAllEntriesOf(SECURITY);
    assertThat(producer).containsEntry("bootstrap.servers", "broker-1:9093,broker-2:9093");
  }

  @Test
  @DisplayName("leave consumer-only and serde settings behind and force the contract's own")
  void dropsConsumerOnlySettings() {
    Map<String, Object> producer = KafkaDeadLetterPublisher.producerConfig(consumerConfig());

    assertThat(producer)
        .doesNotContainKeys(CONSUMER_ONLY.keySet().toArray(String[]::new))
        .doesNotContainKeys(
            "group.id",
            "auto.offset.reset",
            "enable.auto.commit",
            "key.deserializer",
            "value.deserializer",
            "schema.registry.url",
            "basic.auth.user.info",
            "schema.registry.ssl.truststore.password")
        .containsEntry("client.id", "stock-service-dlt")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true)
        .containsEntry("key.serializer", ByteArraySerializer.class)
        .containsEntry("value.serializer", ByteArraySerializer.class);
  }

  @Test
  @DisplayName("are all producer settings, which Kafka's ProducerConfig accepts")
  void isAValidProducerConfig() {
    Map<String, Object> producer = KafkaDeadLetterPublisher.producerConfig(consumerConfig());

    assertThat(ProducerConfig.configNames()).containsAll(producer.keySet());
    // the example's handler and provider classes do not exist; everything else must parse
    producer.keySet().removeIf(key -> key.endsWith(".class") || key.equals("security.providers"));
    ProducerConfig parsed = new ProducerConfig(producer);
    assertThat(parsed.getString("ssl.truststore.type")).isEqualTo("JKS");
    assertThat(parsed.getPassword("sasl.jaas.config").value()).contains("s3cr3t");
  }

  /** The Kafka settings of a consumer built with everything above, as the consumer uses them. */
  private static Map<String, Object> consumerConfig() {
    Map<String, Object> properties = new LinkedHashMap<>(SECURITY);
    properties.putAll(CONSUMER_ONLY);
    properties.put("client.id", "stock-service");
    properties.put("basic.auth.user.info", new Password("registry-user:registry-pass"));
    properties.put("schema.registry.ssl.truststore.password", new Password("trust-pass"));
    InventoryEventConsumer.Builder builder =
        InventoryEventConsumer.builder()
            .environment(Environment.DEV)
            .bootstrapServers("broker-1:9093,broker-2:9093")
            .schemaRegistryUrl("https://registry.example/apis/ccompat/v7")
            .properties(properties);
    return ConsumerSettings.of(builder).kafkaConfig();
  }
}
