package io.inventory.events.client.serde;

import java.util.Objects;

/**
 * An event whose type this build of the client has no class for: a newer producer published an
 * event type added after this release.
 *
 * <p>{@link InventoryEventDeserializer} returns it instead of failing, so an older consumer can
 * skip the event (and count it) rather than crash or dead-letter it. It keeps the writer's record
 * name and schema id, so a log line can say exactly what was skipped. Immutable and thread-safe.
 *
 * @param recordName full name of the writer's record, for example {@code
 *     io.inventory.events.avro.StockMoved}
 * @param schemaId the schema registry id the event was written with
 */
public record UnknownEvent(String recordName, int schemaId) {
  public UnknownEvent {
    Objects.requireNonNull(recordName, "recordName == null");
  }

  @Override
  public String toString() {
    return "UnknownEvent{" + recordName + ", schema id " + schemaId + "}";
  }
}
