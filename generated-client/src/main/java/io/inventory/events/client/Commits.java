package io.inventory.events.client;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offsets of one poll loop: per owned partition, the next offset to commit (one past the last
 * record finished with) and the last one the broker acknowledged. Commits asynchronously in
 * batches, synchronously before partitions are revoked and on exit, never past an unfinished
 * record. Used by the poll thread only.
 */
final class Commits {
  private static final Logger LOG = LoggerFactory.getLogger(InventoryEventConsumer.class);

  private final Consumer<byte[], byte[]> consumer;
  private final long intervalNanos;
  private final Map<TopicPartition, Long> processed = new HashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private long lastCommitNanos = System.nanoTime();

  /** {@code interval} zero: commit after every poll that made progress. */
  Commits(Consumer<byte[], byte[]> consumer, Duration interval) {
    this.consumer = consumer;
    this.intervalNanos = interval.toNanos();
  }

  /** The record before {@code nextOffset} is done with: processed or dead-lettered. */
  void finished(TopicPartition partition, long nextOffset) {
    processed.put(partition, nextOffset);
  }

  /** After a poll: commits what was finished since the last commit, if the interval is over. */
  void commitIfDue() {
    if (intervalNanos > 0 && System.nanoTime() - lastCommitNanos < intervalNanos) {
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
            // The next commit carries the same or later offsets: nothing is lost by not retrying.
            LOG.debug(
                "Asynchronous commit of {} failed; the next commit covers it: {}",
                done,
                e.toString());
          }
        });
  }

  /** On exit: commits everything finished, or says that it will be delivered again. */
  void commitOnExit() {
    try {
      commitSync(processed.keySet());
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not commit processed offsets on shutdown; their records will be delivered "
              + "again to the next consumer of the group: {}",
          e.toString());
    }
  }

  /** Before partitions go to another consumer: commits what was processed of them. */
  void commitBeforeRevoke(Collection<TopicPartition> partitions) {
    try {
      commitSync(partitions);
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not commit {} before they were revoked; the new owner will process some "
              + "records again: {}",
          partitions,
          e.toString());
    }
  }

  /** Partitions this consumer no longer owns: nothing of theirs is committed any more. */
  void forget(Collection<TopicPartition> partitions) {
    processed.keySet().removeAll(partitions);
    committed.keySet().removeAll(partitions);
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
      // A wakeup is one-shot: close() asked the loop to stop, not to skip this commit.
      consumer.commitSync(offsets);
    }
    markCommitted(offsets);
  }
}
