package io.inventory.events.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three consumers of one group joining and leaving it over and over while events are published:
 * every rebalance commits before partitions move, so nothing is lost.
 */
@ExtendWith(InventoryStackExtension.class)
@DisplayName("Three consumers joining and leaving the group repeatedly")
class GroupChurnTest {
  private static final int SLOTS = 3;

  @Test
  @DisplayName("lose no event while the group rebalances again and again")
  void churningGroupLosesNothing(InventoryStack stack) throws Exception {
    FaultProfile profile = FaultProfile.current();
    int events = profile.groupChurnEvents;
    EventLedger ledger = new EventLedger();
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<Throwable> failures = new ArrayList<>();
    InventoryEventConsumer[] slots = new InventoryEventConsumer[SLOTS];
    int joins = 0;
    int leaves = 0;
    try (FaultChannel channel = new FaultChannel(stack, 6, true);
        InventoryEventPublisher publisher = channel.publisher().build()) {
      slots[0] = channel.consumer(ledger).build().start();
      joins++;
      int step = events / profile.groupChurnSteps;
      for (int s = 0; s < profile.groupChurnSteps; s++) {
        int from = s * step;
        CompletableFuture<List<Throwable>> batch =
            CompletableFuture.supplyAsync(
                () -> FaultChannel.publishAll(publisher, ledger, from, from + step));
        int before = ledger.distinctReceived();
        Deadlines.await(
            "the group makes progress before the next change",
            FaultProfile.deadlineFor(step),
            () -> ledger.distinctReceived() > before,
            () -> ledger.figures().toString());
        // one change per step: a consumer leaves (close commits) or one joins; never none left
        boolean leave = running(slots) == SLOTS || (running(slots) > 1 && random.nextBoolean());
        int slot = pick(slots, random, leave);
        if (leave) {
          slots[slot].close(Duration.ofSeconds(30));
          slots[slot] = null;
          leaves++;
        } else {
          slots[slot] = channel.consumer(ledger).build().start();
          joins++;
        }
        failures.addAll(
            batch.get(FaultProfile.deadlineFor(step).toMillis(), TimeUnit.MILLISECONDS));
      }
      ledger.awaitAllReceived(FaultProfile.deadlineFor(events));
      EventLedger.Figures figures =
          ledger.report(
              "3 consumers joining and leaving",
              joins + " joins, " + leaves + " leaves (seed " + seed + ")");

      assertThat(failures).as("publish failures").isEmpty();
      assertThat(figures.sent()).isEqualTo((long) step * profile.groupChurnSteps);
      assertThat(figures.lost()).as("lost").isZero();
      assertThat(figures.unexpected()).isZero();
      assertThat(joins + leaves).isEqualTo(profile.groupChurnSteps + 1);
    } finally {
      for (InventoryEventConsumer consumer : slots) {
        if (consumer != null) consumer.close();
      }
    }
  }

  /** A random occupied slot when {@code occupied}, else a random empty one. */
  private static int pick(InventoryEventConsumer[] slots, Random random, boolean occupied) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < slots.length; i++) {
      if ((slots[i] != null) == occupied) candidates.add(i);
    }
    return candidates.get(random.nextInt(candidates.size()));
  }

  private static int running(InventoryEventConsumer[] slots) {
    int count = 0;
    for (InventoryEventConsumer consumer : slots) {
      if (consumer != null) count++;
    }
    return count;
  }
}
