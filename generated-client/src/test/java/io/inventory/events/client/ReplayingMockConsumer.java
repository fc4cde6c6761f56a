package io.inventory.events.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's {@link MockConsumer} forgets records once polled; a real partition does not, and the
 * consumer's retries depend on seeking back to a record. This one keeps a log per partition and
 * replays it from the seek position.
 */
final class ReplayingMockConsumer extends MockConsumer<byte[], byte[]> {
  private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log = new HashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> committedAtClose = new HashMap<>();

  ReplayingMockConsumer() {
    super("earliest");
  }

  /** On the first poll: assigns {@code partitions} from offset 0 and appends {@code records}. */
  void assignOnFirstPoll(
      List<TopicPartition> partitions, List<ConsumerRecord<byte[], byte[]>> records) {
    schedulePollTask(
        () -> {
          Map<TopicPartition, Long> beginning = new HashMap<>();
          partitions.forEach(partition -> beginning.put(partition, 0L));
          updateBeginningOffsets(beginning);
          rebalance(partitions);
          records.forEach(this::addRecord);
        });
  }

  @Override
  public synchronized void addRecord(ConsumerRecord<byte[], byte[]> record) {
    log.computeIfAbsent(
            new TopicPartition(record.topic(), record.partition()), p -> new ArrayList<>())
        .add(record);
    super.addRecord(record);
  }

  @Override
  public synchronized void seek(TopicPartition partition, long offset) {
    super.seek(partition, offset);
    for (ConsumerRecord<byte[], byte[]> record : log.getOrDefault(partition, List.of())) {
      if (record.offset() >= offset) {
        super.addRecord(record);
      }
    }
  }

  /** Remembers the committed offsets, which a closed MockConsumer no longer answers. */
  @Override
  public synchronized void close() {
    committedAtClose.putAll(committed(assignment()));
    super.close();
  }

  /** The committed offset of {@code partition} when the consumer was closed; -1 if none. */
  synchronized long committedAtClose(TopicPartition partition) {
    OffsetAndMetadata offset = committedAtClose.get(partition);
    return offset == null ? -1 : offset.offset();
  }
}
