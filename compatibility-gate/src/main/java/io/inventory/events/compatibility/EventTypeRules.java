package io.inventory.events.compatibility;

import org.apache.avro.Schema;

/**
 * Handlers for rules about whole event types. Under TopicRecordNameStrategy every top-level record
 * is its own subject, {@code inventory.<env>.events-<full record name>}, so adding, removing or
 * renaming one is invisible to a registry's per-subject check: only the gate sees it.
 */
final class EventTypeRules {
  private EventTypeRules() {}

  /**
   * {@link Rule#EVENT_TYPE_NO_DELETE}; accepted by Avro: each subject is checked alone, so a
   * registry never sees a subject disappear.
   */
  static Finding eventTypeNoDelete(Schema released, String file) {
    return Finding.of(
            Rule.EVENT_TYPE_NO_DELETE,
            Finding.Direction.NEW_READS_OLD,
            released.getFullName(),
            file,
            "",
            describe(released)
                + " was removed; consumers that handle it stop receiving it, and new consumers"
                + " treat the old events still on the topic as unknown.",
            "Restore " + file + "; to retire an event type, stop producing it but keep its schema.")
        .acceptedByAvro(true);
  }

  /**
   * {@link Rule#RECORD_SAME_NAME} for an event type: a new full name is a new subject, with no
   * versions, which a registry accepts.
   */
  static Finding eventTypeSameName(Schema released, Schema current, String file) {
    return Finding.of(
            Rule.RECORD_SAME_NAME,
            Finding.Direction.BOTH,
            released.getFullName(),
            file,
            "",
            "event type \""
                + released.getFullName()
                + "\" was renamed to \""
                + current.getFullName()
                + "\"; under TopicRecordNameStrategy that is another subject, so old consumers skip"
                + " the new events as unknown and new consumers cannot read the old ones.",
            "Keep the full name \""
                + released.getFullName()
                + "\"; to move, add a new event type and keep producing the old one until its"
                + " consumers have moved.")
        .acceptedByAvro(true);
  }

  /** {@link Rule#EVENT_TYPE_NEW_IS_SKIPPED}: a note, not a break. */
  static Finding eventTypeNewIsSkipped(Schema current, String file) {
    return Finding.of(
        Rule.EVENT_TYPE_NEW_IS_SKIPPED,
        Finding.Direction.NONE,
        current.getFullName(),
        file,
        "",
        describe(current)
            + " was added and is in no release yet; consumers built on a release skip its events"
            + " through the unknown-event path (UnknownEvent), which is not a break.",
        "Give it a message in asyncapi.yaml and release it with"
            + " compatibility-gate/release-schemas.sh VERSION.");
  }

  /** For example {@code event type "StockAdjusted" (io.inventory.events.avro.StockAdjusted)}. */
  private static String describe(Schema eventType) {
    return "event type \"" + eventType.getName() + "\" (" + eventType.getFullName() + ")";
  }
}
