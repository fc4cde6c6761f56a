package io.inventory.events.client.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's {@link MockConsumer} made to behave like a partition log for the consumer loop: it
 * assigns every partition of the subscribed topic at once, serves each partition from its own log
 * so that a seek back (the loop's retry) delivers the records again in order, remembers commits
 * after it is closed, and lets an idle poll wait (up to its timeout, or until a record arrives or a
 * wakeup) instead of spinning.
 */
final class DriverConsumer extends MockConsumer<byte[], byte[]> {
  private final int partitions;
  private final Object arrivals = new Object();
  private long arrived; // guarded by arrivals: lets an idle poll see a record that came meanwhile
  private final CountDownLatch subscribed = new CountDownLatch(1);
  private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log = new HashMap<>();
  private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
  private volatile String topic;

  DriverConsumer(int partitions) {
    super("earliest");
    this.partitions = partitions;
  }

  @Override
  public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
    super.subscribe(topics, listener);
    String subscribedTopic = topics.iterator().next();
    List<TopicPartition> assigned = new ArrayList<>();
    Map<TopicPartition, Long> beginning = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      TopicPartition partition = new TopicPartition(subscribedTopic, p);
      assigned.add(partition);
      beginning.put(partition, 0L);
    }
    updateBeginningOffsets(beginning);
    rebalance(assigned);
    topic = subscribedTopic;
    subscribed.countDown();
  }

  /** The subscribed topic, once the loop has subscribed; {@code null} before. */
  String topic() {
    return topic;
  }

  CountDownLatch subscribed() {
    return subscribed;
  }

  /** Appends {@code record} to its partition's log; the next poll from its position finds it. */
  void append(ConsumerRecord<byte[], byte[]> record) {
    synchronized (this) {
      log.computeIfAbsent(
              new TopicPartition(record.topic(), record.partition()), p -> new ArrayList<>())
          .add(record);
    }
    signal();
  }

  /** How many records partition {@code partition} holds: the offset the next one gets. */
  synchronized long endOffset(TopicPartition partition) {
    return log.getOrDefault(partition, List.of()).size();
  }

  /**
   * Hands the mock, in offset order, every logged record from each readable partition's position,
   * then polls it: a seek back (the loop's retry) is then read again from the log, exactly as from
   * a broker. MockConsumer drops what it returns, so nothing is handed over twice.
   */
  @Override
  public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
    long before;
    synchronized (arrivals) {
      before = arrived;
    }
    ConsumerRecords<byte[], byte[]> records;
    synchronized (this) {
      Set<TopicPartition> paused = paused();
      for (TopicPartition partition : assignment()) {
        if (!paused.contains(partition)) {
          long position = position(partition);
          for (ConsumerRecord<byte[], byte[]> record : log.getOrDefault(partition, List.of())) {
            if (record.offset() >= position) {
              super.addRecord(record);
            }
          }
        }
      }
      records = super.poll(Duration.ZERO);
    }
    if (records.isEmpty() && !timeout.isZero()) {
      synchronized (arrivals) {
        try {
          if (arrived == before) {
            arrivals.wait(Math.max(1, timeout.toMillis()));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    return records;
  }

  @Override
  public void wakeup() {
    super.wakeup();
    signal();
  }

  private void signal() {
    synchronized (arrivals) {
      arrived++;
      arrivals.notifyAll();
    }
  }

  @Override
  public synchronized void commitAsync(
      Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
    super.commitAsync(offsets, callback);
    remember(offsets);
  }

  @Override
  public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
    super.commitSync(offsets);
    remember(offsets);
  }

  @Override
  public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
    commitSync(offsets);
  }

  /** Committed offsets (the next offset to read) per partition, also after the consumer closed. */
  Map<TopicPartition, Long> committedOffsets() {
    return Map.copyOf(committed);
  }

  private void remember(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((partition, offset) -> committed.merge(partition, offset.offset(), Math::max));
  }
}
