package io.inventory.events.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.client.BackOff;
import io.inventory.events.client.DeadLetterPublisher;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.stack.InventoryStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dead-letter topic missing on a cluster that does not create topics on demand: the consumer
 * cannot park a poison record, so it stops before it, says why, and commits nothing past it; once
 * the topic exists a new consumer dead-letters it and processes the rest. (The same with the topic
 * denied by an ACL runs on the secured stack.)
 */
@ExtendWith(FaultStack.class)
@DisplayName("The dead-letter topic unwritable")
class DeadLetterUnwritableTest {
  private static final int EVENTS = 300;

  @Test
  @DisplayName(
      "stops the consumer before the poison record with the reason, and loses nothing once the"
          + " topic exists")
  void missingDeadLetterTopicStopsTheConsumerBeforeThePoisonRecord(InventoryStack stack)
      throws Exception {
    EventLedger ledger = new EventLedger();
    try (FaultChannel channel = new FaultChannel(stack, 3, false)) {
      String deadLetterTopic = DeadLetterPublisher.topicFor(channel.topic);
      try (InventoryEventPublisher publisher = channel.publisher().build()) {
        assertThat(FaultChannel.publishAll(publisher, ledger, 0, EVENTS / 2)).isEmpty();
      }
      RecordMetadata poison = writePoison(channel);
      try (InventoryEventPublisher publisher = channel.publisher().build()) {
        assertThat(FaultChannel.publishAll(publisher, ledger, EVENTS / 2, EVENTS)).isEmpty();
      }
      String poisonAt = channel.topic + "-" + poison.partition() + "@" + poison.offset();

      long start = System.nanoTime();
      InventoryEventConsumer stopping =
          channel
              .consumer(ledger)
              .deadLetterBackOff(BackOff.fixed(Duration.ofMillis(200), 1))
              .build();
      CompletableFuture<Void> run = CompletableFuture.runAsync(stopping::run);
      Throwable stopped =
          assertStopped(run, Duration.ofSeconds(90)); // two dead-letter writes of max.block.ms each
      long stoppedAfter = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

      assertThat(stopped)
          .isInstanceOf(KafkaException.class)
          .hasMessageStartingWith(
              "Stopped before "
                  + poisonAt
                  + ": it could not be dead-lettered after 2 attempt(s) and the dead-letter"
                  + " back-off gave up.")
          .hasMessageContaining(
              "Could not write "
                  + poisonAt
                  + " to dead-letter topic "
                  + deadLetterTopic
                  + ": org.apache.kafka.common.errors.TimeoutException: Topic "
                  + deadLetterTopic
                  + " not present in metadata")
          .hasMessageEndingWith(
              "check that "
                  + deadLetterTopic
                  + " exists with as many partitions as "
                  + channel.topic
                  + " and is writable.");
      assertThat(channel.committed())
          .as("nothing committed past the poison record")
          .containsEntry(channel.topic + "-" + poison.partition(), poison.offset());
      int beforeRestart = ledger.distinctReceived();
      assertThat(beforeRestart).isLessThan(EVENTS);

      stack.createTopic(deadLetterTopic, channel.partitions);
      try (InventoryEventConsumer recovered = channel.consumer(ledger).build().start()) {
        ledger.awaitAllReceived(Duration.ofSeconds(60));
        Deadlines.await(
            "the poison record is committed",
            Duration.ofSeconds(60),
            () -> channel.committed().equals(channel.endOffsets()),
            () -> channel.committed().toString());
        assertThat(recovered.metrics().deadLettered()).isEqualTo(1);
      }
      EventLedger.Figures figures =
          ledger.report(
              "dead-letter topic missing (auto-create off)",
              "consumer stopped before "
                  + poisonAt
                  + " after "
                  + stoppedAfter
                  + " s with "
                  + beforeRestart
                  + " events processed; after the topic was created the poison record was"
                  + " dead-lettered");
      assertThat(figures.sent()).isEqualTo(EVENTS);
      assertThat(figures.lost()).as("lost").isZero();
      assertThat(figures.unexpected()).isZero();
    }
  }

  /** The run ended with an exception within {@code deadline}; returns it. */
  private static Throwable assertStopped(CompletableFuture<Void> run, Duration deadline)
      throws Exception {
    try {
      run.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("The consumer ended without an error");
  }

  /** Bytes that are no Confluent frame, keyed like an event so they land among them. */
  private static RecordMetadata writePoison(FaultChannel channel) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            channel.stack.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all");
    try (KafkaProducer<String, byte[]> raw =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      return raw.send(
              new ProducerRecord<>(
                  channel.topic, "PROD-0", "not an event".getBytes(StandardCharsets.UTF_8)))
          .get(30, TimeUnit.SECONDS);
    }
  }
}
