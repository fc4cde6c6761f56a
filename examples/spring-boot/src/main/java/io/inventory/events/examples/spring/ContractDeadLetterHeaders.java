package io.inventory.events.examples.spring;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.inventory.events.client.DeadLetterPublisher;
import io.inventory.events.client.serde.MalformedFrameException;
import io.inventory.events.client.serde.UnknownSchemaException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.TimestampedException;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * The contract's {@code dlt-*} headers for Spring's {@code DeadLetterPublishingRecoverer}, in place
 * of Spring's binary {@code kafka_dlt-*} ones, with the values the client's own consumer writes:
 * the failure is the one the handler or the contract's deserializer threw, not Spring's wrapper
 * around it, and an undecodable record's exception names its partition and offset.
 */
final class ContractDeadLetterHeaders {
  private static final int MAX_MESSAGE_LENGTH = 4_000;

  private ContractDeadLetterHeaders() {}

  static Headers of(ConsumerRecord<?, ?> record, Exception exception) {
    Throwable failure = failure(record, exception);
    RecordHeaders headers = new RecordHeaders();
    add(headers, DeadLetterPublisher.ORIGINAL_TOPIC_HEADER, record.topic());
    add(
        headers,
        DeadLetterPublisher.ORIGINAL_PARTITION_HEADER,
        Integer.toString(record.partition()));
    add(headers, DeadLetterPublisher.ORIGINAL_OFFSET_HEADER, Long.toString(record.offset()));
    add(headers, DeadLetterPublisher.ORIGINAL_TIMESTAMP_HEADER, Long.toString(record.timestamp()));
    add(
        headers,
        DeadLetterPublisher.ORIGINAL_TIMESTAMP_TYPE_HEADER,
        record.timestampType().toString());
    add(headers, DeadLetterPublisher.EXCEPTION_CLASS_HEADER, failure.getClass().getName());
    add(headers, DeadLetterPublisher.EXCEPTION_MESSAGE_HEADER, message(failure));
    add(
        headers,
        DeadLetterPublisher.EXCEPTION_ROOT_CAUSE_CLASS_HEADER,
        rootCause(failure).getClass().getName());
    return headers;
  }

  /** What the listener or the deserializer threw, without the container's wrappers. */
  static Throwable failure(ConsumerRecord<?, ?> record, Throwable exception) {
    Throwable failure = exception;
    while ((failure instanceof ListenerExecutionFailedException
            || failure instanceof TimestampedException
            || failure instanceof DeserializationException)
        && failure.getCause() != null) {
      failure = failure.getCause();
    }
    if (failure instanceof MalformedFrameException malformed) {
      return malformed.withLocation(record.partition(), record.offset());
    }
    if (failure instanceof UnknownSchemaException unknown) {
      return unknown.withLocation(record.partition(), record.offset());
    }
    return failure;
  }

  private static void add(Headers headers, String key, String value) {
    headers.add(key, value.getBytes(UTF_8));
  }

  private static String message(Throwable failure) {
    String message = failure.getMessage();
    if (message == null) {
      return "";
    }
    return message.length() <= MAX_MESSAGE_LENGTH
        ? message
        : message.substring(0, MAX_MESSAGE_LENGTH);
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
