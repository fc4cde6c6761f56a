package io.inventory.events.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {
  @Test
  void namesTheOriginalRecordAndTheError() {
    Headers headers =
        KafkaDeadLetterPublisher.headersFor(
            record(new RecordHeaders().add("event-type", "STOCK_ADJUSTED".getBytes(UTF_8))),
            new IllegalStateException("ledger closed", new IOException("disk")));

    assertThat(asMap(headers))
        .containsExactly(
            Map.entry("event-type", "STOCK_ADJUSTED"),
            Map.entry("dlt-original-topic", "inventory.dev.events"),
            Map.entry("dlt-original-partition", "2"),
            Map.entry("dlt-original-offset", "42"),
            Map.entry("dlt-original-timestamp", "1767225600000"),
            Map.entry("dlt-original-timestamp-type", "CreateTime"),
            Map.entry("dlt-exception-class", "java.lang.IllegalStateException"),
            Map.entry("dlt-exception-message", "ledger closed"),
            Map.entry("dlt-exception-root-cause-class", "java.io.IOException"));
  }

  @Test
  void deadLetteringAgainReplacesTheHeadersInsteadOfAppending() {
    Headers first =
        KafkaDeadLetterPublisher.headersFor(
            record(new RecordHeaders()), new IllegalStateException("first failure"));
    Headers second =
        KafkaDeadLetterPublisher.headersFor(
            record(first), new IllegalArgumentException("second failure"));

    assertThat(second.toArray()).hasSize(DeadLetterPublisher.HEADERS.size());
    for (String name : DeadLetterPublisher.HEADERS) {
      assertThat(second.headers(name)).as(name).hasSize(1);
    }
    assertThat(value(second, DeadLetterPublisher.EXCEPTION_MESSAGE_HEADER))
        .isEqualTo("second failure");
  }

  @Test
  void longMessagesAreCutAndMissingOnesAreEmpty() {
    Headers cut =
        KafkaDeadLetterPublisher.headersFor(
            record(new RecordHeaders()), new RuntimeException("x".repeat(10_000)));
    Headers empty =
        KafkaDeadLetterPublisher.headersFor(record(new RecordHeaders()), new RuntimeException());

    assertThat(value(cut, DeadLetterPublisher.EXCEPTION_MESSAGE_HEADER)).hasSize(4_000);
    assertThat(value(empty, DeadLetterPublisher.EXCEPTION_MESSAGE_HEADER)).isEmpty();
  }

  @Test
  void deadLetterTopicIsTheSourceTopicWithDltSuffix() {
    assertThat(DeadLetterPublisher.topicFor("inventory.prod.events"))
        .isEqualTo("inventory.prod.events.dlt");
  }

  private static ConsumerRecord<byte[], byte[]> record(Headers headers) {
    return new ConsumerRecord<>(
        "inventory.dev.events",
        2,
        42L,
        1767225600000L,
        TimestampType.CREATE_TIME,
        7,
        5,
        "PROD-1".getBytes(UTF_8),
        new byte[] {1, 2, 3, 4, 5},
        headers,
        Optional.empty());
  }

  private static Map<String, String> asMap(Headers headers) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Header header : headers) {
      map.put(header.key(), new String(header.value(), UTF_8));
    }
    return map;
  }

  private static String value(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), UTF_8);
  }
}
