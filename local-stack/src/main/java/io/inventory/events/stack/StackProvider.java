package io.inventory.events.stack;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A stack mode that lives in another jar, found with {@link java.util.ServiceLoader} when a stack
 * is started with {@code -Dinventory.stack.mode=NAME} or {@link InventoryStack.Builder#mode(String)
 * mode(NAME)}: for example {@code testcontainers}, from {@code inventory-events-testcontainers}.
 * The provider only starts the two servers; the stack then checks that both answer, sets the
 * registry's compatibility rule and creates topics exactly as in the built-in modes.
 * Implementations must be thread-safe and have a public no-argument constructor (list them in
 * {@code META-INF/services/io.inventory.events.stack.StackProvider}).
 */
public interface StackProvider {

  /** The name users choose the mode by, for example {@code testcontainers}; lower case. */
  String mode();

  /**
   * Starts a Kafka broker and a schema registry within the request's timeout and returns their
   * addresses; whatever it started must be stopped by {@link Servers#close()}, and on failure the
   * provider stops it before throwing.
   *
   * @throws StackStartException if the servers cannot be started; a subclass names a missing
   *     prerequisite (for example no Docker Engine)
   */
  Servers start(Request request);

  /**
   * What the stack asks of a provider.
   *
   * @param compatibility the registry's global compatibility level the stack will set, for example
   *     {@code FULL_TRANSITIVE}
   * @param timeout how long both servers may take to become ready
   * @param progress where start-up messages go (the stack's log, or the local stack's console)
   * @param settings looks a setting up by system property name (for example {@code
   *     inventory.kafka.image}): the system property if set, else nothing
   */
  record Request(
      String compatibility,
      Duration timeout,
      Consumer<String> progress,
      Function<String, Optional<String>> settings) {

    /** The named system property, if set and not blank. */
    public Optional<String> setting(String name) {
      return settings.apply(name);
    }
  }

  /** The running servers of a provided stack. */
  interface Servers extends AutoCloseable {

    /** Kafka's {@code bootstrap.servers}, reachable from this JVM. */
    String bootstrapServers();

    /** The registry's Confluent-compatible API base URL, without a trailing slash. */
    String schemaRegistryUrl();

    /** Stops both servers; idempotent. */
    @Override
    void close();
  }
}
