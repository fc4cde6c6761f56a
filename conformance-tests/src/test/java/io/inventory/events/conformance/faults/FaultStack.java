package io.inventory.events.conformance.faults;

import io.inventory.events.stack.InventoryStack;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The three-broker stack the fault tests that halt brokers or need missing topics share, injected
 * as an {@link InventoryStack} parameter: a dedicated controller and three brokers (replication
 * factor 3, {@code min.insync.replicas=2}), with {@code auto.create.topics.enable=false} so that a
 * write to a missing topic fails instead of creating it, as on most production clusters. Started by
 * the first test that asks for it, closed when the test run ends.
 */
final class FaultStack implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FaultStack.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == InventoryStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Holder.class, key -> new Holder(), Holder.class)
        .stack;
  }

  @SuppressWarnings("deprecation") // CloseableResource for JUnit before 5.13, AutoCloseable after
  private static final class Holder
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final InventoryStack stack =
        InventoryStack.builder()
            .embedded()
            .brokers(3)
            .brokerProperty("auto.create.topics.enable", "false")
            .workDir(Path.of("target", "inventory-stack-faults"))
            .start();

    @Override
    public void close() {
      stack.close();
    }
  }
}
