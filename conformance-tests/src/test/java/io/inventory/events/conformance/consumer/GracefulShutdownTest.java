package io.inventory.events.conformance.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InventoryStackExtension.class)
class GracefulShutdownTest {
  private static final int EVENTS = 600;

  @Test
  void closeMidStreamCommitsExactlyWhatWasProcessedAndARestartLosesAndRepeatsNothing(
      InventoryStack stack) {
    try (TopicUnderTest channel = new TopicUnderTest(stack, 3)) {
      for (int sequence = 1; sequence <= EVENTS; sequence++) {
        String product = "PROD-" + (sequence % 10);
        channel.send(product, SampleEvents.numbered(product, sequence));
      }
      Queue<Processed> first = new ConcurrentLinkedQueue<>();
      InventoryEventConsumer consumer =
          channel
              .consumer()
              .commitInterval(Duration.ofHours(1)) // so only close() can commit what was processed
              .on(
                  StockLevelChanged.class,
                  (event, context) -> {
                    first.add(Processed.of(event, context));
                    Thread.sleep(3); // simulated work, so that close() lands mid-stream
                  })
              .build()
              .start();
      TopicUnderTest.await("the first consumer processed 100 events", () -> first.size() >= 100);
      consumer.close();
      consumer.close(); // idempotent

      assertThat(first.size()).as("closed mid-stream").isLessThan(EVENTS);
      assertThat(channel.committed())
          .as("committed offsets: one past the last processed record")
          .isEqualTo(nextOffsets(first));

      Queue<Processed> second = new ConcurrentLinkedQueue<>();
      try (InventoryEventConsumer restarted =
          channel
              .consumer()
              .on(
                  StockLevelChanged.class,
                  (event, context) -> second.add(Processed.of(event, context)))
              .build()
              .start()) {
        channel.awaitFullyCommitted();
      }

      Set<String> firstIds = Processed.ids(first);
      Set<String> secondIds = Processed.ids(second);
      assertThat(firstIds).hasSize(first.size());
      assertThat(secondIds).hasSize(second.size()).doesNotContainAnyElementsOf(firstIds);
      assertThat(firstIds.size() + secondIds.size()).isEqualTo(EVENTS);
    }
  }

  private static Map<Integer, Long> nextOffsets(Queue<Processed> processed) {
    Map<Integer, Long> next = new HashMap<>();
    for (Processed record : processed) {
      next.merge(record.partition(), record.offset() + 1, Math::max);
    }
    return next;
  }
}
