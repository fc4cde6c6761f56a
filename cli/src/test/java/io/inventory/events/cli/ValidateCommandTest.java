package io.inventory.events.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("inventory-events validate")
class ValidateCommandTest {
  private static final String EVENTS = "src/test/resources/events/";

  @Test
  @DisplayName("the seed page's event, with the eventId the contract adds, is valid: exit 0")
  void seedPageEventIsValid() {
    Cli.Run run = Cli.run("validate", EVENTS + "seed-page-event.json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo("1 events valid (StockLevelChanged 1).\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  @DisplayName(
      "a broken file: every problem of every event with its line, event and JSON path, shape and"
          + " publisher rules together: exit 1")
  void brokenFileNamesEveryProblem() {
    String file = EVENTS + "broken-events.json";

    Cli.Run run = Cli.run("validate", file);

    assertThat(run.exitCode()).isEqualTo(1);
    String first = file + ":6: event 1 (eventId 6f1c2d8e-3b7a-4c59-9d0e-2a4b6c8d0e1f): ";
    String firstAt7 = file + ":7: event 1 (eventId 6f1c2d8e-3b7a-4c59-9d0e-2a4b6c8d0e1f): ";
    assertThat(run.outLines())
        .containsExactly(
            first + "must not be negative but was -5 at $.payload.newQuantity",
            firstAt7
                + "expected one of [UNKNOWN, EACH, PACK, CASE, PALLET, KG, G, L, ML, M] but was"
                + " \"BOTTLE\" at $.payload.unitOfMeasure",
            file + ":9: event 2: required field is missing at $.eventId",
            file + ":10: event 2: must not be blank at $.payload.productId",
            file
                + ":10: event 2: has 4 decimal places but decimal(18,3) allows at most 3 (was"
                + " 95.0001) at $.payload.newQuantity",
            file + ":11: event 2: unknown field \"colour\" at $.payload.colour",
            file
                + ":13: event 3: unknown event type \"STOCK_MOVED\"; expected one of"
                + " STOCK_LEVEL_CHANGED, LOW_STOCK_ALERT, STOCK_ALLOCATED, ALLOCATION_RELEASED,"
                + " STOCK_ADJUSTED, STOCKTAKE_COUNTED at $.eventType",
            "3 of 3 events invalid.");
  }

  @Test
  @DisplayName("- reads one JSON object per line from standard input")
  void readsJsonLinesFromStandardInput() {
    String lines = Cli.run("samples", "--count", "12", "--seed", "7").out();

    Cli.Run run = Cli.runWithInput(lines, "validate", "-");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("12 events valid (");
  }

  @Test
  @DisplayName("malformed JSON is reported with its line: exit 1")
  void malformedJson() {
    Cli.Run run =
        Cli.runWithInput(
            "{\"eventType\": \"STOCK_LEVEL_CHANGED\",\n\"payload\": {", "validate", "-");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("<stdin>:2: malformed JSON: Unexpected end-of-input");
  }

  @Test
  @DisplayName("a wrong type and a bad timestamp are named with the value found")
  void wrongTypes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jsonl");
    String seed = Files.readString(Path.of(EVENTS + "seed-page-event.json")).replace("\n", "");
    Files.writeString(
        file,
        seed
            + "\n"
            + seed.replace("\"newQuantity\": 95", "\"newQuantity\": \"95\"")
                .replace("2025-06-01T10:15:30.123456", "yesterday")
            + "\n");

    Cli.Run run = Cli.run("validate", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines())
        .containsExactly(
            file
                + ":2: event 2 (eventId 6f1c2d8e-3b7a-4c59-9d0e-2a4b6c8d0e1f): expected an ISO-8601"
                + " timestamp like 2025-06-01T10:15:30.123456Z but was \"yesterday\" at"
                + " $.timestamp",
            file
                + ":2: event 2 (eventId 6f1c2d8e-3b7a-4c59-9d0e-2a4b6c8d0e1f): expected a number"
                + " but was \"95\" at $.payload.newQuantity",
            "1 of 2 events invalid.");
  }

  @Test
  @DisplayName("a file that does not exist is a usage error: exit 2")
  void missingFile() {
    Cli.Run run = Cli.run("validate", "no-such-file.json");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "inventory-events validate: no such file: no-such-file.json\n"
                + "Run 'inventory-events validate --help' for its options.\n");
  }
}
