package io.inventory.events.cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Writes a generated record in the channel's JSON shape, driven by its schema: the inverse of
 * {@link JsonToRecord}.
 */
final class RecordToJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private RecordToJson() {}

  static JsonNode write(Object value, Schema schema) {
    if (value == null) {
      return NODES.nullNode();
    }
    switch (schema.getType()) {
      case RECORD:
        return record((IndexedRecord) value, schema);
      case UNION:
        return write(value, branch(value, schema));
      case LONG:
        return value instanceof Instant instant
            ? NODES.textNode(DateTimeFormatter.ISO_INSTANT.format(instant))
            : NODES.numberNode((Long) value);
      case INT:
        return value instanceof LocalDate date
            ? NODES.textNode(date.toString())
            : NODES.numberNode((Integer) value);
      case BYTES:
        return NODES.numberNode(EventJson.plain((BigDecimal) value));
      case BOOLEAN:
        return NODES.booleanNode((Boolean) value);
      case DOUBLE:
        return NODES.numberNode((Double) value);
      default: // STRING (UUIDs too), ENUM
        return NODES.textNode(value.toString());
    }
  }

  private static ObjectNode record(IndexedRecord record, Schema schema) {
    ObjectNode object = NODES.objectNode();
    for (Schema.Field field : schema.getFields()) {
      object.set(field.name(), write(record.get(field.pos()), field.schema()));
    }
    return object;
  }

  private static Schema branch(Object value, Schema union) {
    Schema only = null;
    for (Schema branch : union.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        if (only != null) {
          return union.getTypes().get(SpecificData.get().resolveUnion(union, value));
        }
        only = branch;
      }
    }
    return only;
  }
}
