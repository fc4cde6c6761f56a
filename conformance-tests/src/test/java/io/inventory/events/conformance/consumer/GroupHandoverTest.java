package io.inventory.events.conformance.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InventoryStackExtension.class)
class GroupHandoverTest {
  private static final int EVENTS = 2_000;
  private static final Duration NEVER = Duration.ofHours(1);

  @Test
  void whenOneOfTwoConsumersLeavesMidStreamTheSurvivorTakesOverItsPartitionsAndNothingIsLost(
      InventoryStack stack) {
    try (TopicUnderTest channel = new TopicUnderTest(stack, 4)) {
      List<String> products = channel.productsSpreadEvenly(4);
      for (int sequence = 1; sequence <= EVENTS; sequence++) {
        String product = products.get(sequence % products.size());
        channel.send(product, SampleEvents.numbered(product, sequence));
      }
      Queue<Processed> leaver = new ConcurrentLinkedQueue<>();
      Queue<Processed> survivor = new ConcurrentLinkedQueue<>();
      // No periodic commits: only the commits before a revocation and on close can prevent
      // duplicates. Small polls, so a member rejoins a rebalance within a few records.
      InventoryEventConsumer first =
          channel
              .consumer()
              .commitInterval(NEVER)
              .property("max.poll.records", 20)
              .on(
                  StockLevelChanged.class,
                  (event, context) -> {
                    leaver.add(Processed.of(event, context));
                    Thread.sleep(
                        5); // simulated work, so that both members share the stream for a while
                  })
              .build()
              .start();
      TopicUnderTest.await("the first member processed events", () -> leaver.size() >= 20);
      try (InventoryEventConsumer second =
          channel
              .consumer()
              .commitInterval(NEVER)
              .property("max.poll.records", 20)
              .on(
                  StockLevelChanged.class,
                  (event, context) -> {
                    survivor.add(Processed.of(event, context));
                    Thread.sleep(2);
                  })
              .build()
              .start()) {
        TopicUnderTest.await("the second member processed events", () -> survivor.size() >= 20);
        int leaverAfterSplit = leaver.size(); // from here on, the leaver owns only its share
        TopicUnderTest.await(
            "the first member processed events after the split",
            () -> leaver.size() >= leaverAfterSplit + 20);
        first.close();
        int survivorBeforeLeave = survivor.size();
        Set<Integer> handedOver = unfinished(channel, leaver, survivor);
        handedOver.retainAll(
            partitionsOf(new ArrayList<>(leaver).subList(leaverAfterSplit, leaver.size())));
        assertThat(handedOver).as("the leaver left unfinished partitions behind").isNotEmpty();

        TopicUnderTest.await(
            "every event processed",
            () -> Processed.ids(leaver).size() + Processed.ids(survivor).size() >= EVENTS);

        assertThat(
                partitionsOf(
                    new ArrayList<>(survivor).subList(survivorBeforeLeave, survivor.size())))
            .as("the survivor took over the leaver's unfinished partitions")
            .containsAll(handedOver);
      }
      channel.awaitFullyCommitted();

      List<Processed> all = new ArrayList<>(leaver);
      all.addAll(survivor);
      assertThat(Processed.ids(all)).as("every event processed").hasSize(EVENTS);
      assertThat(all)
          .as("and none twice: offsets were committed before each hand-over")
          .hasSize(EVENTS);
    }
  }

  /** Partitions with records beyond the last one either member processed. */
  private static Set<Integer> unfinished(
      TopicUnderTest channel, Queue<Processed> a, Queue<Processed> b) {
    Map<Integer, Long> next = new HashMap<>();
    for (Queue<Processed> member : List.of(a, b)) {
      member.forEach(record -> next.merge(record.partition(), record.offset() + 1, Math::max));
    }
    Set<Integer> unfinished = new HashSet<>();
    channel
        .endOffsets(channel.topic)
        .forEach(
            (partition, end) -> {
              if (next.getOrDefault(partition, 0L) < end) {
                unfinished.add(partition);
              }
            });
    return unfinished;
  }

  private static Set<Integer> partitionsOf(List<Processed> records) {
    return records.stream().map(Processed::partition).collect(Collectors.toSet());
  }
}
