package io.inventory.events.compatibility;

/**
 * Where the walk is inside one event type: the dotted field path, the field and the record that
 * declares it, and that record's file; {@code wrapper} says whether the type sits in an array or
 * map.
 */
record Location(String path, String field, String owner, String ownerFile, String wrapper) {

  static Location root(String recordName, String file) {
    return new Location("", null, recordName, file, "");
  }

  Location field(String fieldName, String ownerRecord, String file) {
    return new Location(
        path.isEmpty() ? fieldName : path + "." + fieldName, fieldName, ownerRecord, file, "");
  }

  Location items() {
    return wrapped("[]", "items of ");
  }

  Location values() {
    return wrapped("{}", "values of ");
  }

  private Location wrapped(String pathSuffix, String part) {
    return new Location(
        path + pathSuffix, field, owner, ownerFile, (wrapper.isEmpty() ? "the " : wrapper) + part);
  }

  /**
   * For example {@code field "quantity" in "StockAdjustedPayload"} or {@code record
   * "StockAdjusted"}.
   */
  String describe() {
    return field == null
        ? wrapper + "record \"" + owner + "\""
        : wrapper + "field \"" + field + "\" in \"" + owner + "\"";
  }

  /** The path of a child field that is not declared on this location's type, e.g. a removed one. */
  String child(String fieldName) {
    return path.isEmpty() ? fieldName : path + "." + fieldName;
  }
}
