package io.inventory.events.compatibility;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.util.SchemaResolver;

/**
 * One {@code .avsc} file as {@link SchemaSetReader} indexes it before resolving names: the named
 * types it defines and the names it uses that it does not define itself, or why it did not parse.
 *
 * @param relative the path below the set's directory, for example {@code events/StockAdjusted.avsc}
 * @param text the file's content; null when it could not be read
 * @param error Avro's or the file system's message when the file did not parse; null when it did
 */
record SchemaFile(
    Path path, String relative, String text, Set<String> defines, Set<String> uses, String error) {

  static SchemaFile parsed(
      Path path, String relative, String text, Set<String> defines, Schema unresolved) {
    Set<String> uses = new LinkedHashSet<>();
    collectUses(unresolved, defines, uses, new HashSet<>());
    uses.removeAll(defines); // a forward reference inside the file itself
    return new SchemaFile(path, relative, text, defines, uses, null);
  }

  static SchemaFile failed(Path path, String relative, String text, String error) {
    return new SchemaFile(path, relative, text, Set.of(), Set.of(), error);
  }

  boolean parsed() {
    return error == null;
  }

  /** The file name without {@code .avsc}, for example {@code StockAdjusted}. */
  String baseName() {
    return path.getFileName().toString().replace(".avsc", "");
  }

  /**
   * Walks the file's own types; a name the parser could not resolve yet and a type defined by an
   * earlier file are both uses, and the walk stops there.
   */
  private static void collectUses(
      Schema schema, Set<String> defines, Set<String> uses, Set<String> walked) {
    if (SchemaResolver.isUnresolvedSchema(schema)) {
      uses.add(SchemaResolver.getUnresolvedSchemaName(schema));
      return;
    }
    switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> {
        if (!defines.contains(schema.getFullName())) {
          uses.add(schema.getFullName());
        } else if (walked.add(schema.getFullName()) && schema.getType() == Schema.Type.RECORD) {
          schema.getFields().forEach(f -> collectUses(f.schema(), defines, uses, walked));
        }
      }
      case UNION -> schema.getTypes().forEach(t -> collectUses(t, defines, uses, walked));
      case ARRAY -> collectUses(schema.getElementType(), defines, uses, walked);
      case MAP -> collectUses(schema.getValueType(), defines, uses, walked);
      default -> {}
    }
  }
}
