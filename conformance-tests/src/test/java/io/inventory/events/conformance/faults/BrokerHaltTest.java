package io.inventory.events.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.stack.BrokerCluster;
import io.inventory.events.stack.InventoryStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A broker of a three-broker cluster (replication factor 3, {@code min.insync.replicas=2}) halted
 * with no clean shutdown and restarted while events are published and consumed.
 */
@ExtendWith(FaultStack.class)
@DisplayName("A broker halted and restarted mid-stream")
class BrokerHaltTest {
  private final InventoryStack stack;

  BrokerHaltTest(InventoryStack stack) {
    this.stack = stack;
  }

  /** A test that failed half-way must not leave the next one with a broker down. */
  @AfterEach
  void restartHaltedBrokers() {
    BrokerCluster cluster = stack.cluster();
    cluster.brokerIds().stream()
        .filter(id -> !cluster.isRunning(id))
        .forEach(cluster::restartBroker);
  }

  @Test
  @DisplayName(
      "loses no event, keeps each product's order and writes no duplicate when the leader of a"
          + " partition is halted and restarted")
  void haltedLeaderLosesNothing() throws Exception {
    FaultProfile profile = FaultProfile.current();
    int events = profile.brokerHaltEvents;
    EventLedger ledger = new EventLedger();
    BrokerCluster cluster = stack.cluster();
    List<Throwable> failures = new ArrayList<>();
    try (FaultChannel channel = new FaultChannel(stack, 6, true);
        InventoryEventPublisher publisher = channel.publisher().build();
        InventoryEventConsumer consumer = channel.consumer(ledger).build().start()) {
      int victim = leaderOfPartitionZero(channel);
      CompletableFuture<Void> publishing =
          CompletableFuture.runAsync(
              () ->
                  publishPaced(publisher, ledger, events, profile.brokerHaltPublishing, failures));

      Deadlines.await(
          "a third of the events acknowledged",
          FaultProfile.deadlineFor(events),
          () -> ledger.sentCount() >= events / 3,
          () -> ledger.sentCount() + " acknowledged");
      cluster.haltBroker(victim);
      long haltedAt = System.nanoTime();
      System.out.println("[fault] halted broker " + victim + " at " + ledger.sentCount() + " sent");
      Deadlines.await(
          "two thirds acknowledged and the halted broker fenced (5 s)",
          FaultProfile.deadlineFor(events),
          () ->
              ledger.sentCount() >= 2 * events / 3
                  && System.nanoTime() - haltedAt > Duration.ofSeconds(5).toNanos(),
          () -> ledger.sentCount() + " acknowledged");
      cluster.restartBroker(victim);
      System.out.println(
          "[fault] restarted broker " + victim + " at " + ledger.sentCount() + " sent");
      publishing.get(FaultProfile.deadlineFor(events).toMillis(), TimeUnit.MILLISECONDS);
      ledger.awaitAllReceived(FaultProfile.deadlineFor(events));

      Map<String, Integer> written = channel.writtenEventIds();
      long writtenTwice = written.values().stream().filter(count -> count > 1).count();
      EventLedger.Figures figures =
          ledger.report(
              "broker halted and restarted",
              "broker " + victim + " halted; written twice by the producer: " + writtenTwice);

      assertThat(failures).as("publish failures").isEmpty();
      assertThat(figures.sent()).isEqualTo(events);
      assertThat(figures.lost()).as("lost").isZero();
      assertThat(figures.unexpected()).isZero();
      assertThat(figures.orderBreaks()).as("products whose order broke").isEmpty();
      assertThat(written).as("records on the topic, by eventId").hasSize(events);
      assertThat(writtenTwice).as("events the producer wrote twice").isZero();
    }
  }

  /**
   * Publishes {@code events} spread over at least {@code over}, so the halt lands while events are
   * in flight; the sleep only paces, the test waits on acknowledgements.
   */
  private static void publishPaced(
      InventoryEventPublisher publisher,
      EventLedger ledger,
      int events,
      Duration over,
      List<Throwable> failures) {
    long start = System.nanoTime();
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      pending.add(FaultChannel.track(publisher, ledger, FaultChannel.event(i), failures));
      if (i % 500 == 499) {
        long due = start + over.toNanos() * (i + 1) / events;
        long ahead = due - System.nanoTime();
        if (ahead > 0) Deadlines.pause(ahead / 1_000_000);
      }
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .exceptionally(e -> null)
        .join();
  }

  private static int leaderOfPartitionZero(FaultChannel channel) throws Exception {
    TopicDescription description =
        channel
            .admin()
            .describeTopics(Set.of(channel.topic))
            .allTopicNames()
            .get(30, TimeUnit.SECONDS)
            .get(channel.topic);
    return description.partitions().get(0).leader().id();
  }
}
