package io.inventory.events.cli.json;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * A JSON event does not fit the channel's shape: a missing or unknown field, a value of the wrong
 * type, an unknown enum symbol or event type. It carries every problem found in the event, not just
 * the first, each with its JSON path; the message joins them with {@code "; "}.
 */
public final class EventJsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<JsonProblem> problems;
  private final transient SpecificRecord partialEvent;

  EventJsonException(List<JsonProblem> problems, SpecificRecord partialEvent) {
    super(problems.stream().map(JsonProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
    this.partialEvent = partialEvent;
  }

  /**
   * What could be read, with {@code null} wherever a value was missing or did not fit; empty when
   * not even the event type was known. For finding further problems in one pass (the publisher's
   * rules), never for publishing.
   */
  public Optional<SpecificRecord> partialEvent() {
    return Optional.ofNullable(partialEvent);
  }

  /** Every problem, in the order of the event's fields. */
  public List<JsonProblem> problems() {
    return problems;
  }
}
