package io.inventory.events.conformance.consumer;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.EventContext;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** One successful handler call: which event, from where. */
record Processed(String eventId, int partition, long offset) {
  static Processed of(StockLevelChanged event, EventContext context) {
    return new Processed(event.getEventId().toString(), context.partition(), context.offset());
  }

  /** {@code partition offset eventId}, one line of a crash-safe log. */
  String line() {
    return partition + " " + offset + " " + eventId;
  }

  static Processed parse(String line) {
    String[] parts = line.split(" ");
    return new Processed(parts[2], Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
  }

  static Set<String> ids(Collection<Processed> processed) {
    Set<String> ids = new HashSet<>();
    processed.forEach(record -> ids.add(record.eventId()));
    return ids;
  }
}
