package io.inventory.events.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
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

  /**
   * Prefixes of the consumer settings the default dead-letter producer shares: every security, TLS
   * and SASL setting, whatever the mechanism (SCRAM, OAuth, AWS IAM callback handlers, custom trust
   * store types), so a consumer that can read its cluster can also dead-letter to it.
   */
  static final List<String> SHARED_PREFIXES = List.of("security.", "ssl.", "sasl.");

  /** Further consumer settings it shares: how to find and connect to the cluster. */
  static final List<String> SHARED_SETTINGS =
      List.of(
          CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
          CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG,
          CommonClientConfigs.METADATA_MAX_AGE_CONFIG,
          CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG,
          CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG,
          CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG,
          CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG,
          CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG,
          CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG,
          CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG,
          CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG,
          CommonClientConfigs.SEND_BUFFER_CONFIG,
          CommonClientConfigs.RECEIVE_BUFFER_CONFIG);

  private final Producer<byte[], byte[]> producer;
  private final Set<String> warnedTopics = ConcurrentHashMap.newKeySet();

  KafkaDeadLetterPublisher(Producer<byte[], byte[]> producer) {
    this.producer = Objects.requireNonNull(producer, "producer == null");
  }

  /**
   * The default dead-letter producer's settings: every consumer setting named by {@link
   * #SHARED_PREFIXES} or {@link #SHARED_SETTINGS} (consumer-only settings such as the group,
   * deserializers and interceptors stay behind), the consumer's {@code client.id} with {@code -dlt}
   * appended, {@code acks=all}, idempotent, and timeouts bounded so a dead-letter write never holds
   * the poll loop near {@code max.poll.interval.ms}.
   */
  static Map<String, Object> producerConfig(Map<String, Object> consumerConfig) {
    Map<String, Object> config = new HashMap<>();
    consumerConfig.forEach(
        (key, value) -> {
          if (SHARED_SETTINGS.contains(key) || SHARED_PREFIXES.stream().anyMatch(key::startsWith)) {
            config.put(key, value);
          }
        });
    Object clientId = consumerConfig.get(CommonClientConfigs.CLIENT_ID_CONFIG);
    if (clientId != null && !clientId.toString().isEmpty()) {
      config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId + "-dlt");
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
