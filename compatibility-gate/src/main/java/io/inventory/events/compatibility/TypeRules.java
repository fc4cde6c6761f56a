package io.inventory.events.compatibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Handlers for rules about a field's type: kind, logical type, union branches, fixed size. */
final class TypeRules {
  private TypeRules() {}

  /**
   * {@link Rule#FIELD_SAME_TYPE}: Avro's promotions (int → long → float → double, string ↔ bytes)
   * work one way only.
   */
  static void fieldSameType(Findings findings, Schema old, Schema current, Location at) {
    boolean newReadsOld = Types.canRead(current, old);
    boolean oldReadsNew = Types.canRead(old, current);
    if (newReadsOld && oldReadsNew) {
      fieldSameLogicalType(findings, old, current, at);
      return;
    }
    Finding.Direction direction =
        !newReadsOld && !oldReadsNew
            ? Finding.Direction.BOTH
            : newReadsOld ? Finding.Direction.OLD_READS_NEW : Finding.Direction.NEW_READS_OLD;
    findings.report(
        Rule.FIELD_SAME_TYPE,
        direction,
        at.ownerFile(),
        at.path(),
        typeChange(at, old, current) + "; " + direction.consequence() + ".",
        "Keep "
            + Types.describe(old)
            + ", or add a new field of type "
            + Types.describe(current)
            + " with a default.");
  }

  /**
   * {@link Rule#FIELD_SAME_LOGICAL_TYPE}: Avro resolves the underlying type and ignores what the
   * number means.
   */
  static void fieldSameLogicalType(Findings findings, Schema old, Schema current, Location at) {
    String before = Types.logicalName(old);
    String after = Types.logicalName(current);
    if (Objects.equals(before, after) || sameValues(before, after)) {
      return;
    }
    Finding.Direction direction = Finding.Direction.BOTH;
    String consequence =
        "Avro accepts this, but old consumers misread every new value and new consumers every old"
            + " one";
    if (old.getLogicalType() instanceof LogicalTypes.Decimal
        && current.getLogicalType() instanceof LogicalTypes.Decimal) {
      LogicalTypes.Decimal was = (LogicalTypes.Decimal) old.getLogicalType();
      LogicalTypes.Decimal now = (LogicalTypes.Decimal) current.getLogicalType();
      if (was.getScale() == now.getScale()) {
        direction =
            now.getPrecision() < was.getPrecision()
                ? Finding.Direction.NEW_READS_OLD
                : Finding.Direction.OLD_READS_NEW;
        consequence =
            direction == Finding.Direction.NEW_READS_OLD
                ? "Avro accepts this, but new consumers may read old values with more digits than "
                    + after
                    + " holds"
                : "Avro accepts this, but old consumers may read new values with more digits than "
                    + before
                    + " holds";
      }
    }
    findings
        .beyondAvro()
        .report(
            Rule.FIELD_SAME_LOGICAL_TYPE,
            direction,
            at.ownerFile(),
            at.path(),
            at.describe()
                + " changed logical type from "
                + (before == null ? "none" : before)
                + " to "
                + (after == null ? "none" : after)
                + "; "
                + consequence
                + ".",
            "Keep "
                + (before == null ? "the plain " + old.getType().getName() : before)
                + ", or add a new field with the new logical type and a default.");
  }

  // A uuid is a string either way: adding or dropping the annotation changes no value.
  private static boolean sameValues(String before, String after) {
    return (before == null && "uuid".equals(after)) || ("uuid".equals(before) && after == null);
  }

  /**
   * {@link Rule#UNION_BRANCH_NO_ADD}: old consumers find no branch for a value written with the new
   * one.
   */
  static void unionBranchNoAdd(
      Findings findings, Schema old, Schema current, List<Schema> added, Location at) {
    unreadableBranches(
        findings,
        Rule.UNION_BRANCH_NO_ADD,
        Finding.Direction.OLD_READS_NEW,
        unreadableBy(old, added),
        old,
        current,
        at,
        "Keep " + Types.describe(old) + ", or add a new field with a default for the new values.");
  }

  /**
   * {@link Rule#UNION_BRANCH_NO_DELETE}: new consumers find no branch for a value written with the
   * removed one.
   */
  static void unionBranchNoDelete(
      Findings findings, Schema old, Schema current, List<Schema> removed, Location at) {
    List<Schema> unreadable = unreadableBy(current, removed);
    unreadableBranches(
        findings,
        Rule.UNION_BRANCH_NO_DELETE,
        Finding.Direction.NEW_READS_OLD,
        unreadable,
        old,
        current,
        at,
        "Keep the " + names(unreadable) + " branch in " + Types.describe(old) + ".");
  }

  private static void unreadableBranches(
      Findings findings,
      Rule rule,
      Finding.Direction direction,
      List<Schema> unreadable,
      Schema old,
      Schema current,
      Location at,
      String hint) {
    if (unreadable.isEmpty()) {
      return;
    }
    findings.report(
        rule,
        direction,
        at.ownerFile(),
        at.path(),
        typeChange(at, old, current)
            + "; "
            + direction.consequence()
            + " whose value is "
            + names(unreadable)
            + ".",
        hint);
  }

  /**
   * {@link Rule#FIXED_SAME_SIZE}: a fixed value is read as exactly its declared number of bytes.
   */
  static void fixedSameSize(
      Findings findings, Schema old, Schema current, Location at, String file) {
    if (old.getFixedSize() == current.getFixedSize()) {
      return;
    }
    findings.report(
        Rule.FIXED_SAME_SIZE,
        Finding.Direction.BOTH,
        file,
        at.path(),
        "fixed \""
            + current.getName()
            + "\" ("
            + at.describe()
            + ") changed size from "
            + old.getFixedSize()
            + " to "
            + current.getFixedSize()
            + " bytes; "
            + Finding.Direction.BOTH.consequence()
            + ".",
        "Keep " + old.getFixedSize() + " bytes, or add a new field with a new fixed type.");
  }

  /**
   * For example {@code field "quantity" in "StockAdjustedPayload" changed type from int to long}.
   */
  private static String typeChange(Location at, Schema old, Schema current) {
    return at.describe()
        + " changed type from "
        + Types.describe(old)
        + " to "
        + Types.describe(current);
  }

  private static String names(List<Schema> branches) {
    return branches.stream().map(Types::describe).collect(Collectors.joining(" or "));
  }

  /** The branches a reader of {@code reader} finds no match for. */
  private static List<Schema> unreadableBy(Schema reader, List<Schema> branches) {
    List<Schema> unreadable = new ArrayList<>();
    for (Schema branch : branches) {
      if (!Types.canRead(reader, branch)) {
        unreadable.add(branch);
      }
    }
    return unreadable;
  }
}
