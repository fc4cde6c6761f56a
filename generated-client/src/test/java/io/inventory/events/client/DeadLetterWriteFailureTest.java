package io.inventory.events.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** A dead-letter write that fails says which record, which topic, why, and what to check. */
class DeadLetterWriteFailureTest {

  @Test
  void missingDeadLetterTopicIsNamedWithTheRecordAndWhatToCheck() {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized List<PartitionInfo> partitionsFor(String topic) {
            // what KafkaProducer throws after max.block.ms for a topic the broker does not have
            throw new TimeoutException(
                "Topic " + topic + " not present in metadata after 10000 ms.");
          }
        };
    ConsumerRecord<byte[], byte[]> poison =
        new ConsumerRecord<>("inventory.dev.events", 2, 41L, null, "garbage".getBytes(UTF_8));

    assertThatThrownBy(
            () ->
                DeadLetterPublisher.toTopic(producer)
                    .publish(poison, new IllegalStateException("undecodable")))
        .isInstanceOf(KafkaException.class)
        .hasCauseInstanceOf(TimeoutException.class)
        .hasMessage(
            "Could not write inventory.dev.events-2@41 to dead-letter topic"
                + " inventory.dev.events.dlt: org.apache.kafka.common.errors.TimeoutException:"
                + " Topic inventory.dev.events.dlt not present in metadata after 10000 ms.. The"
                + " record stays uncommitted and is retried; check that inventory.dev.events.dlt"
                + " exists with as many partitions as inventory.dev.events and is writable.");
  }
}
