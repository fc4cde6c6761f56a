package io.inventory.events.conformance.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A consumer killed with SIGKILL mid-stream (its own JVM: no commit, no close, no hook) and a new
 * one of the same group: at least once, nothing lost, duplicates limited to the uncommitted batch.
 */
@ExtendWith(InventoryStackExtension.class)
class CrashRecoveryTest {
  private static final int EVENTS = 1_000;
  private static final int MAX_POLL_RECORDS = 50;

  @Test
  void
      afterACrashTheNextConsumerProcessesEverythingFromTheLastCommitAndOnlyTheUncommittedBatchTwice(
          InventoryStack stack) throws Exception {
    try (TopicUnderTest channel = new TopicUnderTest(stack, 3)) {
      Map<String, RecordMetadata> written = new HashMap<>();
      for (int sequence = 1; sequence <= EVENTS; sequence++) {
        String product = "PROD-" + (sequence % 12);
        StockLevelChanged event = SampleEvents.numbered(product, sequence);
        written.put(event.getEventId().toString(), channel.send(product, event));
      }

      Path log = Files.createTempFile(Path.of("target"), "crashed-consumer-", ".log");
      Process crashed = start(channel, log);
      try {
        TopicUnderTest.await(
            "the doomed consumer processed 300 events", () -> lines(log).size() >= 300);
      } finally {
        crashed.destroyForcibly(); // SIGKILL
        assertThat(crashed.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      List<Processed> beforeCrash = lines(log).stream().map(Processed::parse).toList();
      Map<Integer, Long> committed = channel.committed();

      assertThat(beforeCrash.size()).as("killed mid-stream").isLessThan(EVENTS);
      assertThat(Processed.ids(beforeCrash))
          .as("no commit ever passed an unprocessed record")
          .containsAll(idsBelow(written, committed));

      Queue<Processed> afterCrash = new ConcurrentLinkedQueue<>();
      try (InventoryEventConsumer recovered =
          channel
              .consumer()
              .on(
                  StockLevelChanged.class,
                  (event, context) -> afterCrash.add(Processed.of(event, context)))
              .build()
              .start()) {
        channel.awaitFullyCommitted();
      }

      Set<String> all = Processed.ids(beforeCrash);
      all.addAll(Processed.ids(afterCrash));
      assertThat(all).as("every event processed at least once").isEqualTo(written.keySet());
      Set<String> twice = Processed.ids(afterCrash);
      twice.retainAll(Processed.ids(beforeCrash));
      assertThat(twice.size())
          .as("processed twice: only the batch uncommitted at the crash")
          .isLessThanOrEqualTo(2 * MAX_POLL_RECORDS);
      assertThat(Processed.ids(afterCrash))
          .as("the new consumer started at the committed offsets")
          .isEqualTo(idsFrom(written, committed));
    }
  }

  private static Process start(TopicUnderTest channel, Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            ConsumerProcess.class.getName(),
            channel.stack.bootstrapServers(),
            channel.stack.schemaRegistryUrl(),
            channel.topic,
            channel.groupId,
            log.toString(),
            Integer.toString(MAX_POLL_RECORDS))
        .redirectErrorStream(true)
        .redirectOutput(log.resolveSibling(log.getFileName() + ".out").toFile())
        .start();
  }

  /** Complete lines only: the process may die in the middle of writing one. */
  private static List<String> lines(Path log) {
    try {
      String text = Files.readString(log);
      int end = text.lastIndexOf('\n');
      return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    } catch (IOException e) {
      throw new AssertionError("Cannot read " + log + ": " + e, e);
    }
  }

  private static Set<String> idsBelow(
      Map<String, RecordMetadata> written, Map<Integer, Long> committed) {
    return written.entrySet().stream()
        .filter(e -> e.getValue().offset() < committed.getOrDefault(e.getValue().partition(), 0L))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private static Set<String> idsFrom(
      Map<String, RecordMetadata> written, Map<Integer, Long> committed) {
    Set<String> ids = new HashSet<>(written.keySet());
    ids.removeAll(idsBelow(written, committed));
    return ids;
  }
}
