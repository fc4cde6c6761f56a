package io.inventory.events.client.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link DeadLetterPublisher#toTopic}: one synchronous, acknowledged write per dead record. */
final class KafkaDeadLetterPublisher implements DeadLetterPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);
  static final int MAX_MESSAGE_LENGTH = 4_000;

  private final Producer<byte[], byte[]> producer;
  private final Set<String> warnedTopics = ConcurrentHashMap.newKeySet();

  KafkaDeadLetterPublisher(Producer<byte[], byte[]> producer) {
    this.producer = Objects.requireNonNull(producer, "producer == null");
  }

  @Override
  public void publish(ConsumerRecord<byte[], byte[]> record, Exception cause) throws Exception {
    String topic = DeadLetterPublisher.topicFor(record.topic());
    ProducerRecord<byte[], byte[]> dead =
        new ProducerRecord<>(
            topic,
            partitionFor(topic, record.partition()),
            null,
            record.key(),
            record.value(),
            headersFor(record, cause));
    try {
      producer.send(dead).get();
    } catch (ExecutionException e) {
      throw new DeadLetterWriteException(topic, record, e.getCause());
    }
  }

  /**
   * The source partition when the dead-letter topic has it, else {@code null} (partition by key).
   */
  private Integer partitionFor(String topic, int sourcePartition) {
    int partitions = partitionCount(topic);
    if (sourcePartition < partitions) {
      return sourcePartition;
    }
    if (warnedTopics.add(topic)) {
      LOG.warn(
          "Dead-letter topic {} has {} partitions, fewer than its source; records from "
              + "partition {} and up go to the partition of their key. Give {} at least as many "
              + "partitions as its source topic.",
          topic,
          partitions,
          sourcePartition,
          topic);
    }
    return null;
  }

  private int partitionCount(String topic) {
    List<PartitionInfo> partitions = producer.partitionsFor(topic);
    return partitions == null ? 0 : partitions.size();
  }

  /**
   * The record's own headers without any earlier dead-letter headers, then fresh ones: headers of a
   * record dead-lettered twice are replaced, never appended.
   */
  static Headers headersFor(ConsumerRecord<?, ?> record, Exception cause) {
    RecordHeaders headers = new RecordHeaders();
    for (Header header : record.headers()) {
      if (!DeadLetterHeaders.ALL.contains(header.key())) {
        headers.add(header);
      }
    }
    add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
    add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
    add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
    add(headers, DeadLetterHeaders.ORIGINAL_TIMESTAMP, Long.toString(record.timestamp()));
    add(headers, DeadLetterHeaders.ORIGINAL_TIMESTAMP_TYPE, record.timestampType().toString());
    add(headers, DeadLetterHeaders.EXCEPTION_CLASS, cause.getClass().getName());
    add(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, message(cause));
    add(
        headers,
        DeadLetterHeaders.EXCEPTION_ROOT_CAUSE_CLASS,
        rootCause(cause).getClass().getName());
    return headers;
  }

  private static void add(Headers headers, String key, String value) {
    headers.add(key, value.getBytes(UTF_8));
  }

  private static String message(Throwable cause) {
    String message = cause.getMessage();
    if (message == null) {
      return "";
    }
    return message.length() <= MAX_MESSAGE_LENGTH
        ? message
        : message.substring(0, MAX_MESSAGE_LENGTH);
  }

  private static Throwable rootCause(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
