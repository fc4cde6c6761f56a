package io.inventory.events.cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads one JSON object into a generated record, driven by the record's schema, and collects every
 * problem instead of stopping at the first. Values take the Java types the generated classes hold:
 * {@code BigDecimal} for decimals (exactly as written), {@code LocalDate}, {@code Instant}, {@code
 * UUID}, generated enums and nested records.
 */
final class JsonToRecord {
  private final SpecificData data;
  private final List<JsonProblem> problems = new ArrayList<>();

  private JsonToRecord(SpecificData data) {
    this.data = data;
  }

  static IndexedRecord read(JsonNode json, Schema schema, SpecificData data) {
    JsonToRecord reader = new JsonToRecord(data);
    Object record = reader.value(json, schema, "$");
    if (!reader.problems.isEmpty()) {
      throw new EventJsonException(
          reader.problems, record instanceof SpecificRecord partial ? partial : null);
    }
    return (IndexedRecord) record;
  }

  private Object value(JsonNode json, Schema schema, String path) {
    switch (schema.getType()) {
      case RECORD:
        return record(json, schema, path);
      case UNION:
        return union(json, schema, path);
      case ENUM:
        return enumSymbol(json, schema, path);
      case STRING:
        return string(json, schema, path);
      case INT:
        return integer(json, schema, path);
      case LONG:
        return longValue(json, schema, path);
      case BYTES:
        return decimal(json, schema, path);
      case BOOLEAN:
        return json.isBoolean() ? json.booleanValue() : mismatch("a boolean", json, path);
      case DOUBLE:
        return json.isNumber() ? json.doubleValue() : mismatch("a number", json, path);
      case NULL:
        return json.isNull() ? null : mismatch("null", json, path);
      default:
        return problem("has Avro type " + schema.getType() + ", which has no JSON form", path);
    }
  }

  private Object record(JsonNode json, Schema schema, String path) {
    if (!json.isObject()) {
      return mismatch("an object", json, path);
    }
    IndexedRecord record = (IndexedRecord) data.newRecord(null, schema);
    for (Schema.Field field : schema.getFields()) {
      JsonNode value = json.get(field.name());
      String fieldPath = path + "." + field.name();
      if (value != null) {
        record.put(field.pos(), value(value, field.schema(), fieldPath));
      } else if (field.hasDefaultValue()) {
        record.put(field.pos(), defaultValue(field));
      } else {
        problem("required field is missing", fieldPath);
      }
    }
    json.fieldNames()
        .forEachRemaining(
            name -> {
              if (schema.getField(name) == null) {
                problem("unknown field \"" + name + "\"", path + "." + name);
              }
            });
    return record;
  }

  private Object defaultValue(Schema.Field field) {
    Object value = data.getDefaultValue(field);
    return value instanceof CharSequence ? value.toString() : value;
  }

  private Object union(JsonNode json, Schema union, String path) {
    if (json.isNull() && union.isNullable()) {
      return null;
    }
    List<Schema> branches =
        union.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
    if (branches.size() == 1) {
      return value(json, branches.get(0), path);
    }
    for (Schema branch : branches) {
      JsonToRecord attempt = new JsonToRecord(data);
      Object value = attempt.value(json, branch, path);
      if (attempt.problems.isEmpty()) {
        return value;
      }
    }
    return problem("fits no branch of " + union, path);
  }

  private Object enumSymbol(JsonNode json, Schema schema, String path) {
    if (!json.isTextual()) {
      return mismatch("a string", json, path);
    }
    if (!schema.getEnumSymbols().contains(json.textValue())) {
      return problem(
          "expected one of " + schema.getEnumSymbols() + " but was \"" + json.textValue() + "\"",
          path);
    }
    return data.createEnum(json.textValue(), schema);
  }

  private Object string(JsonNode json, Schema schema, String path) {
    if (!json.isTextual()) {
      return mismatch("a string", json, path);
    }
    if (schema.getLogicalType() == null || !"uuid".equals(schema.getLogicalType().getName())) {
      return json.textValue();
    }
    try {
      return UUID.fromString(json.textValue());
    } catch (IllegalArgumentException e) {
      return problem(
          "expected a UUID like 6f1c2d8e-3b7a-4c59-9d0e-2a4b6c8d0e1f but was " + json, path);
    }
  }

  private Object integer(JsonNode json, Schema schema, String path) {
    if (!(schema.getLogicalType() instanceof LogicalTypes.Date)) {
      return json.canConvertToInt() && json.isIntegralNumber()
          ? json.intValue()
          : mismatch("an int", json, path);
    }
    if (!json.isTextual()) {
      return mismatch("a date like 2025-12-31", json, path);
    }
    try {
      return LocalDate.parse(json.textValue());
    } catch (DateTimeParseException e) {
      return mismatch("a date like 2025-12-31", json, path);
    }
  }

  private Object longValue(JsonNode json, Schema schema, String path) {
    LogicalType logical = schema.getLogicalType();
    boolean micros = logical instanceof LogicalTypes.TimestampMicros;
    if (!micros && !(logical instanceof LogicalTypes.TimestampMillis)) {
      return json.canConvertToLong() && json.isIntegralNumber()
          ? json.longValue()
          : mismatch("a long", json, path);
    }
    Instant instant = json.isTextual() ? EventJson.parseInstant(json.textValue()) : null;
    if (instant == null) {
      return mismatch("an ISO-8601 timestamp like 2025-06-01T10:15:30.123456Z", json, path);
    }
    long finest = micros ? 1_000 : 1_000_000;
    if (instant.getNano() % finest != 0) {
      return problem(
          "has more precision than the schema's "
              + (micros ? "microseconds" : "milliseconds")
              + " (was "
              + json.textValue()
              + ")",
          path);
    }
    return instant;
  }

  private Object decimal(JsonNode json, Schema schema, String path) {
    if (!(schema.getLogicalType() instanceof LogicalTypes.Decimal)) {
      return problem("is plain bytes, which have no JSON form in this contract", path);
    }
    // as written: the publisher rescales losslessly when it serializes, and its rule on decimal
    // places then names the value the user wrote
    return json.isNumber() ? json.decimalValue() : mismatch("a number", json, path);
  }

  private Object mismatch(String expected, JsonNode json, String path) {
    return problem("expected " + expected + " but was " + json, path);
  }

  private Object problem(String message, String path) {
    problems.add(new JsonProblem(message, path));
    return null;
  }
}
