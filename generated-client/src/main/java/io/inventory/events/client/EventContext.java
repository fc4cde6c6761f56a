package io.inventory.events.client;

import java.time.Instant;
import org.apache.kafka.common.header.Headers;

/**
 * Where an event came from: the Kafka record behind it, as an {@link EventHandler} sees it.
 *
 * <p>Valid only during the handler call that received it; do not keep it. Its {@link #toString()}
 * reads {@code topic-partition@offset}, the form used in every log line and error message of the
 * consumer.
 */
public interface EventContext {
  /** The topic the record was read from, for example {@code inventory.dev.events}. */
  String topic();

  /** The partition the record was read from. */
  int partition();

  /** The record's offset in its partition. */
  long offset();

  /** The record's Kafka timestamp (create time unless the topic uses log-append time). */
  Instant timestamp();

  /** The record key, the UTF-8 {@code productId}; {@code null} when the record has no key. */
  String key();

  /** The record's headers (read-only), for example {@code event-type} and {@code event-id}. */
  Headers headers();

  /**
   * How often this consumer has handed this record to a handler, counting this call: {@code 1} on
   * the first delivery, {@code 2} on the first retry. Starts again at 1 after a restart or
   * rebalance.
   */
  int deliveryAttempt();
}
