package io.inventory.events.client.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * A record could not be written to its dead-letter topic; its source offset stays uncommitted and
 * the consumer tries again after a back-off. Check that the dead-letter topic exists, that the
 * consumer's principal may write to it, and that the cluster is reachable.
 */
public final class DeadLetterWriteException extends KafkaException {
  private static final long serialVersionUID = 1L;

  DeadLetterWriteException(String deadLetterTopic, ConsumerRecord<?, ?> record, Throwable cause) {
    super(
        "Could not write "
            + record.topic()
            + "-"
            + record.partition()
            + "@"
            + record.offset()
            + " to dead-letter topic "
            + deadLetterTopic
            + ": "
            + cause
            + ". The record stays uncommitted and is retried; check that "
            + deadLetterTopic
            + " exists with as many partitions as "
            + record.topic()
            + " and is writable.",
        cause);
  }
}
