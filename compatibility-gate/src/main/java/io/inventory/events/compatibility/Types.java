package io.inventory.events.compatibility;

import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/** Small helpers over Avro schemas: plain-words names and Avro's own reader/writer verdict. */
final class Types {
  private Types() {}

  /**
   * For example {@code int}, {@code long (timestamp-micros)}, {@code union [null, BatchInfo]},
   * {@code array<string>}.
   */
  static String describe(Schema schema) {
    switch (schema.getType()) {
      case UNION:
        return "union ["
            + schema.getTypes().stream().map(Types::describe).collect(Collectors.joining(", "))
            + "]";
      case RECORD:
      case ENUM:
        return schema.getName();
      case FIXED:
        return schema.getName() + logicalSuffix(schema);
      case ARRAY:
        return "array<" + describe(schema.getElementType()) + ">";
      case MAP:
        return "map<" + describe(schema.getValueType()) + ">";
      default:
        return schema.getType().getName() + logicalSuffix(schema);
    }
  }

  private static String logicalSuffix(Schema schema) {
    String logical = logicalName(schema);
    return logical == null ? "" : " (" + logical + ")";
  }

  /**
   * The logical type with its parameters, for example {@code decimal(18,3)}; null when there is
   * none.
   */
  static String logicalName(Schema schema) {
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal) {
      LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) logical;
      return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
    }
    if (logical != null) {
      return logical.getName();
    }
    // Avro drops logical types it does not know (or whose parameters are invalid); the attribute is
    // still a contract.
    return schema.getProp("logicalType");
  }

  /**
   * Avro's verdict: can a reader with schema {@code reader} decode data written with {@code
   * writer}?
   */
  static boolean canRead(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
  }

  static boolean isNamed(Schema schema) {
    return schema.getType() == Schema.Type.RECORD
        || schema.getType() == Schema.Type.ENUM
        || schema.getType() == Schema.Type.FIXED;
  }
}
