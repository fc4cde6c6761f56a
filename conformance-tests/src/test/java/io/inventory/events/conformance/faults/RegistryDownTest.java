package io.inventory.events.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.avro.StockAdjusted;
import io.inventory.events.avro.StocktakeCounted;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.registry.RegistryUnavailableException;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry unreachable (a TCP proxy in front of it cut) after warm-up: publishing and consuming
 * go on from the serde's caches; an event type not yet used fails with a clear registry error, is
 * published again until the registry is back, and nothing is dropped. A consumer meeting a type it
 * has not cached waits for the registry (its partition paused) instead of dead-lettering it.
 */
@ExtendWith(InventoryStackExtension.class)
@DisplayName("The registry down after warm-up")
class RegistryDownTest {

  @Test
  @DisplayName(
      "keeps traffic going from cache, refuses an uncached type clearly until the registry is"
          + " back, and loses nothing")
  void trafficContinuesFromCacheWhileTheRegistryIsDown(InventoryStack stack) throws Exception {
    FaultProfile profile = FaultProfile.current();
    EventLedger ledger = new EventLedger();
    AtomicInteger stocktakes = new AtomicInteger();
    AtomicInteger adjustments = new AtomicInteger();
    List<Throwable> failures = new ArrayList<>();
    int warmUp = 600;
    int duringOutage = profile.registryOutageEvents;
    try (FaultChannel channel = new FaultChannel(stack, 3, true);
        RegistryTcpProxy proxy = new RegistryTcpProxy(stack.schemaRegistryUrl());
        InventoryEventPublisher publisher =
            channel.publisher(proxy.url(stack.schemaRegistryUrl())).build();
        InventoryEventPublisher elsewhere = channel.publisher().build(); // registry reachable
        InventoryEventConsumer consumer =
            channel
                .consumer(ledger, proxy.url(stack.schemaRegistryUrl()))
                .on(StocktakeCounted.class, (event, context) -> stocktakes.incrementAndGet())
                .on(StockAdjusted.class, (event, context) -> adjustments.incrementAndGet())
                .build()
                .start()) {
      assertThat(FaultChannel.publishAll(publisher, ledger, 0, warmUp)).isEmpty();
      ledger.awaitAllReceived(FaultProfile.deadlineFor(warmUp));

      proxy.cut();
      long cutAt = System.nanoTime();
      failures.addAll(FaultChannel.publishAll(publisher, ledger, warmUp, warmUp + duringOutage));
      ledger.awaitAllReceived(FaultProfile.deadlineFor(duringOutage));
      long consumedWhileDown = ledger.distinctReceived() - warmUp;
      // a type the consumer has not seen, from a producer that still reaches the registry
      assertThat(publishOnce(elsewhere, SampleEvents.stockAdjusted())).isNull();
      int attempts = 0;
      Throwable firstRefusal = null;
      while (System.nanoTime() - cutAt < profile.registryOutage.toNanos()) {
        Throwable refusal = publishOnce(publisher, SampleEvents.stocktakeCounted());
        assertThat(refusal).as("an uncached type while the registry is down").isNotNull();
        attempts++;
        if (firstRefusal == null) firstRefusal = refusal;
        Deadlines.pause(1_000); // the application's retry interval
      }
      long downFor = System.nanoTime() - cutAt;
      int adjustmentsWhileDown = adjustments.get();
      long retriedWhileDown = consumer.metrics().retried();
      proxy.restore();
      Throwable last;
      do {
        attempts++;
        last = publishOnce(publisher, SampleEvents.stocktakeCounted());
      } while (last != null && attempts < 600 && pauseThen());
      Deadlines.await(
          "the stocktake and the adjustment were consumed after the outage",
          Duration.ofSeconds(90),
          () -> stocktakes.get() >= 1 && adjustments.get() >= 1,
          () -> stocktakes + " stocktakes, " + adjustments + " adjustments");

      EventLedger.Figures figures =
          ledger.report(
              "registry down",
              "down "
                  + TimeUnit.NANOSECONDS.toSeconds(downFor)
                  + " s; "
                  + consumedWhileDown
                  + " events published and consumed from cache while down; uncached type"
                  + " refused "
                  + (attempts - 1)
                  + " time(s), then published; the consumer retried a type it had not"
                  + " cached "
                  + retriedWhileDown
                  + " time(s) while down and processed it after, dead-lettering nothing");

      assertThat(failures).as("cached-type publish failures while down").isEmpty();
      assertThat(consumedWhileDown).isEqualTo(duringOutage);
      assertThat(figures.lost()).as("lost").isZero();
      assertThat(figures.unexpected()).isZero();
      assertThat(last).as("the uncached type once the registry is back").isNull();
      assertThat(stocktakes).hasValue(1);
      assertThat(adjustmentsWhileDown).as("uncached type consumed while down").isZero();
      assertThat(retriedWhileDown).as("retries of the uncached type while down").isPositive();
      assertThat(adjustments).hasValue(1);
      assertThat(consumer.metrics().deadLettered()).as("dead-lettered").isZero();
      assertThat(firstRefusal)
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessageStartingWith("Schema registry at ")
          .hasMessageContaining(proxy.url(stack.schemaRegistryUrl()))
          .hasMessageContaining("did not answer")
          .hasMessageEndingWith("Check the registry URL and that the registry is up.");
    }
  }

  /** Publishes {@code event} and waits: {@code null} when acknowledged, else what went wrong. */
  private static Throwable publishOnce(InventoryEventPublisher publisher, SpecificRecord event) {
    try {
      publisher.publish(event).get(60, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException | CompletionException e) {
      return e.getCause();
    } catch (RuntimeException e) {
      return e; // the serializer threw inside send()
    } catch (Exception e) {
      throw new AssertionError("publish did not complete: " + e, e);
    }
  }

  private static boolean pauseThen() {
    Deadlines.pause(200);
    return true;
  }
}
