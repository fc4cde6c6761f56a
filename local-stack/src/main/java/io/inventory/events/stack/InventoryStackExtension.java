package io.inventory.events.stack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one {@link InventoryStack} per test JVM, lazily, on the first test
 * class that uses it, shares it with every later class through the root extension store, and closes
 * it when the test run ends. Parameters of type {@link InventoryStack} in constructors, lifecycle
 * methods and test methods receive it. Honours external mode ({@code KAFKA_BOOTSTRAP_SERVERS} and
 * {@code SCHEMA_REGISTRY_URL}) and {@code -Dinventory.stack.mode} (for example {@code
 * testcontainers}). If the stack fails to start, every class that asks for it fails with the same
 * exception rather than retrying. Safe for parallel test execution.
 *
 * <pre>{@code
 * @ExtendWith(InventoryStackExtension.class)
 * class OrderFlowTest {
 *     @Test
 *     void publishedEventIsConsumed(InventoryStack stack) {
 *         String topic = stack.createTopic(3);
 *         // stack.bootstrapServers(), stack.schemaRegistryUrl()
 *     }
 * }
 * }</pre>
 */
public final class InventoryStackExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(InventoryStackExtension.class);

  /**
   * Called by JUnit; starts the shared stack so that its start time is not charged to the first
   * test.
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    stack(context);
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == InventoryStack.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return stack(extensionContext);
  }

  /**
   * The stack shared by this test JVM, started on first use; for other extensions and for code that
   * holds an {@link ExtensionContext}.
   *
   * @throws StackStartException if it could not be started (the same exception on every call)
   */
  public static InventoryStack stack(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(SharedStack.class, key -> SharedStack.start(), SharedStack.class)
        .get();
  }

  /** The store entry: the stack or why it failed; closed by JUnit at the end of the run. */
  @SuppressWarnings(
      "deprecation") // CloseableResource keeps JUnit 5.0-5.12 closing it; 5.13+ uses AutoCloseable
  private static final class SharedStack
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final InventoryStack stack;
    private final RuntimeException failure;

    private SharedStack(InventoryStack stack, RuntimeException failure) {
      this.stack = stack;
      this.failure = failure;
    }

    static SharedStack start() {
      try {
        return new SharedStack(InventoryStack.start(), null);
      } catch (RuntimeException e) {
        return new SharedStack(null, e);
      }
    }

    InventoryStack get() {
      if (failure != null) throw failure;
      return stack;
    }

    @Override
    public void close() {
      if (stack != null) stack.close();
    }
  }
}
