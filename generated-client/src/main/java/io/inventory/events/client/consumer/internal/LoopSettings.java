package io.inventory.events.client.consumer.internal;

import io.inventory.events.client.consumer.BackOff;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the poll loop needs besides its Kafka consumer and dead-letter publisher.
 *
 * @param commitInterval zero: commit after every poll that made progress
 */
public record LoopSettings(
    List<String> topics,
    Deserializer<?> valueDeserializer,
    Dispatcher dispatcher,
    BackOff backOff,
    BackOff deadLetterBackOff,
    Predicate<Throwable> notRetryable,
    Duration commitInterval,
    Duration pollTimeout) {}
