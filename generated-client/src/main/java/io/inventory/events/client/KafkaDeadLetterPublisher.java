package io.inventory.events.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DeadLetterPublisher#toTopic}: one synchronous, acknowledged write per dead record, and the
 * settings of the producer a consumer creates for it when it is given no publisher.
 */
final class KafkaDeadLetterPublisher implements DeadLetterPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);
  static final int MAX_MESSAGE_LENGTH = 4_000;

  /** Consumer settings the default dead-letter producer shares: how to reach the cluster. */
  private static final List<String> SHARED_SETTINGS =
      List.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
          "security.protocol",
          "sasl.mechanism",
          "sasl.jaas.config",
          "ssl.truststore.location",
          "ssl.truststore.password",
          "ssl.keystore.location",
          "ssl.keystore.password",
          "ssl.key.password",
          "client.dns.lookup");

  private final Producer<byte[], byte[]> producer;
  private final Set<String> warnedTopics = ConcurrentHashMap.newKeySet();

  KafkaDeadLetterPublisher(Producer<byte[], byte[]> producer) {
    this.producer = Objects.requireNonNull(producer, "producer == null");
  }

  /**
   * The default dead-letter producer's settings: the consumer's cluster and security settings,
   * {@code acks=all}, idempotent, and timeouts bounded so a dead-letter write never holds the poll
   * loop near {@code max.poll.interval.ms}.
   */
  static Map<String, Object> producerConfig(Map<String, Object> consumerConfig) {
    Map<String, Object> config = new HashMap<>();
    for (String key : SHARED_SETTINGS) {
      if (consumerConfig.containsKey(key)) {
        config.put(key, consumerConfig.get(key));
      }
    }
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  @Override
  public void publish(ConsumerRecord<byte[], byte[]> record, Exception cause) throws Exception {
    String topic = DeadLetterPublisher.topicFor(record.topic());
    try {
      // partitionFor waits up to max.block.ms for the topic's metadata: a missing topic fails here
      ProducerRecord<byte[], byte[]> dead =
          new ProducerRecord<>(
              topic,
              partitionFor(topic, record.partition()),
              null,
              record.key(),
              record.value(),
              headersFor(record, cause));
      producer.send(dead).get();
    } catch (ExecutionException e) {
      throw new KafkaException(writeFailed(topic, record, e.getCause()), e.getCause());
    } catch (KafkaException e) {
      throw new KafkaException(writeFailed(topic, record, e), e);
    }
  }

  private static String writeFailed(String topic, ConsumerRecord<?, ?> record, Throwable cause) {
    return "Could not write "
        + record.topic()
        + "-"
        + record.partition()
        + "@"
        + record.offset()
        + " to dead-letter topic "
        + topic
        + ": "
        + cause
        + ". The record stays uncommitted and is retried; check that "
        + topic
        + " exists with as many partitions as "
        + record.topic()
        + " and is writable.";
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
      if (!HEADERS.contains(header.key())) {
        headers.add(header);
      }
    }
    add(headers, ORIGINAL_TOPIC_HEADER, record.topic());
    add(headers, ORIGINAL_PARTITION_HEADER, Integer.toString(record.partition()));
    add(headers, ORIGINAL_OFFSET_HEADER, Long.toString(record.offset()));
    add(headers, ORIGINAL_TIMESTAMP_HEADER, Long.toString(record.timestamp()));
    add(headers, ORIGINAL_TIMESTAMP_TYPE_HEADER, record.timestampType().toString());
    add(headers, EXCEPTION_CLASS_HEADER, cause.getClass().getName());
    add(headers, EXCEPTION_MESSAGE_HEADER, message(cause));
    add(headers, EXCEPTION_ROOT_CAUSE_CLASS_HEADER, rootCause(cause).getClass().getName());
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
