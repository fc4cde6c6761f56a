package io.inventory.events.client;

import io.inventory.events.client.serde.UnknownEvent;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default unknown-event handler: one INFO line per record name, then silence. */
final class UnknownEventLog implements EventHandler<UnknownEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(InventoryEventConsumer.class);

  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  @Override
  public void handle(UnknownEvent event, EventContext context) {
    if (seen.add(event.recordName())) {
      LOG.info(
          "Skipping events of type {} (schema id {}, first at {}): this client version has no"
              + " class for it; upgrade inventory-events-client to process them. Further ones are"
              + " skipped and counted silently.",
          event.recordName(),
          event.schemaId(),
          context);
    }
  }
}
