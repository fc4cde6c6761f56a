package io.inventory.events.stack;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kafka side of a stack, one implementation per mode: {@link EmbeddedKafka} (one combined node
 * in this JVM), {@link EmbeddedCluster} (a controller and three brokers in this JVM) and the
 * external cluster of {@link ExternalMode}. A new mode plugs in here and in {@link
 * RegistryBackend}; {@link InventoryStack} sees only these two types.
 */
interface KafkaBackend extends AutoCloseable {

  /** Kafka's {@code bootstrap.servers} for clients. */
  String bootstrapServers();

  /** The ports this JVM bound for Kafka (for tests that check they are freed); empty if none. */
  List<Integer> ports();

  /** Control over single brokers, when this backend runs a cluster it can stop brokers of. */
  default Optional<BrokerControl> brokerControl() {
    return Optional.empty();
  }

  /**
   * Settings of a Kafka client allowed what tests and applications may do: {@code
   * bootstrap.servers}, plus the SASL_SSL settings of the app user on a secured stack.
   */
  default Map<String, Object> clientProperties() {
    return Map.of("bootstrap.servers", bootstrapServers());
  }

  /** Settings of the stack's own admin client, which creates topics (and ACLs when secured). */
  default Map<String, Object> adminProperties() {
    return clientProperties();
  }

  /** Stops what this backend started; idempotent. External servers are left alone. */
  @Override
  void close();
}
