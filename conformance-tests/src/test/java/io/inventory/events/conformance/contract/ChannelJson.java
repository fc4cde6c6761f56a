package io.inventory.events.conformance.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The channel's plain JSON form (the seed page's examples: ISO timestamps and dates, decimal
 * numbers, bare nullable values) to Avro generic data and back.
 *
 * <p>Avro's own JSON encoding is not this form: it wraps union values and writes timestamps as
 * numbers. Errors end with the JSON path, so a broken example says where it is broken. Public for
 * the other-language tests, which compare what Python and Node print with it.
 */
public final class ChannelJson {
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

  private ChannelJson() {}

  /** Thrown when JSON does not fit the schema; the message ends with the JSON path. */
  public static final class JsonShapeException extends RuntimeException {
    JsonShapeException(String message) {
      super(message);
    }
  }

  public static GenericRecord toAvro(JsonNode json, Schema schema) {
    return (GenericRecord) read(json, schema, "$");
  }

  public static JsonNode toJson(Object value, Schema schema) {
    return write(value, schema);
  }

  private static Object read(JsonNode json, Schema schema, String path) {
    switch (schema.getType()) {
      case RECORD:
        return readRecord(json, schema, path);
      case UNION:
        return readUnion(json, schema, path);
      case ENUM:
        return readEnum(json, schema, path);
      case STRING:
        return expectText(json, path);
      case INT:
        return readInt(json, schema, path);
      case LONG:
        return readLong(json, schema, path);
      case BYTES:
        return readBytes(json, schema, path);
      case BOOLEAN:
        return expect(json.isBoolean(), "a boolean", json, path).booleanValue();
      case DOUBLE:
        return expect(json.isNumber(), "a number", json, path).doubleValue();
      case NULL:
        expect(json.isNull(), "null", json, path);
        return null;
      default:
        throw new JsonShapeException("Unsupported Avro type " + schema.getType() + " at " + path);
    }
  }

  private static GenericRecord readRecord(JsonNode json, Schema schema, String path) {
    expect(json.isObject(), "an object", json, path);
    GenericRecord record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      String fieldPath = path + "." + field.name();
      JsonNode value = json.get(field.name());
      if (value == null) {
        if (!field.hasDefaultValue()) {
          throw new JsonShapeException("Required field is missing at " + fieldPath);
        }
        record.put(field.name(), GenericData.get().getDefaultValue(field));
        continue;
      }
      record.put(field.name(), read(value, field.schema(), fieldPath));
    }
    json.fieldNames()
        .forEachRemaining(
            name -> {
              if (schema.getField(name) == null) {
                throw new JsonShapeException(
                    "Unknown field \"" + name + "\" at " + path + "." + name);
              }
            });
    return record;
  }

  private static Object readUnion(JsonNode json, Schema union, String path) {
    if (json.isNull() && union.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL)) {
      return null;
    }
    JsonShapeException last = null;
    for (Schema branch : union.getTypes()) {
      if (branch.getType() == Schema.Type.NULL) {
        continue;
      }
      try {
        return read(json, branch, path);
      } catch (JsonShapeException e) {
        last = e;
      }
    }
    throw last != null
        ? last
        : new JsonShapeException("No branch of " + union + " fits at " + path);
  }

  private static Object readEnum(JsonNode json, Schema schema, String path) {
    String symbol = expectText(json, path);
    if (!schema.getEnumSymbols().contains(symbol)) {
      throw new JsonShapeException(
          "Expected one of " + schema.getEnumSymbols() + " but was \"" + symbol + "\" at " + path);
    }
    return new GenericData.EnumSymbol(schema, symbol);
  }

  private static Object readInt(JsonNode json, Schema schema, String path) {
    if (schema.getLogicalType() instanceof LogicalTypes.Date) {
      try {
        return (int) LocalDate.parse(expectText(json, path)).toEpochDay();
      } catch (DateTimeParseException e) {
        throw new JsonShapeException(
            "Expected a date like 2025-12-31 but was " + json + " at " + path);
      }
    }
    return expect(json.canConvertToInt(), "an int", json, path).intValue();
  }

  private static Object readLong(JsonNode json, Schema schema, String path) {
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.TimestampMicros) {
      return ChronoUnit.MICROS.between(Instant.EPOCH, instant(json, path));
    }
    if (logical instanceof LogicalTypes.TimestampMillis) {
      return instant(json, path).toEpochMilli();
    }
    return expect(json.canConvertToLong(), "a long", json, path).longValue();
  }

  private static Instant instant(JsonNode json, String path) {
    String text = expectText(json, path);
    Instant instant = parseInstant(text);
    if (instant == null) {
      throw new JsonShapeException(
          "Expected an ISO-8601 timestamp but was \"" + text + "\" at " + path);
    }
    return instant;
  }

  /**
   * An ISO instant, or a zone-less ISO date-time read as UTC (what Python's utcnow().isoformat()
   * writes, as the seed page does); {@code null} when {@code text} is neither.
   */
  static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notADateTime) {
        return null;
      }
    }
  }

  private static Object readBytes(JsonNode json, Schema schema, String path) {
    if (!(schema.getLogicalType() instanceof LogicalTypes.Decimal)) {
      throw new JsonShapeException("Plain bytes have no JSON form in this contract at " + path);
    }
    LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) schema.getLogicalType();
    BigDecimal value = expect(json.isNumber(), "a number", json, path).decimalValue();
    try {
      BigDecimal scaled = value.setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
      return DECIMALS.toBytes(scaled, schema, decimal);
    } catch (ArithmeticException e) {
      throw new JsonShapeException(
          "Expected at most "
              + decimal.getScale()
              + " decimal places but was "
              + value.toPlainString()
              + " at "
              + path);
    }
  }

  private static String expectText(JsonNode json, String path) {
    return expect(json.isTextual(), "a string", json, path).textValue();
  }

  private static JsonNode expect(boolean ok, String what, JsonNode json, String path) {
    if (!ok) {
      throw new JsonShapeException("Expected " + what + " but was " + json + " at " + path);
    }
    return json;
  }

  private static JsonNode write(Object value, Schema schema) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value == null) {
      return nodes.nullNode();
    }
    switch (schema.getType()) {
      case RECORD:
        {
          GenericRecord record = (GenericRecord) value;
          ObjectNode object = nodes.objectNode();
          for (Schema.Field field : schema.getFields()) {
            object.set(field.name(), write(record.get(field.name()), field.schema()));
          }
          return object;
        }
      case UNION:
        return write(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
      case ENUM:
      case STRING:
        return nodes.textNode(value.toString());
      case INT:
        return schema.getLogicalType() instanceof LogicalTypes.Date
            ? nodes.textNode(LocalDate.ofEpochDay((Integer) value).toString())
            : nodes.numberNode((Integer) value);
      case LONG:
        return writeLong((Long) value, schema);
      case BYTES:
        {
          LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) schema.getLogicalType();
          BigDecimal number = DECIMALS.fromBytes(((ByteBuffer) value).duplicate(), schema, decimal);
          return nodes.numberNode(number.stripTrailingZeros());
        }
      case BOOLEAN:
        return nodes.booleanNode((Boolean) value);
      case DOUBLE:
        return nodes.numberNode((Double) value);
      default:
        throw new IllegalArgumentException("Unsupported Avro type " + schema.getType());
    }
  }

  private static JsonNode writeLong(long value, Schema schema) {
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.TimestampMicros) {
      return JsonNodeFactory.instance.textNode(
          MICROS.format(Instant.EPOCH.plus(value, ChronoUnit.MICROS)));
    }
    if (logical instanceof LogicalTypes.TimestampMillis) {
      return JsonNodeFactory.instance.textNode(MICROS.format(Instant.ofEpochMilli(value)));
    }
    return JsonNodeFactory.instance.numberNode(value);
  }
}
