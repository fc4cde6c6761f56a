package io.inventory.events.conformance.faults;

import io.inventory.events.avro.StockLevelChanged;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every event of a fault test counted by {@code eventId}, from the producer's acknowledgement to
 * the handler: what was sent, what arrived and how often, and whether each product's events first
 * arrived in the order they were sent. Events are {@code SampleEvents.numbered}: their new quantity
 * is their sequence within the product. Thread-safe.
 */
final class EventLedger {
  /** Where each test appends its figures, one tab-separated line, for docs/reliability.md. */
  static final Path FIGURES = Path.of("target", "fault-figures.tsv");

  private final Set<String> sent = new HashSet<>();
  private final Map<String, Integer> deliveries = new HashMap<>();
  private final Map<String, Integer> lastFirstDelivery = new HashMap<>();
  private final List<String> orderBreaks = new ArrayList<>();
  private long totalDeliveries;

  synchronized void sent(StockLevelChanged event) {
    sent.add(event.getEventId().toString());
  }

  /** One handler call; a repeated eventId is a duplicate, a first one is checked for order. */
  synchronized void received(StockLevelChanged event) {
    String id = event.getEventId().toString();
    totalDeliveries++;
    if (deliveries.merge(id, 1, Integer::sum) > 1) {
      return;
    }
    String product = event.getPayload().getProductId().toString();
    int sequence = event.getPayload().getNewQuantity().intValue();
    Integer previous = lastFirstDelivery.put(product, sequence);
    if (previous != null && previous > sequence && orderBreaks.size() < 10) {
      orderBreaks.add(product + ": " + sequence + " arrived after " + previous);
    }
  }

  /** Received by id alone, for a handler in another process that logs only ids. */
  synchronized void received(String eventId) {
    totalDeliveries++;
    deliveries.merge(eventId, 1, Integer::sum);
  }

  synchronized int sentCount() {
    return sent.size();
  }

  synchronized int distinctReceived() {
    return deliveries.size();
  }

  /** Polls until every sent event arrived at least once, or the deadline passes. */
  void awaitAllReceived(Duration deadline) {
    Deadlines.await(
        "every sent event reached a handler",
        deadline,
        () -> figures().lost() == 0,
        () -> figures().toString());
  }

  synchronized Figures figures() {
    Set<String> missing = new HashSet<>(sent);
    missing.removeAll(deliveries.keySet());
    Set<String> unexpected = new HashSet<>(deliveries.keySet());
    unexpected.removeAll(sent);
    return new Figures(
        sent.size(),
        deliveries.size(),
        missing.size(),
        totalDeliveries - deliveries.size(),
        unexpected.size(),
        List.copyOf(orderBreaks));
  }

  /**
   * Prints the figures in the test output and appends them to {@link #FIGURES}: fault, profile,
   * sent, received, lost, duplicated, and any note.
   */
  Figures report(String fault, String note) {
    Figures figures = figures();
    String line =
        String.join(
            "\t",
            fault,
            FaultProfile.current().label(),
            Long.toString(figures.sent()),
            Long.toString(figures.received()),
            Long.toString(figures.lost()),
            Long.toString(figures.duplicated()),
            note);
    System.out.println("[fault figures] " + fault + ": " + figures + " " + note);
    try {
      Files.createDirectories(FIGURES.getParent());
      Files.writeString(
          FIGURES,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to " + FIGURES + ": " + e, e);
    }
    return figures;
  }

  /**
   * @param sent events the producer had acknowledged
   * @param received distinct events a handler processed
   * @param lost sent but never processed
   * @param duplicated handler calls beyond the first per event
   * @param unexpected processed but never acknowledged as sent
   * @param orderBreaks the first few products whose events first arrived out of send order
   */
  record Figures(
      long sent,
      long received,
      long lost,
      long duplicated,
      long unexpected,
      List<String> orderBreaks) {
    @Override
    public String toString() {
      return "sent="
          + sent
          + " received="
          + received
          + " lost="
          + lost
          + " duplicated="
          + duplicated
          + (unexpected > 0 ? " unexpected=" + unexpected : "")
          + (orderBreaks.isEmpty() ? "" : " orderBreaks=" + orderBreaks);
    }
  }
}
