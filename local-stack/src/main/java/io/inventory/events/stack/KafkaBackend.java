package io.inventory.events.stack;

import java.util.List;

/**
 * The Kafka side of a stack, one implementation per mode: {@link EmbeddedKafka} (one combined node
 * in this JVM) and the external cluster of {@link ExternalMode}. A new mode plugs in here and in
 * {@link RegistryBackend}; {@link InventoryStack} sees only these two types.
 */
interface KafkaBackend extends AutoCloseable {

  /** Kafka's {@code bootstrap.servers} for clients. */
  String bootstrapServers();

  /** The ports this JVM bound for Kafka (for tests that check they are freed); empty if none. */
  List<Integer> ports();

  /** Stops what this backend started; idempotent. External servers are left alone. */
  @Override
  void close();
}
