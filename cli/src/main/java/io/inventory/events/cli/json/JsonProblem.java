package io.inventory.events.cli.json;

import java.util.Objects;

/**
 * One way in which a JSON event does not fit its schema: what is wrong and where, as a JSON path
 * such as {@code $.payload.newQuantity}. {@link #toString()} reads {@code "expected a number but
 * was \"95\" at $.payload.newQuantity"}. Immutable.
 *
 * @param message what is wrong, in lower case, without the location
 * @param path the JSON path of the offending value (or of the object missing a field)
 */
public record JsonProblem(String message, String path) {
  public JsonProblem {
    Objects.requireNonNull(message, "message == null");
    Objects.requireNonNull(path, "path == null");
  }

  @Override
  public String toString() {
    return message + " at " + path;
  }
}
