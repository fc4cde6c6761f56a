package io.inventory.events.client.consumer;

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
 * plus the {@link DeadLetterHeaders}. Create the dead-letter topic with at least as many partitions
 * as its source topic; where the partition is missing, the record goes to the partition its key
 * hashes to and a WARN says so once.
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
   * Writes each record to {@link #topicFor(String) its dead-letter topic}, same partition, and
   * waits for the broker's acknowledgement. The producer is not closed by the consumer; configure
   * it with {@code acks=all} and a {@code delivery.timeout.ms} well below {@code
   * max.poll.interval.ms}.
   */
  static DeadLetterPublisher toTopic(Producer<byte[], byte[]> producer) {
    return new KafkaDeadLetterPublisher(producer);
  }
}
