package io.inventory.events.conformance.producer;

import io.inventory.events.client.Environment;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.stack.InventoryStack;

/**
 * The publisher these suites (and the other-language tests) send with: a test topic on the stack,
 * schemas registered.
 */
public final class StackPublisher {
  private StackPublisher() {}

  public static InventoryEventPublisher onTopic(InventoryStack stack, String topic) {
    return InventoryEventPublisher.builder()
        .environment(Environment.DEV)
        .topic(topic)
        .bootstrapServers(stack.bootstrapServers())
        .schemaRegistryUrl(stack.schemaRegistryUrl())
        .property(EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, true)
        .build();
  }
}
