package io.inventory.events.conformance.consumer;

import static io.inventory.events.conformance.consumer.TopicUnderTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.ConsumerMetrics;
import io.inventory.events.client.DeadLetterPublisher;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.serde.MalformedFrameException;
import io.inventory.events.client.serde.UnknownSchemaException;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InventoryStackExtension.class)
class DeadLetterTest {
  private static final String PRODUCT = "PROD-DLT";
  private static final int POISON = 99;

  @Test
  void poisonRecordsReachTheDeadLetterTopicWithOriginalBytesAndHeadersAndLaterRecordsAreProcessed(
      InventoryStack stack) {
    try (TopicUnderTest channel = new TopicUnderTest(stack, 3)) {
      byte[] randomBytes = new byte[64];
      new Random(42).nextBytes(randomBytes);
      randomBytes[0] = 0x07; // never the magic byte
      byte[] unknownSchemaId =
          withSchemaId(channel.frame(SampleEvents.numbered(PRODUCT, 0)), 0x7ffffff0);

      channel.send(PRODUCT, SampleEvents.numbered(PRODUCT, 1));
      RecordMetadata random = channel.sendBytes(PRODUCT, randomBytes);
      channel.send(PRODUCT, SampleEvents.numbered(PRODUCT, 2));
      RecordMetadata unknown = channel.sendBytes(PRODUCT, unknownSchemaId);
      channel.send(PRODUCT, SampleEvents.numbered(PRODUCT, 3));
      byte[] poisonFrame = channel.frame(SampleEvents.numbered(PRODUCT, POISON));
      RecordMetadata poison = channel.sendBytes(PRODUCT, poisonFrame);
      channel.send(PRODUCT, SampleEvents.numbered(PRODUCT, 4));

      Queue<Integer> processed = new ConcurrentLinkedQueue<>();
      try (InventoryEventConsumer consumer =
          channel
              .consumer()
              .on(
                  StockLevelChanged.class,
                  (event, context) -> {
                    int sequence = TopicUnderTest.sequence(event);
                    if (sequence == POISON) {
                      throw new IllegalStateException("Ledger rejected sequence " + POISON);
                    }
                    processed.add(sequence);
                  })
              .build()
              .start()) {
        channel.awaitFullyCommitted();
        assertThat(consumer.metrics()).isEqualTo(new ConsumerMetrics(4, 3, 3, 0, 0));
      }

      assertThat(processed).containsExactly(1, 2, 3, 4);
      List<ConsumerRecord<byte[], byte[]>> dead = channel.deadLetters(3);
      assertThat(dead).hasSize(3);
      assertDeadLetter(
          channel,
          dead.get(0),
          random,
          randomBytes,
          MalformedFrameException.class,
          "Record value starts with byte 0x07, not the Confluent magic byte 0x00; it was not"
              + " written by a Confluent-compatible Avro serializer (topic "
              + channel.topic
              + ", partition "
              + random.partition()
              + ", offset "
              + random.offset()
              + ")");
      assertDeadLetter(
          channel, dead.get(1), unknown, unknownSchemaId, UnknownSchemaException.class, null);
      assertThat(
              text(
                  dead.get(1)
                      .headers()
                      .lastHeader(DeadLetterPublisher.EXCEPTION_MESSAGE_HEADER)
                      .value()))
          .startsWith("Schema id 2147483632 is not in the registry");
      assertDeadLetter(
          channel,
          dead.get(2),
          poison,
          poisonFrame,
          IllegalStateException.class,
          "Ledger rejected sequence 99");
    }
  }

  private static void assertDeadLetter(
      TopicUnderTest channel,
      ConsumerRecord<byte[], byte[]> dead,
      RecordMetadata original,
      byte[] value,
      Class<?> exception,
      String message) {
    assertThat(dead.partition()).as("same partition as the source").isEqualTo(original.partition());
    assertThat(text(dead.key())).isEqualTo(PRODUCT);
    assertThat(dead.value()).isEqualTo(value);
    assertThat(header(dead, DeadLetterPublisher.ORIGINAL_TOPIC_HEADER)).isEqualTo(channel.topic);
    assertThat(header(dead, DeadLetterPublisher.ORIGINAL_PARTITION_HEADER))
        .isEqualTo(Integer.toString(original.partition()));
    assertThat(header(dead, DeadLetterPublisher.ORIGINAL_OFFSET_HEADER))
        .isEqualTo(Long.toString(original.offset()));
    assertThat(header(dead, DeadLetterPublisher.ORIGINAL_TIMESTAMP_HEADER))
        .isEqualTo(Long.toString(original.timestamp()));
    assertThat(header(dead, DeadLetterPublisher.ORIGINAL_TIMESTAMP_TYPE_HEADER))
        .isEqualTo("CreateTime");
    assertThat(header(dead, DeadLetterPublisher.EXCEPTION_CLASS_HEADER))
        .isEqualTo(exception.getName());
    if (message != null) {
      assertThat(header(dead, DeadLetterPublisher.EXCEPTION_MESSAGE_HEADER)).isEqualTo(message);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    assertThat(record.headers().headers(name)).as(name).hasSize(1);
    return text(record.headers().lastHeader(name).value());
  }

  private static byte[] withSchemaId(byte[] frame, int schemaId) {
    byte[] copy = Arrays.copyOf(frame, frame.length);
    ByteBuffer.wrap(copy, 1, 4).putInt(schemaId);
    return copy;
  }
}
