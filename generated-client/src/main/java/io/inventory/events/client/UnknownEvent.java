package io.inventory.events.client;

import java.util.Objects;

/**
 * An event whose type this build of the client has no class for: a newer producer published an
 * event type added after this release.
 *
 * <p>The deserializer returns it instead of failing, so an older consumer can skip the event (and
 * count it) rather than crash or dead-letter it. It keeps the writer's record name and schema id,
 * so a log line can say exactly what was skipped. Instances are immutable and thread-safe.
 */
public final class UnknownEvent {
  private final String recordName;
  private final int schemaId;

  /**
   * @param recordName full name of the writer's record, for example {@code
   *     io.inventory.events.avro.StockMoved}
   * @param schemaId the registry id the record was written with
   */
  public UnknownEvent(String recordName, int schemaId) {
    this.recordName = Objects.requireNonNull(recordName, "recordName == null");
    this.schemaId = schemaId;
  }

  /** Full name of the writer's record, for example {@code io.inventory.events.avro.StockMoved}. */
  public String recordName() {
    return recordName;
  }

  /** The schema registry id the event was written with. */
  public int schemaId() {
    return schemaId;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UnknownEvent
        && ((UnknownEvent) other).recordName.equals(recordName)
        && ((UnknownEvent) other).schemaId == schemaId;
  }

  @Override
  public int hashCode() {
    return Objects.hash(recordName, schemaId);
  }

  @Override
  public String toString() {
    return "UnknownEvent{" + recordName + ", schema id " + schemaId + "}";
  }
}
