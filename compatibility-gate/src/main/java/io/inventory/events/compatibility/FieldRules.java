package io.inventory.events.compatibility;

import org.apache.avro.Schema;

/** Handlers for rules about a record's fields: one method per rule. */
final class FieldRules {
  private FieldRules() {}

  /**
   * {@link Rule#FIELD_NO_DELETE}: old consumers need a value for every field they declare without a
   * default.
   */
  static void fieldNoDelete(
      Findings findings, Schema.Field removed, Schema record, Location at, String file) {
    withoutDefault(
        findings,
        Rule.FIELD_NO_DELETE,
        Finding.Direction.OLD_READS_NEW,
        removed,
        "was removed from \"" + record.getName() + "\"",
        at,
        file,
        "Restore it or give it a default.");
  }

  /**
   * {@link Rule#FIELD_NEW_HAS_DEFAULT}: new consumers need a value for the new field when reading
   * old events.
   */
  static void fieldNewHasDefault(
      Findings findings, Schema.Field added, Schema record, Location at, String file) {
    withoutDefault(
        findings,
        Rule.FIELD_NEW_HAS_DEFAULT,
        Finding.Direction.NEW_READS_OLD,
        added,
        "was added to \"" + record.getName() + "\"",
        at,
        file,
        "Give it a default (an optional field is a union [\"null\", ...] with default null).");
  }

  /** A field that was added or removed: a break only when the field has no default. */
  private static void withoutDefault(
      Findings findings,
      Rule rule,
      Finding.Direction direction,
      Schema.Field field,
      String change,
      Location at,
      String file,
      String hint) {
    if (field.hasDefaultValue()) {
      return;
    }
    findings.report(
        rule,
        direction,
        file,
        at.child(field.name()),
        "field \""
            + field.name()
            + "\" "
            + change
            + " without a default; "
            + direction.consequence()
            + ".",
        hint);
  }

  /**
   * {@link Rule#FIELD_RENAME_HAS_ALIAS}: a rename without an alias is a removal plus an addition.
   */
  static void fieldRenameHasAlias(
      Findings findings,
      Schema.Field old,
      Schema.Field renamed,
      Schema record,
      Location at,
      String file) {
    boolean newReadersBreak = !renamed.hasDefaultValue();
    boolean oldReadersBreak = !old.hasDefaultValue();
    if (!newReadersBreak && !oldReadersBreak) {
      return;
    }
    Finding.Direction direction =
        newReadersBreak && oldReadersBreak
            ? Finding.Direction.BOTH
            : newReadersBreak ? Finding.Direction.NEW_READS_OLD : Finding.Direction.OLD_READS_NEW;
    findings.report(
        Rule.FIELD_RENAME_HAS_ALIAS,
        direction,
        file,
        at.child(renamed.name()),
        renaming(old, renamed, record) + " without an alias; " + direction.consequence() + ".",
        "Keep the name \""
            + old.name()
            + "\"; a rename needs \"aliases\": [\""
            + old.name()
            + "\"] and, for old consumers, a released default on the old field.");
  }

  /**
   * {@link Rule#FIELD_NO_RENAME}: an alias is read by the schema that declares it, so only new
   * consumers see it.
   */
  static void fieldNoRename(
      Findings findings,
      Schema.Field old,
      Schema.Field renamed,
      Schema record,
      Location at,
      String file) {
    if (old.hasDefaultValue()) {
      return;
    }
    findings.report(
        Rule.FIELD_NO_RENAME,
        Finding.Direction.OLD_READS_NEW,
        file,
        at.child(renamed.name()),
        renaming(old, renamed, record)
            + " with an alias, which only new consumers read; "
            + Finding.Direction.OLD_READS_NEW.consequence()
            + ".",
        "Keep the name \"" + old.name() + "\", or add the new field next to it with a default.");
  }

  private static String renaming(Schema.Field old, Schema.Field renamed, Schema record) {
    return "field \""
        + old.name()
        + "\" in \""
        + record.getName()
        + "\" was renamed to \""
        + renamed.name()
        + "\"";
  }
}
