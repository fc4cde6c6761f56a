package io.inventory.events.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.client.Environment;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.registry.CompatibilityLevel;
import io.inventory.events.registry.RegistrySettings;
import io.inventory.events.registry.SchemaRegistryClient;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InventoryStackExtension.class)
@DisplayName("inventory-events register, on the real Apicurio Registry")
class RegisterCommandTest {
  private static final List<String> RECORDS =
      List.of(
          "StockLevelChanged",
          "LowStockAlert",
          "StockAllocated",
          "AllocationReleased",
          "StockAdjusted",
          "StocktakeCounted");

  private final InventoryStack stack;

  RegisterCommandTest(InventoryStack stack) {
    this.stack = stack;
  }

  @Test
  @DisplayName(
      "registers every event type with its own FULL_TRANSITIVE rule; a second run changes nothing"
          + " and says so; a publisher that only looks schemas up finds them all")
  void registersIdempotentlyWithExplicitSubjectRules() throws Exception {
    Cli.Run first = Cli.run("register", "--registry", stack.schemaRegistryUrl(), "--env", "dev");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.outLines()).hasSize(7);
    for (int i = 0; i < RECORDS.size(); i++) {
      assertThat(first.outLines().get(i))
          .matches(
              "inventory\\.dev\\.events-io\\.inventory\\.events\\.avro\\."
                  + RECORDS.get(i)
                  + ": registered as id \\d+; compatibility set to FULL_TRANSITIVE");
    }
    assertThat(first.outLines().get(6))
        .isEqualTo("Registered 6 schemas and set 6 compatibility rules.");

    Cli.Run second = Cli.run("register", "--registry", stack.schemaRegistryUrl(), "--env", "dev");

    assertThat(second.exitCode()).isZero();
    assertThat(second.outLines().subList(0, 6))
        .allMatch(
            line ->
                line.matches(
                    ".*: already registered \\(id \\d+\\); compatibility already FULL_TRANSITIVE"));
    assertThat(second.outLines().get(6))
        .isEqualTo(
            "Nothing changed: all 6 subjects already have their schema and FULL_TRANSITIVE.");

    SchemaRegistryClient registry =
        new SchemaRegistryClient(RegistrySettings.builder(stack.schemaRegistryUrl()).build());
    for (String record : RECORDS) {
      assertThat(
              registry.subjectCompatibility(
                  "inventory.dev.events-io.inventory.events.avro." + record))
          .isEqualTo(Optional.of(CompatibilityLevel.FULL_TRANSITIVE));
    }
    stack.createTopic(Environment.DEV.topic(), 6);
    try (InventoryEventPublisher lookUpOnly =
        InventoryEventPublisher.builder()
            .environment(Environment.DEV)
            .bootstrapServers(stack.bootstrapServers())
            .schemaRegistryUrl(stack.schemaRegistryUrl())
            .build()) {
      for (SpecificRecord event : SampleEvents.all()) {
        assertThat(lookUpOnly.publish(event).get().offset()).isNotNegative();
      }
    }
  }

  @Test
  @DisplayName("without a registry it is a usage error naming the option and the variable: exit 2")
  void missingRegistry() {
    if (System.getenv("SCHEMA_REGISTRY_URL") != null) {
      return;
    }
    Cli.Run run = Cli.run("register");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "inventory-events register: Missing --registry: give it, or set SCHEMA_REGISTRY_URL.");
  }
}
