package io.inventory.events.conformance.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InventoryStackExtension.class)
class GroupHandoverTest {
  private static final int EVENTS = 800;

  @Test
  void whenOneOfTwoConsumersLeavesMidStreamTheSurvivorTakesOverItsPartitionsAndNothingIsLost(
      InventoryStack stack) {
    try (TopicUnderTest channel = new TopicUnderTest(stack, 4)) {
      for (int sequence = 1; sequence <= EVENTS; sequence++) {
        String product = "PROD-" + (sequence % 16);
        channel.send(product, TopicUnderTest.numbered(product, sequence));
      }
      Queue<Processed> leaver = new ConcurrentLinkedQueue<>();
      Queue<Processed> survivor = new ConcurrentLinkedQueue<>();
      InventoryEventConsumer first = channel.consumer()
          .onWithContext(StockLevelChanged.class, (event, context) -> {
            leaver.add(Processed.of(event, context));
            Thread.sleep(5); // simulated work, so that both members share the stream for a while
          })
          .build()
          .start();
      try (InventoryEventConsumer second = channel.consumer()
          .onWithContext(StockLevelChanged.class, (event, context) -> {
            survivor.add(Processed.of(event, context));
            Thread.sleep(2);
          })
          .build()
          .start()) {
        TopicUnderTest.await("both members processed events",
            () -> leaver.size() >= 20 && survivor.size() >= 20);
        first.close();
        int survivorBeforeLeave = survivor.size();
        Set<Integer> leaverPartitions =
            leaver.stream().map(Processed::partition).collect(Collectors.toSet());

        channel.awaitFullyCommitted();

        List<Processed> afterLeave = new ArrayList<>(survivor).subList(survivorBeforeLeave, survivor.size());
        assertThat(afterLeave.stream().map(Processed::partition).collect(Collectors.toSet()))
            .as("the survivor took over the leaver's partitions")
            .containsAll(leaverPartitions);
      }

      List<Processed> all = new ArrayList<>(leaver);
      all.addAll(survivor);
      assertThat(Processed.ids(all)).as("every event processed").hasSize(EVENTS);
      assertThat(all).as("and none twice: offsets were committed before each hand-over").hasSize(EVENTS);
    }
  }
}
