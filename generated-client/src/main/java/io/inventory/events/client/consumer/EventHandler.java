package io.inventory.events.client.consumer;

/**
 * Handles one type of event, for example {@code event -> stock.apply(event)} registered with {@code
 * InventoryEventConsumer.Builder.on(StockLevelChanged.class, ...)}.
 *
 * <p>Return normally when the event was processed: its offset may then be committed. Throw to
 * report a failure: the consumer retries it with its {@link BackOff} unless the exception is
 * classified as not retryable, and dead-letters it when the retries run out. Handlers are called on
 * the consumer's poll thread, one record at a time, so they need not be thread-safe; they must be
 * idempotent, because delivery is at least once (de-duplicate on {@code eventId}).
 *
 * @param <T> the generated event class
 * @see ContextualEventHandler for a handler that also needs the record's key, partition or headers
 *     ({@code onWithContext})
 */
@FunctionalInterface
public interface EventHandler<T> {
  /**
   * Processes one event.
   *
   * @throws Exception when processing failed; the record is retried or dead-lettered, never skipped
   */
  void handle(T event) throws Exception;
}
