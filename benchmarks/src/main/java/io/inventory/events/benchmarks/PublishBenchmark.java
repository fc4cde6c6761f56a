package io.inventory.events.benchmarks;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.Environment;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.client.serde.InventoryEventSerializer;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Publishing through {@link InventoryEventPublisher} against a plain {@link KafkaProducer} sending
 * the same events already serialized, with the same acks=all and idempotence, to the same broker.
 *
 * <p>Each invocation sends a batch of events and waits for the flush, so the figure is the cost per
 * acknowledged event. The difference between the two is what validation, key extraction, headers
 * and serialization cost on top of Kafka itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PublishBenchmark {
  private static final int BATCH = 1_000;

  private InventoryStack stack;
  private InventoryEventPublisher publisher;
  private KafkaProducer<String, byte[]> rawProducer;
  private String rawTopic;
  private final List<StockLevelChanged> events = new ArrayList<>();
  private final List<byte[]> serialized = new ArrayList<>();

  @Setup(Level.Trial)
  public void start() {
    stack = InventoryStack.start();
    stack.createTopic(Environment.DEV.topic(), 6);
    rawTopic = stack.createTopic(6);
    publisher =
        InventoryEventPublisher.builder()
            .environment(Environment.DEV)
            .bootstrapServers(stack.bootstrapServers())
            .schemaRegistryUrl(stack.schemaRegistryUrl())
            .property("auto.register.schemas", true)
            .build();
    try (InventoryEventSerializer serializer = new InventoryEventSerializer()) {
      serializer.configure(
          Map.of("schema.registry.url", stack.schemaRegistryUrl(), "auto.register.schemas", true),
          false);
      for (int i = 0; i < BATCH; i++) {
        StockLevelChanged event = SampleEvents.numbered("PROD-" + (i % 500), i);
        events.add(event);
        serialized.add(serializer.serialize(Environment.DEV.topic(), event));
      }
    }
    rawProducer =
        new KafkaProducer<>(rawProducerConfig(), new StringSerializer(), new ByteArraySerializer());
  }

  private Properties rawProducerConfig() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }

  @TearDown(Level.Trial)
  public void stop() {
    publisher.close();
    rawProducer.close();
    stack.close();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void rawKafkaProducer() {
    for (int i = 0; i < BATCH; i++) {
      StockLevelChanged event = events.get(i);
      rawProducer.send(
          new ProducerRecord<>(rawTopic, event.getPayload().getProductId(), serialized.get(i)));
    }
    rawProducer.flush();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void contractPublisher() {
    for (int i = 0; i < BATCH; i++) {
      publisher.publish(events.get(i));
    }
    publisher.flush();
  }
}
