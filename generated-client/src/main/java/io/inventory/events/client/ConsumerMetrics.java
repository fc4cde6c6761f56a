package io.inventory.events.client;

/**
 * A snapshot of one consumer's counters since it was built, from {@link
 * InventoryEventConsumer#metrics()}. Immutable; counts are per consumer instance, not per group,
 * and reset when the instance is rebuilt.
 *
 * @param processed records whose handler returned normally (a record retried and then processed
 *     counts once)
 * @param retried handler failures that were scheduled for another attempt
 * @param deadLettered records handed to the dead-letter publisher and acknowledged by it
 * @param unknown records of an event type this build has no class for, passed to the unknown-event
 *     handler (never dead-lettered)
 * @param skipped records no handler was registered for, and tombstones (null values)
 */
public record ConsumerMetrics(
    long processed, long retried, long deadLettered, long unknown, long skipped) {}
