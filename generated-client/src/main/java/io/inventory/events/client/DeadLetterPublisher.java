package io.inventory.events.client;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;

/**
 * Takes a record the consumer has given up on (undecodable bytes, an unknown schema id, an invalid
 * event, a handler failure past its retries) and stores it durably, after Spring Kafka's {@code
 * ConsumerRecordRecoverer}.
 *
 * <p>{@link #publish} must return only once the write is acknowledged: the consumer commits the
 * record's offset right after it returns. When it throws, the offset is not committed, the
 * partition stays paused at that record, and the consumer calls it again after a back-off (1 s
 * doubling to 30 s, without end) until it succeeds or the consumer is closed; nothing after the
 * record is processed meanwhile. Called on the poll thread.
 *
 * <p>The default, {@link #toTopic(Producer)}, writes to {@link #topicFor the dead-letter topic}
 * {@code <source topic>.dlt} (for example {@code inventory.prod.events.dlt}), into the same
 * partition as the source record, with the original key and value bytes and the original headers
 * plus the {@link #HEADERS dead-letter headers} below. Create the dead-letter topic with at least
 * as many partitions as its source topic; where the partition is missing, the record goes to the
 * partition its key hashes to and a WARN says so once.
 *
 * <p>Every dead-letter header value is UTF-8 text (numbers in decimal), readable from any language;
 * they are the counterparts of Spring Kafka's {@code kafka_dlt-*} headers. A record dead-lettered
 * again (replayed from the dead-letter topic and failing again) gets them replaced, not appended.
 *
 * <pre>{@code
 * DeadLetterPublisher dlt = DeadLetterPublisher.toTopic(producer)
 *     .andThen((record, cause) -> alerts.raise(record.topic(), record.offset(), cause));
 * }</pre>
 */
@FunctionalInterface
public interface DeadLetterPublisher {
  /**
   * Suffix of every dead-letter topic: {@code inventory.dev.events} → {@code
   * inventory.dev.events.dlt}.
   */
  String TOPIC_SUFFIX = ".dlt";

  /** Header: the topic the record was read from, for example {@code inventory.dev.events}. */
  String ORIGINAL_TOPIC_HEADER = "dlt-original-topic";

  /** Header: the partition the record was read from, for example {@code 3}. */
  String ORIGINAL_PARTITION_HEADER = "dlt-original-partition";

  /** Header: the record's offset in that partition, for example {@code 1042}. */
  String ORIGINAL_OFFSET_HEADER = "dlt-original-offset";

  /** Header: the record's Kafka timestamp in epoch milliseconds, e.g. {@code 1767225600000}. */
  String ORIGINAL_TIMESTAMP_HEADER = "dlt-original-timestamp";

  /** Header: the type of that timestamp, {@code CreateTime} or {@code LogAppendTime}. */
  String ORIGINAL_TIMESTAMP_TYPE_HEADER = "dlt-original-timestamp-type";

  /** Header: full class name of the exception that made the consumer give up on the record. */
  String EXCEPTION_CLASS_HEADER = "dlt-exception-class";

  /** Header: that exception's message, cut to 4,000 characters; empty when it had none. */
  String EXCEPTION_MESSAGE_HEADER = "dlt-exception-message";

  /** Header: the class of the exception's innermost cause; the class itself when it had none. */
  String EXCEPTION_ROOT_CAUSE_CLASS_HEADER = "dlt-exception-root-cause-class";

  /** Every dead-letter header above, in the order {@link #toTopic} writes them. */
  List<String> HEADERS =
      List.of(
          ORIGINAL_TOPIC_HEADER,
          ORIGINAL_PARTITION_HEADER,
          ORIGINAL_OFFSET_HEADER,
          ORIGINAL_TIMESTAMP_HEADER,
          ORIGINAL_TIMESTAMP_TYPE_HEADER,
          EXCEPTION_CLASS_HEADER,
          EXCEPTION_MESSAGE_HEADER,
          EXCEPTION_ROOT_CAUSE_CLASS_HEADER);

  /**
   * Stores {@code record}, which failed with {@code cause}, and returns once the write is
   * acknowledged.
   *
   * @param record the record as it was read: original key and value bytes, headers, coordinates
   * @param cause why the consumer gave up on it
   * @throws Exception when the write failed or was not acknowledged; the offset stays uncommitted
   */
  void publish(ConsumerRecord<byte[], byte[]> record, Exception cause) throws Exception;

  /** Runs this publisher, then {@code next}; the record counts as stored once both returned. */
  default DeadLetterPublisher andThen(DeadLetterPublisher next) {
    Objects.requireNonNull(next, "next == null");
    return (record, cause) -> {
      publish(record, cause);
      next.publish(record, cause);
    };
  }

  /**
   * The dead-letter topic of {@code sourceTopic}: {@code inventory.dev.events.dlt} for {@code
   * inventory.dev.events}.
   */
  static String topicFor(String sourceTopic) {
    Objects.requireNonNull(sourceTopic, "sourceTopic == null");
    return sourceTopic + TOPIC_SUFFIX;
  }

  /**
   * Writes each record to {@link #topicFor(String) its dead-letter topic}, same partition, with the
   * {@link #HEADERS dead-letter headers}, and waits for the broker's acknowledgement; a failed
   * write throws a {@code KafkaException} saying what to check. The producer stays yours to close;
   * configure it with {@code acks=all} and a {@code delivery.timeout.ms} well below {@code
   * max.poll.interval.ms}.
   */
  static DeadLetterPublisher toTopic(Producer<byte[], byte[]> producer) {
    return new KafkaDeadLetterPublisher(producer);
  }
}
