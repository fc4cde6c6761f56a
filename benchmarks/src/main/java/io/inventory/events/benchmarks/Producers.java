package io.inventory.events.benchmarks;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.client.serde.EventSerdeConfig;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The three producing sides, on identical Kafka producer settings. */
final class Producers {
  /** The floor's extra header in latency runs: the send time, 8 bytes of epoch microseconds. */
  static final String SENT_AT_HEADER = "sent-at-micros";

  private Producers() {}

  /** What every side's KafkaProducer gets, besides the bootstrap servers. */
  static Map<String, Object> tuning() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    return config;
  }

  /** One producing side. {@code stamp}: set the event's send time (latency runs). */
  interface Side extends AutoCloseable {
    void send(long sequence, boolean stamp);

    void flush();

    @Override
    void close();
  }

  /** Ours: the contract's publisher (validation, key, headers, our serializer). */
  static Side ours(Workload workload, String bootstrap, String registryUrl, String topic) {
    InventoryEventPublisher publisher =
        InventoryEventPublisher.builder()
            .topic(topic)
            .bootstrapServers(bootstrap)
            .schemaRegistryUrl(registryUrl)
            .properties(tuning())
            .build();
    return new Side() {
      @Override
      public void send(long sequence, boolean stamp) {
        StockLevelChanged event = workload.event(sequence);
        if (stamp) {
          stamp(event);
        }
        publisher.publish(event);
      }

      @Override
      public void flush() {
        publisher.flush();
      }

      @Override
      public void close() {
        publisher.close();
      }
    };
  }

  /** The peer: a KafkaProducer with Apicurio's serializer and the same three headers. */
  static Side peer(Workload workload, String bootstrap, String nativeApiUrl, String topic) {
    Map<String, Object> config = tuning();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    AvroKafkaSerializer<SpecificRecord> serializer =
        ApicurioPeer.serializer(
            nativeApiUrl, topic + "-" + StockLevelChanged.getClassSchema().getFullName());
    KafkaProducer<String, SpecificRecord> producer =
        new KafkaProducer<>(config, new StringSerializer(), serializer);
    return new Side() {
      @Override
      public void send(long sequence, boolean stamp) {
        StockLevelChanged event = workload.event(sequence);
        if (stamp) {
          stamp(event);
        }
        producer.send(
            new ProducerRecord<>(
                topic,
                null,
                event.getPayload().getProductId(),
                event,
                new RecordHeaders(Workload.headersOf(event))));
      }

      @Override
      public void flush() {
        producer.flush();
      }

      @Override
      public void close() {
        producer.close();
      }
    };
  }

  /** The floor: key, value and headers serialized beforehand; Kafka's work only. */
  static Side floor(Workload workload, String bootstrap, String topic) {
    Map<String, Object> config = tuning();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    return new Side() {
      @Override
      public void send(long sequence, boolean stamp) {
        int i = (int) (sequence % Workload.POOL);
        RecordHeaders headers = new RecordHeaders(workload.headers[i]);
        if (stamp) {
          headers.add(sentAt(Workload.nowMicros()));
        }
        producer.send(
            new ProducerRecord<>(topic, null, workload.keys[i], workload.values[i], headers));
      }

      @Override
      public void flush() {
        producer.flush();
      }

      @Override
      public void close() {
        producer.close();
      }
    };
  }

  private static final int TIMESTAMP =
      StockLevelChanged.getClassSchema().getField("timestamp").pos();

  /** The generated classes have no setters: put the send time into the pooled event itself. */
  private static void stamp(StockLevelChanged event) {
    event.put(TIMESTAMP, Instant.now());
  }

  static Header sentAt(long micros) {
    return new RecordHeader(SENT_AT_HEADER, ByteBuffer.allocate(8).putLong(0, micros).array());
  }

  /** Serde settings of ours that register the schema for a topic before a run. */
  static Map<String, Object> registering(String registryUrl) {
    return Map.of(
        EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
        registryUrl,
        EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG,
        true);
  }
}
