package io.inventory.events.compatibility;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Handler for {@link Rule#SCHEMA_AVRO_RESOLVES}: Avro's own verdict, for what no other rule names.
 */
final class AvroRules {
  private AvroRules() {}

  static void schemaAvroResolves(
      Findings findings,
      Finding.Direction direction,
      SchemaCompatibility.SchemaPairCompatibility verdict,
      Schema reader,
      String file) {
    List<SchemaCompatibility.Incompatibility> incompatibilities =
        verdict.getResult().getIncompatibilities();
    List<String> reasons = new ArrayList<>();
    String path = "";
    for (SchemaCompatibility.Incompatibility incompatibility : incompatibilities) {
      String at = fieldPath(reader, incompatibility.getLocation());
      if (path.isEmpty()) {
        path = at;
      }
      reasons.add(
          incompatibility.getType()
              + " at "
              + (at.isEmpty() ? "the record" : "\"" + at + "\"")
              + " ("
              + incompatibility.getMessage()
              + ")");
    }
    findings.report(
        Rule.SCHEMA_AVRO_RESOLVES,
        direction,
        file,
        path,
        "Avro's own check rejected the change: "
            + String.join("; ", reasons)
            + "; "
            + direction.consequence()
            + ".",
        "Revert the change, or approve the break in schemas/releases/approved-breaks.yaml after"
            + " review.");
  }

  /**
   * Turns Avro's JSON pointer into the reader schema ({@code /fields/4/type/fields/2/type}) into
   * {@code payload.unitOfMeasure}.
   */
  static String fieldPath(Schema reader, String pointer) {
    StringBuilder path = new StringBuilder();
    Schema schema = reader;
    String[] tokens = pointer == null ? new String[0] : pointer.split("/");
    for (int i = 0; i < tokens.length && schema != null; i++) {
      String token = tokens[i];
      if (token.isEmpty() || token.equals("type")) {
        continue;
      }
      if (token.equals("fields")
          && i + 1 < tokens.length
          && schema.getType() == Schema.Type.RECORD) {
        Schema.Field field = schema.getFields().get(Integer.parseInt(tokens[++i]));
        path.append(path.length() == 0 ? "" : ".").append(field.name());
        schema = field.schema();
      } else if (token.equals("items") && schema.getType() == Schema.Type.ARRAY) {
        path.append("[]");
        schema = schema.getElementType();
      } else if (token.equals("values") && schema.getType() == Schema.Type.MAP) {
        path.append("{}");
        schema = schema.getValueType();
      } else if (token.chars().allMatch(Character::isDigit)
          && schema.getType() == Schema.Type.UNION) {
        schema = schema.getTypes().get(Integer.parseInt(token));
      } else {
        break;
      }
    }
    return path.toString();
  }
}
