package io.inventory.events.stack;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provided mode for {@link StackModeSwitchTest}: hands out the servers a test put in {@link
 * #servers} (the shared embedded stack's) and counts how often the stack closed them.
 */
public final class FixedServersProvider implements StackProvider {
  static volatile InventoryStack servers;
  static final AtomicInteger CLOSED = new AtomicInteger();
  static volatile Request lastRequest;

  @Override
  public String mode() {
    return "fixed-servers";
  }

  @Override
  public Servers start(Request request) {
    lastRequest = request;
    InventoryStack stack = servers;
    return new Servers() {
      @Override
      public String bootstrapServers() {
        return stack.bootstrapServers();
      }

      @Override
      public String schemaRegistryUrl() {
        return stack.schemaRegistryUrl();
      }

      @Override
      public void close() {
        CLOSED.incrementAndGet();
      }
    };
  }
}
