package io.inventory.events.client.consumer;

import java.util.List;

/**
 * Names of the headers that {@link DeadLetterPublisher#toTopic} adds to a dead-lettered record, so
 * whoever reads the dead-letter topic can find the original and the error. The counterparts of
 * Spring Kafka's {@code kafka_dlt-*} headers.
 *
 * <p>Every value is UTF-8 text (numbers in decimal), readable from any language. A record that is
 * dead-lettered again (replayed from the dead-letter topic and failing again) gets these headers
 * replaced, not appended, so they never grow.
 */
public final class DeadLetterHeaders {
  /** The topic the record was read from, for example {@code inventory.dev.events}. */
  public static final String ORIGINAL_TOPIC = "dlt-original-topic";

  /** The partition the record was read from, for example {@code 3}. */
  public static final String ORIGINAL_PARTITION = "dlt-original-partition";

  /** The record's offset in that partition, for example {@code 1042}. */
  public static final String ORIGINAL_OFFSET = "dlt-original-offset";

  /** The record's Kafka timestamp in epoch milliseconds, for example {@code 1767225600000}. */
  public static final String ORIGINAL_TIMESTAMP = "dlt-original-timestamp";

  /** The type of that timestamp: {@code CreateTime} or {@code LogAppendTime}. */
  public static final String ORIGINAL_TIMESTAMP_TYPE = "dlt-original-timestamp-type";

  /** Full class name of the exception that made the consumer give up on the record. */
  public static final String EXCEPTION_CLASS = "dlt-exception-class";

  /** That exception's message, cut to 4,000 characters; empty when it had none. */
  public static final String EXCEPTION_MESSAGE = "dlt-exception-message";

  /** Full class name of the exception's innermost cause; equals the class when it had no cause. */
  public static final String EXCEPTION_ROOT_CAUSE_CLASS = "dlt-exception-root-cause-class";

  /** Every header above, in the order they are written. */
  public static final List<String> ALL =
      List.of(
          ORIGINAL_TOPIC,
          ORIGINAL_PARTITION,
          ORIGINAL_OFFSET,
          ORIGINAL_TIMESTAMP,
          ORIGINAL_TIMESTAMP_TYPE,
          EXCEPTION_CLASS,
          EXCEPTION_MESSAGE,
          EXCEPTION_ROOT_CAUSE_CLASS);

  private DeadLetterHeaders() {}
}
