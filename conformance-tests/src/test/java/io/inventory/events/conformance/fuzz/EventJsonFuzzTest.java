package io.inventory.events.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.inventory.events.cli.json.EventJson;
import io.inventory.events.cli.json.EventJsonException;
import io.inventory.events.client.testing.SampleEvents;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Hostile JSON into the command line's event reader {@link EventJson} ({@code parse}, then {@code
 * read}), the codec of every event a person or another language hands the project: random text, and
 * each event's valid JSON with its text or its tree mutated. Each must read, or fail with the
 * documented {@link UncheckedIOException} (malformed JSON) or {@link EventJsonException} (does not
 * fit the schema), within its deadline.
 */
class EventJsonFuzzTest {
  private static final List<String> EVENTS =
      SampleEvents.all().stream().map(EventJson::writeLine).toList();
  private static final FuzzRun TEXT = run("EventJson: random text");
  private static final FuzzRun MUTATED_TEXT = run("EventJson: mutated event text");
  private static final FuzzRun MUTATED_TREE = run("EventJson: mutated event tree");

  @AfterContainer
  static void report() {
    for (FuzzRun run : List.of(TEXT, MUTATED_TEXT, MUTATED_TREE)) {
      System.out.println(run.summary());
      run.close();
    }
    System.out.println(
        "[fuzz] EventJson total: "
            + (TEXT.inputs() + MUTATED_TEXT.inputs() + MUTATED_TREE.inputs())
            + " inputs");
  }

  @Property(generation = GenerationMode.RANDOMIZED)
  void randomText(@ForAll("jsonish") String text) {
    TEXT.feed(text, () -> EventJson.read(EventJson.parse(text)));
  }

  @Property(generation = GenerationMode.RANDOMIZED)
  void mutatedEventText(@ForAll("events") String event, @ForAll long seed) {
    String text = JsonMutations.mutateText(event, new Random(seed));
    MUTATED_TEXT.feed(text, () -> EventJson.read(EventJson.parse(text)));
  }

  @Property(generation = GenerationMode.RANDOMIZED)
  void mutatedEventTree(@ForAll("events") String event, @ForAll long seed) {
    JsonNode tree = JsonMutations.mutateTree(EventJson.parse(event), new Random(seed));
    MUTATED_TREE.feed(tree, () -> EventJson.read(tree));
  }

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("{}[]\":,.-+eE0123456789 tfnrulase\\").ofMaxLength(200),
        Arbitraries.strings().all().ofMaxLength(100));
  }

  @Provide
  Arbitrary<String> events() {
    return Arbitraries.of(EVENTS);
  }

  private static FuzzRun run(String target) {
    return new FuzzRun(
        target,
        thrown -> thrown instanceof UncheckedIOException || thrown instanceof EventJsonException);
  }
}
