package io.inventory.events.client;

import io.inventory.events.client.serde.MalformedFrameException;
import io.inventory.events.client.serde.UnknownSchemaException;
import io.inventory.events.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop: decodes and dispatches records in partition order, retries failures by pausing and
 * seeking back, and dead-letters what cannot be processed; {@link Commits} keeps the offsets.
 * Everything but {@link #wakeup()} runs on one thread.
 */
final class ConsumerLoop {
  private static final Logger LOG = LoggerFactory.getLogger(InventoryEventConsumer.class);

  private final Consumer<byte[], byte[]> consumer;
  private final DeadLetterPublisher deadLetters;
  private final ConsumerSettings settings;
  private final Counters counters;
  private final AtomicBoolean closing;
  private final Commits commits;

  /** The failing head record of each partition that has one. */
  private final Map<TopicPartition, Retry> retries = new HashMap<>();

  ConsumerLoop(
      Consumer<byte[], byte[]> consumer,
      DeadLetterPublisher deadLetters,
      ConsumerSettings settings,
      Counters counters,
      AtomicBoolean closing) {
    this.consumer = Objects.requireNonNull(consumer, "consumer == null");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters == null");
    this.settings = settings;
    this.counters = counters;
    this.closing = closing;
    this.commits = new Commits(consumer, settings.commitInterval());
  }

  /** Interrupts a blocking poll so the loop sees {@code closing}; safe from any thread. */
  void wakeup() {
    consumer.wakeup();
  }

  /**
   * Polls until {@code closing} is set, then commits what was processed. Does not close the Kafka
   * consumer. Errors thrown by handlers end the loop (after committing the records finished
   * before).
   */
  void run() {
    consumer.subscribe(List.of(settings.topic()), new CommitOnRevoke());
    try {
      while (!closing.get()) {
        resumeDuePartitions();
        handleAll(poll());
        commits.commitIfDue();
      }
    } finally {
      commits.commitOnExit();
    }
  }

  private ConsumerRecords<byte[], byte[]> poll() {
    try {
      return consumer.poll(pollTimeout());
    } catch (WakeupException e) {
      return ConsumerRecords.empty(); // close() woke us; the loop condition decides
    }
  }

  private Duration pollTimeout() {
    long timeout = settings.pollTimeout().toNanos();
    long now = System.nanoTime();
    for (Retry retry : retries.values()) {
      if (retry.paused) {
        timeout = Math.min(timeout, Math.max(0, retry.resumeAtNanos - now));
      }
    }
    return Duration.ofNanos(timeout);
  }

  private void handleAll(ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
        if (closing.get()) {
          return; // finish only the in-flight record; the rest stays uncommitted for the next owner
        }
        if (!handle(partition, record)) {
          break; // the partition is paused at this record; later ones come again after the seek
        }
      }
    }
  }

  /** Returns whether the partition may go on to its next record. */
  private boolean handle(TopicPartition partition, ConsumerRecord<byte[], byte[]> record) {
    Retry retry = retries.get(partition);
    if (retry != null && retry.offset != record.offset()) {
      retries.remove(partition); // stale: the partition moved on (reset or reassigned)
      retry = null;
    }
    if (retry != null && retry.awaitingDeadLetter()) {
      return deadLetter(partition, record, retry, retry.deadLetterCause);
    }
    int delivery = retry == null ? 1 : retry.deliveries + 1;
    Exception failure = attempt(record, delivery);
    if (failure == null) {
      finish(partition, record);
      return true;
    }
    return failed(partition, record, retry, failure, delivery);
  }

  private Exception attempt(ConsumerRecord<byte[], byte[]> record, int delivery) {
    try {
      Object event =
          record.value() == null
              ? null
              : settings
                  .valueDeserializer()
                  .deserialize(record.topic(), record.headers(), record.value());
      count(settings.dispatcher().dispatch(event, new RecordContext(record, delivery)));
      return null;
    } catch (MalformedFrameException e) {
      return e.withLocation(record.partition(), record.offset());
    } catch (UnknownSchemaException e) {
      return e.withLocation(record.partition(), record.offset());
    } catch (Exception e) {
      return e;
    }
  }

  private void count(Dispatcher.Outcome outcome) {
    switch (outcome) {
      case PROCESSED -> counters.processed.increment();
      case UNKNOWN -> counters.unknown.increment();
      case SKIPPED -> counters.skipped.increment();
    }
  }

  private boolean failed(
      TopicPartition partition,
      ConsumerRecord<byte[], byte[]> record,
      Retry retry,
      Exception failure,
      int delivery) {
    long wait =
        settings.notRetryable().test(failure)
            ? BackOff.STOP
            : settings.backOff().delayMillis(delivery);
    Retry current = retry != null ? retry : new Retry(record.offset());
    current.deliveries = delivery;
    if (wait == BackOff.STOP && registryUnavailable(failure)) {
      // the record is fine and the registry is not: wait for it rather than dead-letter a good
      // event
      current.registryWaits++;
      wait = settings.deadLetterBackOff().delayMillis(current.registryWaits);
    }
    if (wait != BackOff.STOP && current.registryWaits > 0 && registryUnavailable(failure)) {
      LOG.warn(
          "Still waiting for the schema registry to decode {} after {} deliveries; its partition"
              + " stays paused, trying again in {} ms: {}",
          RecordContext.describe(record),
          delivery,
          wait,
          failure.toString());
    }
    if (wait == BackOff.STOP) {
      return deadLetter(partition, record, current, failure);
    }
    counters.retried.increment();
    LOG.debug(
        "Retrying {} in {} ms after delivery {} failed: {}",
        RecordContext.describe(record),
        wait,
        delivery,
        failure.toString());
    pauseAt(partition, record, current, wait);
    return false;
  }

  /** A registry that did not answer (transient): the record may decode once it is back. */
  private static boolean registryUnavailable(Exception failure) {
    return failure instanceof SchemaRegistryException registry && registry.isTransient();
  }

  private boolean deadLetter(
      TopicPartition partition,
      ConsumerRecord<byte[], byte[]> record,
      Retry retry,
      Exception cause) {
    try {
      deadLetters.publish(record, cause);
    } catch (Exception writeFailure) {
      deadLetterFailed(partition, record, retry, cause, writeFailure);
      return false;
    }
    counters.deadLettered.increment();
    LOG.warn(
        "Dead-lettered {} (key {}) after {} delivery(ies): {}",
        RecordContext.describe(record),
        new RecordContext(record, 0).key(),
        Math.max(1, retry.deliveries),
        cause.toString());
    finish(partition, record);
    return true;
  }

  /** The offset stays uncommitted and the partition paused; the write is tried again later. */
  private void deadLetterFailed(
      TopicPartition partition,
      ConsumerRecord<byte[], byte[]> record,
      Retry retry,
      Exception cause,
      Exception writeFailure) {
    retry.deadLetterCause = cause;
    retry.failedDeadLetterWrites++;
    long wait = settings.deadLetterBackOff().delayMillis(retry.failedDeadLetterWrites);
    if (wait == BackOff.STOP) {
      // giving up must not skip the record: stop before it, leaving its offset uncommitted
      throw new KafkaException(
          "Stopped before "
              + RecordContext.describe(record)
              + ": it could not be dead-lettered after "
              + retry.failedDeadLetterWrites
              + " attempt(s) and the dead-letter back-off gave up. Nothing after it in its"
              + " partition was committed; fix the dead-letter topic and start the consumer"
              + " again. Last write failure: "
              + writeFailure,
          writeFailure);
    }
    LOG.error(
        "Could not dead-letter {}; its offset stays uncommitted and the partition paused, "
            + "trying again in {} ms: {}",
        RecordContext.describe(record),
        wait,
        writeFailure.toString());
    pauseAt(partition, record, retry, wait);
  }

  private void pauseAt(
      TopicPartition partition,
      ConsumerRecord<byte[], byte[]> record,
      Retry retry,
      long waitMillis) {
    retry.resumeAtNanos = System.nanoTime() + waitMillis * 1_000_000L;
    retry.paused = true;
    retries.put(partition, retry);
    consumer.seek(partition, record.offset());
    consumer.pause(Set.of(partition));
  }

  private void resumeDuePartitions() {
    long now = System.nanoTime();
    for (Map.Entry<TopicPartition, Retry> entry : retries.entrySet()) {
      Retry retry = entry.getValue();
      if (retry.paused && now - retry.resumeAtNanos >= 0) {
        retry.paused = false;
        consumer.resume(Set.of(entry.getKey()));
      }
    }
  }

  private void finish(TopicPartition partition, ConsumerRecord<byte[], byte[]> record) {
    retries.remove(partition);
    commits.finished(partition, record.offset() + 1);
  }

  /** Commits before partitions go to another consumer; forgets the ones it lost or gave up. */
  private final class CommitOnRevoke implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      commits.commitBeforeRevoke(partitions);
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions); // already owned by someone else: committing now would fail or do harm
    }

    private void forget(Collection<TopicPartition> partitions) {
      commits.forget(partitions);
      retries.keySet().removeAll(partitions);
    }
  }
}
