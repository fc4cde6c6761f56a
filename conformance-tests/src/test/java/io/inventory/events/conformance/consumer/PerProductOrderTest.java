package io.inventory.events.conformance.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InventoryStackExtension.class)
class PerProductOrderTest {
  private static final int PRODUCTS = 8;
  private static final int EVENTS_PER_PRODUCT = 25;

  /** Every 5th event fails its first attempt, every 10th its first two. */
  private static int failuresOf(int sequence) {
    return sequence % 10 == 0 ? 2 : sequence % 5 == 0 ? 1 : 0;
  }

  @Test
  void eachProductIsProcessedInOrderWhileSomeOfItsEventsAreRetried(InventoryStack stack) {
    try (TopicUnderTest channel = new TopicUnderTest(stack, 4)) {
      for (int sequence = 1; sequence <= EVENTS_PER_PRODUCT; sequence++) {
        for (int product = 0; product < PRODUCTS; product++) {
          channel.send("PROD-" + product, SampleEvents.numbered("PROD-" + product, sequence));
        }
      }
      Queue<String> attempts = new ConcurrentLinkedQueue<>();
      Queue<String> successes = new ConcurrentLinkedQueue<>();
      Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();

      try (InventoryEventConsumer consumer =
          channel
              .consumer()
              .on(
                  StockLevelChanged.class,
                  (event, context) -> {
                    String id =
                        event.getPayload().getProductId() + "#" + TopicUnderTest.sequence(event);
                    attempts.add(id);
                    int sequence = TopicUnderTest.sequence(event);
                    if (failed.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement()
                        < failuresOf(sequence)) {
                      throw new IllegalStateException("Transient failure of " + id);
                    }
                    successes.add(id);
                  })
              .build()
              .start()) {
        channel.awaitFullyCommitted();
        int expectedRetries =
            PRODUCTS
                * IntStream.rangeClosed(1, EVENTS_PER_PRODUCT)
                    .map(PerProductOrderTest::failuresOf)
                    .sum();
        assertThat(consumer.metrics().retried()).isEqualTo(expectedRetries);
        assertThat(consumer.metrics().processed()).isEqualTo(PRODUCTS * EVENTS_PER_PRODUCT);
      }

      List<Integer> inOrder = IntStream.rangeClosed(1, EVENTS_PER_PRODUCT).boxed().toList();
      for (int product = 0; product < PRODUCTS; product++) {
        String prefix = "PROD-" + product + "#";
        assertThat(sequences(successes, prefix)).as("successes of " + prefix).isEqualTo(inOrder);
        List<Integer> tried = sequences(attempts, prefix);
        assertThat(tried).as("attempts of " + prefix + " never overtake a failed event").isSorted();
        assertThat(tried)
            .hasSize(
                EVENTS_PER_PRODUCT
                    + IntStream.rangeClosed(1, EVENTS_PER_PRODUCT)
                        .map(PerProductOrderTest::failuresOf)
                        .sum());
      }
      assertThat(channel.deadLetterCount()).isZero();
    }
  }

  private static List<Integer> sequences(Queue<String> log, String prefix) {
    return new ArrayList<>(log)
        .stream()
            .filter(id -> id.startsWith(prefix))
            .map(id -> Integer.parseInt(id.substring(prefix.length())))
            .collect(Collectors.toList());
  }
}
