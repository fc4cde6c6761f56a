package io.inventory.events.client.consumer;

/**
 * Handles one type of event and sees the Kafka record it came in: key, topic, partition, offset,
 * timestamp, headers and delivery attempt, for example {@code (event, context) -> log.debug("{} at
 * {}", event.getEventId(), context)}.
 *
 * <p>Same contract as {@link EventHandler}: return normally when processed, throw to retry or
 * dead-letter; called on the poll thread; must be idempotent.
 *
 * @param <T> the generated event class, or {@link io.inventory.events.client.UnknownEvent} for the
 *     unknown-event handler
 */
@FunctionalInterface
public interface ContextualEventHandler<T> {
  /**
   * Processes one event.
   *
   * @throws Exception when processing failed; the record is retried or dead-lettered, never skipped
   */
  void handle(T event, EventContext context) throws Exception;
}
