package io.inventory.events.client;

/**
 * Handles events of one type, registered with {@link InventoryEventConsumer.Builder#on}: for
 * example {@code (event, context) -> stock.apply(event)}. The {@link EventContext} says where the
 * event came from (key, partition, offset, headers, delivery attempt) for handlers that need it.
 *
 * <p>Return normally when the event was processed: its offset may then be committed. Throw to
 * report a failure: the consumer retries it with its {@link BackOff} unless the exception is
 * classified as not retryable, and dead-letters it when the retries run out. Handlers are called on
 * the consumer's poll thread, one record at a time, so they need not be thread-safe; they must be
 * idempotent, because delivery is at least once (de-duplicate on {@code eventId}).
 *
 * @param <T> the generated event class, or {@link io.inventory.events.client.serde.UnknownEvent}
 *     for the unknown-event handler
 */
@FunctionalInterface
public interface EventHandler<T> {
  /**
   * Processes one event.
   *
   * @param context where the event came from; valid only during this call
   * @throws Exception when processing failed; the record is retried or dead-lettered, never skipped
   */
  void handle(T event, EventContext context) throws Exception;
}
