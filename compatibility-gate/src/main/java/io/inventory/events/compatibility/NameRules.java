package io.inventory.events.compatibility;

import org.apache.avro.Schema;

/**
 * Handler for {@link Rule#RECORD_SAME_NAME} inside an event type (event types themselves: {@link
 * EventTypeRules}).
 */
final class NameRules {
  private NameRules() {}

  /**
   * Avro matches named types by simple name or by an alias the reader declares; a namespace-only
   * change of a nested type resolves on the wire and is not reported.
   */
  static void recordSameName(
      Findings findings, Schema old, Schema current, Location at, String file) {
    if (at.field() == null || old.getName().equals(current.getName())) {
      return;
    }
    boolean newReadsOld = current.getAliases().contains(old.getFullName());
    boolean oldReadsNew = old.getAliases().contains(current.getFullName());
    Finding.Direction direction =
        !newReadsOld && !oldReadsNew
            ? Finding.Direction.BOTH
            : newReadsOld ? Finding.Direction.OLD_READS_NEW : Finding.Direction.NEW_READS_OLD;
    String kind = current.getType().getName();
    findings.report(
        Rule.RECORD_SAME_NAME,
        direction,
        file,
        at.path(),
        kind
            + " \""
            + old.getName()
            + "\" was renamed to \""
            + current.getName()
            + "\" ("
            + at.describe()
            + "); "
            + direction.consequence()
            + ".",
        "Keep the name \""
            + old.getName()
            + "\": an alias lets new consumers read old events, but old consumers still reject the"
            + " new name.");
  }
}
