package io.inventory.events.compatibility;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;

/**
 * Walks a released and a working version of one event type side by side, pairing records, fields,
 * union branches, enums and primitives the way Avro's resolution pairs them, and hands every pair
 * to the rule handlers. Pairing union branches by name is what lets a break inside a nullable
 * nested record be named by its field path, where Avro reports only a missing union branch. Avro's
 * own verdict is then checked for both directions: anything it rejects that no rule named becomes a
 * {@link Rule#SCHEMA_AVRO_RESOLVES} finding, so the gate never passes what Avro rejects.
 */
final class SchemaDiff {
  private final SchemaSet oldSet;
  private final SchemaSet newSet;
  private final Findings findings;
  private final Set<String> inProgress = new HashSet<>();

  private SchemaDiff(SchemaSet oldSet, SchemaSet newSet, Findings findings) {
    this.oldSet = oldSet;
    this.newSet = newSet;
    this.findings = findings;
  }

  /** All findings for one event type, released {@code old} against working {@code current}. */
  static List<Finding> compare(
      String subject, Schema old, Schema current, SchemaSet oldSet, SchemaSet newSet) {
    Findings findings = new Findings(subject);
    String file = newSet.eventFile(current.getFullName());
    new SchemaDiff(oldSet, newSet, findings)
        .compare(old, current, Location.root(current.getName(), file));

    SchemaCompatibility.SchemaPairCompatibility backward =
        SchemaCompatibility.checkReaderWriterCompatibility(current, old);
    SchemaCompatibility.SchemaPairCompatibility forward =
        SchemaCompatibility.checkReaderWriterCompatibility(old, current);
    boolean backwardOk =
        backward.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    boolean forwardOk = forward.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    Finding.Direction named = Finding.Direction.NONE;
    for (Finding finding : findings.all()) {
      if (explainsAvroBreaks(finding.rule())) {
        named = named.merge(finding.direction());
      }
    }
    if (!backwardOk && !covers(named, Finding.Direction.NEW_READS_OLD)) {
      AvroRules.schemaAvroResolves(
          findings, Finding.Direction.NEW_READS_OLD, backward, current, file);
    }
    if (!forwardOk && !covers(named, Finding.Direction.OLD_READS_NEW)) {
      AvroRules.schemaAvroResolves(findings, Finding.Direction.OLD_READS_NEW, forward, old, file);
    }
    List<Finding> result = new ArrayList<>();
    for (Finding finding : findings.all()) {
      result.add(
          finding.acceptedByAvro(
              finding.acceptedByAvro() || accepted(finding.direction(), backwardOk, forwardOk)));
    }
    return result;
  }

  // Rules that report what Avro accepts cannot stand in for a break Avro reports.
  private static boolean explainsAvroBreaks(Rule rule) {
    return rule != Rule.FIELD_SAME_LOGICAL_TYPE && rule != Rule.ENUM_DEFAULT_NO_DELETE;
  }

  private static boolean covers(Finding.Direction named, Finding.Direction needed) {
    return named == needed || named == Finding.Direction.BOTH;
  }

  private static boolean accepted(
      Finding.Direction direction, boolean backwardOk, boolean forwardOk) {
    switch (direction) {
      case OLD_READS_NEW:
        return forwardOk;
      case NEW_READS_OLD:
        return backwardOk;
      case BOTH:
        return forwardOk && backwardOk;
      default:
        return true;
    }
  }

  private void compare(Schema old, Schema current, Location at) {
    if (old.getType() == Schema.Type.UNION || current.getType() == Schema.Type.UNION) {
      compareUnion(old, current, at);
      return;
    }
    if (old.getType() != current.getType()) {
      TypeRules.fieldSameType(findings, old, current, at);
      return;
    }
    switch (old.getType()) {
      case RECORD:
        compareRecord(old, current, at);
        break;
      case ENUM:
        {
          String file = newSet.typeFile(current.getFullName(), at.ownerFile());
          NameRules.recordSameName(findings, old, current, at, file);
          EnumRules.enumSymbolNoDelete(findings, old, current, at, file);
          EnumRules.enumSymbolAddHasDefault(findings, old, current, at, file);
          EnumRules.enumDefaultNoDelete(findings, old, current, at, file);
          break;
        }
      case FIXED:
        {
          String file = newSet.typeFile(current.getFullName(), at.ownerFile());
          NameRules.recordSameName(findings, old, current, at, file);
          TypeRules.fixedSameSize(findings, old, current, at, file);
          TypeRules.fieldSameLogicalType(findings, old, current, at);
          break;
        }
      case ARRAY:
        compare(old.getElementType(), current.getElementType(), at.items());
        break;
      case MAP:
        compare(old.getValueType(), current.getValueType(), at.values());
        break;
      default:
        TypeRules.fieldSameLogicalType(findings, old, current, at);
    }
  }

  private void compareRecord(Schema old, Schema current, Location at) {
    String file =
        newSet.typeFile(current.getFullName(), oldSet.typeFile(old.getFullName(), at.ownerFile()));
    NameRules.recordSameName(findings, old, current, at, file);
    String key = old.getFullName() + "->" + current.getFullName();
    if (!inProgress.add(key)) {
      return; // a recursive type: its fields are being compared further up
    }
    Map<String, Schema.Field> unmatchedOld = new LinkedHashMap<>();
    old.getFields().forEach(field -> unmatchedOld.put(field.name(), field));
    List<Schema.Field> added = new ArrayList<>();
    for (Schema.Field field : current.getFields()) {
      Schema.Field previous = unmatchedOld.remove(field.name());
      if (previous == null) {
        for (String alias : field.aliases()) {
          previous = unmatchedOld.remove(alias);
          if (previous != null) {
            FieldRules.fieldNoRename(findings, previous, field, current, at, file);
            break;
          }
        }
      }
      if (previous == null) {
        added.add(field);
      } else {
        compare(previous.schema(), field.schema(), at.field(field.name(), current.getName(), file));
      }
    }
    List<Schema.Field> removed = new ArrayList<>(unmatchedOld.values());
    for (Schema.Field gone : new ArrayList<>(removed)) {
      Schema.Field renamed = renameOf(gone, removed, added);
      if (renamed != null) {
        removed.remove(gone);
        added.remove(renamed);
        FieldRules.fieldRenameHasAlias(findings, gone, renamed, current, at, file);
      }
    }
    removed.forEach(gone -> FieldRules.fieldNoDelete(findings, gone, current, at, file));
    added.forEach(field -> FieldRules.fieldNewHasDefault(findings, field, current, at, file));
    inProgress.remove(key);
  }

  /**
   * An added field that looks like {@code gone} under a new name: same shape, same place (or the
   * only candidates).
   */
  private static Schema.Field renameOf(
      Schema.Field gone, List<Schema.Field> removed, List<Schema.Field> added) {
    for (Schema.Field field : added) {
      if (sameShape(gone.schema(), field.schema())
          && (field.pos() == gone.pos() || (removed.size() == 1 && added.size() == 1))) {
        return field;
      }
    }
    return null;
  }

  private static boolean sameShape(Schema a, Schema b) {
    return SchemaNormalization.toParsingForm(a).equals(SchemaNormalization.toParsingForm(b))
        && Objects.equals(Types.logicalName(a), Types.logicalName(b));
  }

  private void compareUnion(Schema old, Schema current, Location at) {
    List<Schema> unmatchedNew = new ArrayList<>(branches(current));
    List<Schema> unmatchedOld = new ArrayList<>();
    for (Schema branch : branches(old)) {
      Schema match = match(branch, unmatchedNew);
      if (match == null) {
        unmatchedOld.add(branch);
      } else {
        unmatchedNew.remove(match);
        compare(branch, match, at);
      }
    }
    if (unmatchedOld.size() == 1
        && unmatchedNew.size() == 1
        && old.getType() == Schema.Type.UNION
        && current.getType() == Schema.Type.UNION) {
      compare(
          unmatchedOld.get(0),
          unmatchedNew.get(0),
          at); // one branch replaced by another: a type change
      return;
    }
    TypeRules.unionBranchNoDelete(findings, old, current, unmatchedOld, at);
    TypeRules.unionBranchNoAdd(findings, old, current, unmatchedNew, at);
  }

  private static List<Schema> branches(Schema schema) {
    return schema.getType() == Schema.Type.UNION ? schema.getTypes() : List.of(schema);
  }

  /**
   * The branch Avro would resolve {@code branch} to: same full name, else same simple name or
   * alias; same type when unnamed.
   */
  private static Schema match(Schema branch, List<Schema> candidates) {
    if (!Types.isNamed(branch)) {
      return candidates.stream()
          .filter(c -> c.getType() == branch.getType())
          .findFirst()
          .orElse(null);
    }
    for (Schema candidate : candidates) {
      if (Types.isNamed(candidate) && candidate.getFullName().equals(branch.getFullName())) {
        return candidate;
      }
    }
    for (Schema candidate : candidates) {
      if (candidate.getType() == branch.getType()
          && (candidate.getName().equals(branch.getName())
              || candidate.getAliases().contains(branch.getFullName()))) {
        return candidate;
      }
    }
    return null;
  }
}
