package io.inventory.events.client.consumer.internal;

import io.inventory.events.client.consumer.BackOff;
import io.inventory.events.client.consumer.DeadLetterPublisher;
import io.inventory.events.client.serde.MalformedFrameException;
import io.inventory.events.client.serde.UnknownSchemaException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop: decodes and dispatches records in partition order, keeps each partition's next
 * offset to commit, commits in batches, retries failures by pausing and seeking back, and
 * dead-letters what cannot be processed. Everything but {@link #wakeup()} runs on one thread.
 */
public final class ConsumerLoop {
  private static final Logger LOG =
      LoggerFactory.getLogger("io.inventory.events.client.InventoryEventConsumer");

  private final Consumer<byte[], byte[]> consumer;
  private final DeadLetterPublisher deadLetters;
  private final LoopSettings settings;
  private final Counters counters;
  private final AtomicBoolean closing;

  /** Next offset to commit, per owned partition: one past the last record finished with. */
  private final Map<TopicPartition, Long> processed = new HashMap<>();

  /** Last offset the broker acknowledged, per owned partition. */
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  /** The failing head record of each partition that has one. */
  private final Map<TopicPartition, Retry> retries = new HashMap<>();

  private long lastCommitNanos = System.nanoTime();

  public ConsumerLoop(
      Consumer<byte[], byte[]> consumer,
      DeadLetterPublisher deadLetters,
      LoopSettings settings,
      Counters counters,
      AtomicBoolean closing) {
    this.consumer = Objects.requireNonNull(consumer, "consumer == null");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters == null");
    this.settings = settings;
    this.counters = counters;
    this.closing = closing;
  }

  /** Interrupts a blocking poll so the loop sees {@code closing}; safe from any thread. */
  public void wakeup() {
    consumer.wakeup();
  }

  /**
   * Polls until {@code closing} is set, then commits what was processed. Does not close the Kafka
   * consumer. Errors thrown by handlers end the loop (after committing the records finished
   * before).
   */
  public void run() {
    consumer.subscribe(settings.topics(), new CommitOnRevoke());
    try {
      while (!closing.get()) {
        resumeDuePartitions();
        handleAll(poll());
        commitIfDue();
      }
    } finally {
      commitOnExit();
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
    if (settings.notRetryable().test(failure)) {
      return deadLetter(partition, record, retry, failure);
    }
    Retry current = retry != null ? retry : new Retry(record.offset(), settings.backOff().start());
    current.deliveries = delivery;
    long wait = current.execution.nextBackOff();
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

  private boolean deadLetter(
      TopicPartition partition,
      ConsumerRecord<byte[], byte[]> record,
      Retry retry,
      Exception cause) {
    try {
      deadLetters.publish(record, cause);
    } catch (Exception writeFailure) {
      return deadLetterFailed(partition, record, retry, cause, writeFailure);
    }
    counters.deadLettered.increment();
    LOG.warn(
        "Dead-lettered {} (key {}) after {} delivery(ies): {}",
        RecordContext.describe(record),
        new RecordContext(record, 0).key(),
        retry == null ? 1 : Math.max(1, retry.deliveries),
        cause.toString());
    finish(partition, record);
    return true;
  }

  /** The offset stays uncommitted and the partition paused; the write is tried again later. */
  private boolean deadLetterFailed(
      TopicPartition partition,
      ConsumerRecord<byte[], byte[]> record,
      Retry retry,
      Exception cause,
      Exception writeFailure) {
    Retry current = retry != null ? retry : new Retry(record.offset(), BackOff.none().start());
    if (current.deadLetterCause == null) {
      current.deadLetterCause = cause;
      current.deadLetterExecution = settings.deadLetterBackOff().start();
    }
    long wait = Math.max(0, current.deadLetterExecution.nextBackOff());
    LOG.error(
        "Could not dead-letter {}; its offset stays uncommitted and the partition paused, "
            + "trying again in {} ms: {}",
        RecordContext.describe(record),
        wait,
        writeFailure.toString());
    pauseAt(partition, record, current, wait);
    return false;
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
    processed.put(partition, record.offset() + 1);
  }

  private void commitIfDue() {
    long interval = settings.commitInterval().toNanos();
    if (interval > 0 && System.nanoTime() - lastCommitNanos < interval) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = uncommitted(processed.keySet());
    if (offsets.isEmpty()) {
      return;
    }
    lastCommitNanos = System.nanoTime();
    consumer.commitAsync(
        offsets,
        (done, e) -> {
          if (e == null) {
            markCommitted(done);
          } else {
            // The next commit carries the same or later offsets, so nothing is lost by not
            // retrying.
            LOG.debug(
                "Asynchronous commit of {} failed; the next commit covers it: {}",
                done,
                e.toString());
          }
        });
  }

  private Map<TopicPartition, OffsetAndMetadata> uncommitted(
      Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : partitions) {
      Long next = processed.get(partition);
      Long acknowledged = committed.get(partition);
      if (next != null && (acknowledged == null || acknowledged < next)) {
        offsets.put(partition, new OffsetAndMetadata(next));
      }
    }
    return offsets;
  }

  private void markCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach(
        (partition, offset) -> {
          if (processed.containsKey(partition)) {
            committed.merge(partition, offset.offset(), Math::max);
          }
        });
  }

  private void commitSync(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = uncommitted(partitions);
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets);
    } catch (WakeupException e) {
      consumer.commitSync(
          offsets); // a wakeup is one-shot: close() asked us to stop, not to skip this
    }
    markCommitted(offsets);
  }

  private void commitOnExit() {
    try {
      commitSync(processed.keySet());
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not commit processed offsets on shutdown; their records will be delivered "
              + "again to the next consumer of the group: {}",
          e.toString());
    }
  }

  private void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      processed.remove(partition);
      committed.remove(partition);
      retries.remove(partition);
    }
  }

  /** Commits what was processed before partitions go to another consumer. */
  private final class CommitOnRevoke implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      try {
        commitSync(partitions);
      } catch (RuntimeException e) {
        LOG.warn(
            "Could not commit {} before they were revoked; the new owner will process some "
                + "records again: {}",
            partitions,
            e.toString());
      }
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions); // already owned by someone else: committing now would fail or do harm
    }
  }
}
