package io.inventory.events.cli;

import io.inventory.events.cli.EventInput.LocatedEvent;
import io.inventory.events.cli.json.EventJson;
import io.inventory.events.cli.json.EventJsonException;
import io.inventory.events.cli.json.JsonProblem;
import io.inventory.events.client.Environment;
import io.inventory.events.client.InvalidEventException;
import io.inventory.events.client.InventoryEventPublisher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Checks JSON events exactly as publishing them would: first their shape ({@link EventJson}), then
 * the contract's rules, by handing each event to a real {@link InventoryEventPublisher} over
 * Kafka's {@code MockProducer}, so the rules stay the client's and are never copied here. Every
 * problem is reported as {@code events.json:7: event 2 (eventId ...): must not be negative but was
 * -5 at $.payload.newQuantity}. Not thread-safe.
 */
final class EventCheck implements AutoCloseable {
  /** The client's violations end with {@code " at $.path"}. */
  private static final Pattern VIOLATION = Pattern.compile("^(.*) at (\\$\\S*)$");

  private final MockProducer<String, SpecificRecord> producer =
      new MockProducer<>(true, null, new StringSerializer(), (topic, event) -> new byte[0]);
  private final InventoryEventPublisher publisher =
      InventoryEventPublisher.builder()
          .environment(Environment.DEV)
          .kafkaProducer(config -> producer)
          .build();

  /** The events that passed, in input order, and one line per problem of those that did not. */
  record Result(List<SpecificRecord> events, List<String> errors, int invalidEvents) {
    boolean valid() {
      return errors.isEmpty();
    }
  }

  Result check(List<LocatedEvent> events, String source) {
    List<SpecificRecord> valid = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int invalid = 0;
    for (LocatedEvent located : events) {
      SpecificRecord event = null;
      List<JsonProblem> problems;
      try {
        event = EventJson.read(located.json());
        problems = violations(event);
      } catch (EventJsonException e) {
        problems = shapeThenRules(e);
      }
      if (problems.isEmpty()) {
        valid.add(event);
        continue;
      }
      invalid++;
      problems.stream()
          .sorted(Comparator.comparingInt(problem -> located.lineOf(problem.path())))
          .forEach(
              problem ->
                  errors.add(
                      source
                          + ":"
                          + located.lineOf(problem.path())
                          + ": "
                          + located.name()
                          + ": "
                          + problem));
    }
    return new Result(valid, errors, invalid);
  }

  /**
   * The shape's problems, then the publisher's; on an event whose shape is broken the publisher
   * still judges what could be read, but says nothing more about a value the shape already named.
   */
  private List<JsonProblem> shapeThenRules(EventJsonException shape) {
    List<JsonProblem> problems = new ArrayList<>(shape.problems());
    shape.partialEvent().map(this::violations).orElse(List.of()).stream()
        .filter(v -> problems.stream().noneMatch(p -> v.path().startsWith(p.path())))
        .forEach(problems::add);
    return problems;
  }

  private List<JsonProblem> violations(SpecificRecord event) {
    try {
      publisher.publish(event);
      producer.clear();
      return List.of();
    } catch (InvalidEventException e) {
      return e.violations().stream().map(EventCheck::problem).toList();
    } catch (RuntimeException incomplete) {
      return List.of(); // a partial event the publisher cannot even key; the shape said why
    }
  }

  private static JsonProblem problem(String violation) {
    Matcher matcher = VIOLATION.matcher(violation);
    return matcher.matches()
        ? new JsonProblem(matcher.group(1), matcher.group(2))
        : new JsonProblem(violation, "$");
  }

  @Override
  public void close() {
    publisher.close();
  }
}
