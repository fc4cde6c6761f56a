package io.inventory.events.client.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Checks an event against the rules of the contract that Avro itself does not enforce, and lists
 * every violation, each ending with the field's path ({@code at $.payload.newQuantity}).
 *
 * <p>The rules come from the schema, so a new event type needs no code here: every non-nullable
 * field is present; a required string or id is not blank; a top-level {@code eventType} equals its
 * schema default (the record's constant); a decimal fits its precision and scale without rounding;
 * and a field's {@code "constraint"} property holds: {@code non-negative}, {@code positive} or
 * {@code non-zero}. Thread-safe; the rules of each schema are derived once and cached.
 */
public final class EventValidator {
  private static final String EVENT_TYPE = "eventType";

  /** The schema property, on a field, that names the sign rule of its quantity. */
  static final String CONSTRAINT = "constraint";

  private static final int MAX_CACHED_SCHEMAS = 256;
  private static final Map<Schema, FieldRule[]> RULES = new ConcurrentHashMap<>();

  private EventValidator() {}

  /** Every violation in {@code event}, in field order; empty when it is valid. */
  public static List<String> violations(IndexedRecord event) {
    Found found = new Found();
    checkRecord(event, Path.ROOT, found);
    checkEventType(event, found);
    return found.list();
  }

  private static void checkRecord(IndexedRecord record, Path path, Found found) {
    for (FieldRule rule : rulesOf(record.getSchema())) {
      check(record.get(rule.position()), rule, path, found);
    }
  }

  /** Each record schema's rules, worked out once: events of one type share one schema instance. */
  private static FieldRule[] rulesOf(Schema schema) {
    FieldRule[] rules = RULES.get(schema);
    if (rules == null) {
      rules = FieldRule.of(schema);
      if (RULES.size() < MAX_CACHED_SCHEMAS) {
        RULES.putIfAbsent(schema, rules);
      }
    }
    return rules;
  }

  // Paths and messages are built only for a violation: a valid event allocates next to nothing,
  // which matters because every published event passes through here.
  private static void check(Object value, FieldRule rule, Path parent, Found found) {
    if (value == null) {
      if (!rule.nullable()) {
        found.add("must not be null at " + parent.child(rule.name()));
      }
      return;
    }
    Schema type = rule.type();
    if (type == null) {
      return;
    }
    if (type.getType() == Schema.Type.RECORD && value instanceof IndexedRecord) {
      checkRecord((IndexedRecord) value, parent.descend(rule.name()), found);
    } else if (rule.requiredString()
        && value instanceof CharSequence
        && isBlank((CharSequence) value)) {
      found.add("must not be blank at " + parent.child(rule.name()));
    } else if (value instanceof BigDecimal) {
      checkDecimal(
          (BigDecimal) value, type.getLogicalType(), rule.constraint(), parent, rule.name(), found);
    }
  }

  /**
   * What is checked of one field: its position and name, whether it may be null, its type (the only
   * non-null branch of a union; {@code null} when there are several), whether it is a string that
   * must not be blank (not in a union), and its sign constraint.
   */
  private record FieldRule(
      int position,
      String name,
      boolean nullable,
      Schema type,
      boolean requiredString,
      String constraint) {

    static FieldRule[] of(Schema record) {
      List<Schema.Field> fields = record.getFields();
      FieldRule[] rules = new FieldRule[fields.size()];
      for (int i = 0; i < rules.length; i++) {
        Schema.Field field = fields.get(i);
        Schema type = nonNull(field.schema());
        rules[i] =
            new FieldRule(
                field.pos(),
                field.name(),
                isNullable(field.schema()),
                type,
                type != null
                    && type.getType() == Schema.Type.STRING
                    && field.schema().getType() != Schema.Type.UNION,
                field.getProp(CONSTRAINT));
      }
      return rules;
    }
  }

  private static boolean isBlank(CharSequence value) {
    return value instanceof String ? ((String) value).isBlank() : value.toString().isBlank();
  }

  private static void checkDecimal(
      BigDecimal value,
      LogicalType logicalType,
      String constraint,
      Path parent,
      String name,
      Found found) {
    if (logicalType instanceof LogicalTypes.Decimal) {
      checkFits(value, (LogicalTypes.Decimal) logicalType, parent, name, found);
    }
    if (constraint == null) {
      return;
    }
    int sign = value.signum();
    if (constraint.equals("non-negative") && sign < 0) {
      found.add(
          "must not be negative but was " + value.toPlainString() + " at " + parent.child(name));
    } else if (constraint.equals("positive") && sign <= 0) {
      found.add(
          "must be greater than zero but was "
              + value.toPlainString()
              + " at "
              + parent.child(name));
    } else if (constraint.equals("non-zero") && sign == 0) {
      found.add("must not be zero at " + parent.child(name));
    }
  }

  private static void checkFits(
      BigDecimal value, LogicalTypes.Decimal decimal, Path parent, String name, Found found) {
    BigDecimal rescaled;
    try {
      rescaled = value.setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      found.add(
          "has "
              + value.stripTrailingZeros().scale()
              + " decimal places but "
              + typeName(decimal)
              + " allows at most "
              + decimal.getScale()
              + " (was "
              + value.toPlainString()
              + ") at "
              + parent.child(name));
      return;
    }
    if (rescaled.precision() > decimal.getPrecision()) {
      found.add(
          "has "
              + rescaled.precision()
              + " digits at scale "
              + decimal.getScale()
              + " but "
              + typeName(decimal)
              + " allows at most "
              + decimal.getPrecision()
              + " (was "
              + value.toPlainString()
              + ") at "
              + parent.child(name));
    }
  }

  private static String typeName(LogicalTypes.Decimal decimal) {
    return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
  }

  private static void checkEventType(IndexedRecord event, Found found) {
    Schema.Field field = event.getSchema().getField(EVENT_TYPE);
    if (field == null || !(field.defaultVal() instanceof String)) {
      return;
    }
    Object actual = event.get(field.pos());
    String expected = (String) field.defaultVal();
    if (actual != null && !actual.toString().isBlank() && !expected.equals(actual.toString())) {
      found.add(
          "must be "
              + expected
              + " for "
              + event.getSchema().getName()
              + " but was "
              + actual
              + " at $."
              + EVENT_TYPE);
    }
  }

  private static boolean isNullable(Schema schema) {
    if (schema.getType() == Schema.Type.NULL) {
      return true;
    }
    if (schema.getType() != Schema.Type.UNION) {
      return false;
    }
    for (Schema branch : schema.getTypes()) {
      if (branch.getType() == Schema.Type.NULL) {
        return true;
      }
    }
    return false;
  }

  /** The schema itself, or the only non-null branch of a union; {@code null} if it has several. */
  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    Schema only = null;
    for (Schema branch : schema.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        if (only != null) {
          return null;
        }
        only = branch;
      }
    }
    return only;
  }

  /** Where a field is: {@code $}, then one node per nested record, turned into text on failure. */
  private static final class Path {
    static final Path ROOT = new Path(null, "$");

    private final Path parent;
    private final String name;

    private Path(Path parent, String name) {
      this.parent = parent;
      this.name = name;
    }

    Path descend(String field) {
      return new Path(this, field);
    }

    String child(String field) {
      return this + "." + field;
    }

    @Override
    public String toString() {
      return parent == null ? name : parent + "." + name;
    }
  }

  /** The violations found so far; no list until there is one. */
  private static final class Found {
    private List<String> found;

    void add(String violation) {
      if (found == null) {
        found = new ArrayList<>();
      }
      found.add(violation);
    }

    List<String> list() {
      return found == null ? List.of() : found;
    }
  }
}
