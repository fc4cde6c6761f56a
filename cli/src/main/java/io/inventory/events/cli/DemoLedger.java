package io.inventory.events.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the demo published and what its consumer handled, per product, so that the summary can count
 * events per type and prove per-product order. Only this run's events count: a topic that already
 * held events (an external stack) does not disturb the tally. Thread-safe.
 */
final class DemoLedger {
  private final Map<String, List<UUID>> published = new LinkedHashMap<>();
  private final Map<String, Set<UUID>> handled = new LinkedHashMap<>();
  private final Map<UUID, String> typeOf = new LinkedHashMap<>();
  private int handledCount;

  synchronized void published(SpecificRecord event) {
    UUID id = eventId(event);
    published.computeIfAbsent(productId(event), p -> new ArrayList<>()).add(id);
    typeOf.put(id, event.getSchema().getName());
  }

  /** Records a handled event; true when it is one of this run's, seen for the first time. */
  synchronized boolean handled(SpecificRecord event) {
    UUID id = eventId(event);
    if (!typeOf.containsKey(id)) {
      return false;
    }
    boolean first = handled.computeIfAbsent(productId(event), p -> new LinkedHashSet<>()).add(id);
    if (first) {
      handledCount++;
    }
    return first;
  }

  synchronized int publishedCount() {
    return typeOf.size();
  }

  synchronized int handledCount() {
    return handledCount;
  }

  synchronized int products() {
    return published.size();
  }

  /** Handled events per type, alphabetically: {@code LowStockAlert 12, StockAdjusted 9, ...}. */
  synchronized String handledPerType() {
    Map<String, Integer> counts = new TreeMap<>();
    handled
        .values()
        .forEach(ids -> ids.forEach(id -> counts.merge(typeOf.get(id), 1, Integer::sum)));
    List<String> parts = new ArrayList<>();
    counts.forEach((type, count) -> parts.add(type + " " + count));
    return String.join(", ", parts);
  }

  /** The products whose events were handled in another order than published (first arrivals). */
  synchronized List<String> productsOutOfOrder() {
    List<String> out = new ArrayList<>();
    published.forEach(
        (product, ids) -> {
          if (!ids.equals(new ArrayList<>(handled.getOrDefault(product, Set.of())))) {
            out.add(product);
          }
        });
    return out;
  }

  static UUID eventId(SpecificRecord event) {
    return (UUID) field(event, "eventId");
  }

  static String productId(SpecificRecord event) {
    return field((IndexedRecord) field(event, "payload"), "productId").toString();
  }

  static Object field(IndexedRecord record, String name) {
    return record.get(record.getSchema().getField(name).pos());
  }
}
