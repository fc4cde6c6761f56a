package io.inventory.events.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.cli.json.EventJson;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("inventory-events samples")
class SamplesCommandTest {
  @Test
  @DisplayName("samples are valid, parse back into the generated classes and cover every type")
  void samplesAreValidAndCoverEveryType() {
    Cli.Run samples = Cli.run("samples", "--count", "300", "--seed", "42");

    assertThat(samples.exitCode()).isZero();
    assertThat(samples.outLines()).hasSize(300);
    assertThat(
            samples.outLines().stream()
                .map(line -> (Object) EventJson.read(EventJson.parse(line)).getClass())
                .distinct())
        .containsExactlyInAnyOrderElementsOf(List.copyOf(EventJson.eventClasses()));
    Cli.Run validated = Cli.runWithInput(samples.out(), "validate", "-");
    assertThat(validated.exitCode()).as(validated.toString()).isZero();
    assertThat(validated.out()).startsWith("300 events valid (");
  }

  @Test
  @DisplayName("the same seed gives the same events; no seed gives different ones")
  void seedMakesThemRepeatable() {
    assertThat(Cli.run("samples", "--seed", "3").out())
        .isEqualTo(Cli.run("samples", "--seed", "3").out());
    assertThat(Cli.run("samples").out()).isNotEqualTo(Cli.run("samples").out());
  }

  @Test
  @DisplayName("--type takes the event type or the record name, in any case")
  void typeFilter() {
    List<String> byEventType =
        Cli.run("samples", "--type", "LOW_STOCK_ALERT", "--count", "5").outLines();
    List<String> byRecordName =
        Cli.run("samples", "--type", "lowstockalert", "--count", "5").outLines();

    assertThat(byEventType)
        .hasSize(5)
        .allMatch(line -> line.contains("\"eventType\":\"LOW_STOCK_ALERT\""));
    assertThat(byRecordName)
        .hasSize(5)
        .allMatch(line -> line.contains("\"eventType\":\"LOW_STOCK_ALERT\""));
  }

  @Test
  @DisplayName("an unknown type is a usage error listing the known ones: exit 2")
  void unknownType() {
    Cli.Run run = Cli.run("samples", "--type", "STOCK_MOVED");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "inventory-events samples: Unknown event type \"STOCK_MOVED\"; expected one of"
                + " STOCK_LEVEL_CHANGED, LOW_STOCK_ALERT, STOCK_ALLOCATED, ALLOCATION_RELEASED,"
                + " STOCK_ADJUSTED, STOCKTAKE_COUNTED.");
  }
}
