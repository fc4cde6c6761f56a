package io.inventory.events.compatibility;

/**
 * The checks the gate runs, each with an ID in {@code SUBJECT_CONSTRAINT} form and a one-line
 * purpose; {@code CompatibilityGate --list-rules} prints them. Rules marked {@link #beyondAvro()}
 * find what {@code org.apache.avro.SchemaCompatibility} (and so every Confluent-API registry)
 * accepts although data is lost or misread, or what lives outside one schema (event types, the
 * AsyncAPI document). The enum is immutable and thread-safe; IDs are API and are never renamed.
 */
public enum Rule {
  SCHEMA_PARSES(
      false,
      "Checks that every schema file parses as Avro and that every type name it uses is defined"
          + " by some file of the set, in any order."),
  RECORD_SAME_NAME(
      false,
      "Checks that a record, enum or fixed type keeps its name, and an event type its full name"
          + " (its subject)."),
  FIELD_NO_DELETE(
      false, "Checks that a field is removed only if its released declaration has a default."),
  FIELD_NEW_HAS_DEFAULT(
      false, "Checks that a new field has a default, so new consumers can read old events."),
  FIELD_RENAME_HAS_ALIAS(false, "Checks that a renamed field lists its old name in its aliases."),
  FIELD_NO_RENAME(
      false,
      "Checks that a field is renamed only if its released declaration has a default (aliases help"
          + " new consumers only)."),
  FIELD_SAME_TYPE(
      false,
      "Checks that a field's type stays the same or changes only by a promotion Avro resolves both"
          + " ways."),
  FIELD_SAME_LOGICAL_TYPE(
      true,
      "Checks that a field keeps its logical type, decimal precision and scale, which Avro's check"
          + " ignores."),
  UNION_BRANCH_NO_ADD(
      false, "Checks that a union gains no branch that old consumers cannot resolve."),
  UNION_BRANCH_NO_DELETE(
      false, "Checks that a union loses no branch that old events may still carry."),
  FIXED_SAME_SIZE(false, "Checks that a fixed type keeps its size."),
  ENUM_SYMBOL_NO_DELETE(
      true,
      "Checks that no enum symbol is removed, even when the enum's default would hide the loss."),
  ENUM_SYMBOL_ADD_HAS_DEFAULT(
      false,
      "Checks that symbols are added only to enums whose released version declares a default."),
  ENUM_DEFAULT_NO_DELETE(
      true,
      "Checks that an enum keeps its default symbol, so consumers of every version can read"
          + " symbols added later (a policy: events written today read either way)."),
  SCHEMA_AVRO_RESOLVES(
      false,
      "Checks that Avro's own reader/writer check accepts the change both ways (names what no other"
          + " rule does)."),
  EVENT_TYPE_NO_DELETE(true, "Checks that no released event type disappears from schemas/events."),
  EVENT_TYPE_NEW_IS_SKIPPED(
      true,
      "Checks that a new event type is noted: old consumers skip it through the unknown-event path"
          + " (not a break)."),
  MESSAGE_HAS_SCHEMA(
      true,
      "Checks that every AsyncAPI message's payload points to an event schema in schemas/events."),
  SCHEMA_HAS_MESSAGE(
      true,
      "Checks that every event schema in schemas/events has a message in the AsyncAPI document."),
  CHANNEL_SAME_ADDRESS(true, "Checks that every released channel keeps its address."),
  CHANNEL_PARAMETER_NO_DELETE(
      true,
      "Checks that no released channel parameter or allowed value (such as env prod) is removed."),
  MESSAGE_SAME_KEY(true, "Checks that every released message keeps its Kafka key binding."),
  REGISTRY_ACCEPTS(
      false,
      "Checks that the live registry's own compatibility endpoint accepts the working schema."),
  APPROVAL_MATCHES_FINDING(
      true,
      "Checks that every approved break still matches a finding, so approvals do not outlive their"
          + " change.");

  private final boolean beyondAvro;
  private final String purpose;

  Rule(boolean beyondAvro, String purpose) {
    this.beyondAvro = beyondAvro;
    this.purpose = purpose;
  }

  /** The rule's ID, for example {@code FIELD_NO_DELETE}; the same as {@link #name()}. */
  public String id() {
    return name();
  }

  /** One line starting "Checks that ...". */
  public String purpose() {
    return purpose;
  }

  /**
   * True when Avro's {@code SchemaCompatibility}, and so a registry, does not report what this rule
   * finds.
   */
  public boolean beyondAvro() {
    return beyondAvro;
  }
}
