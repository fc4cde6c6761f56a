package io.inventory.events.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InventoryStackExtension.class)
@DisplayName("External mode")
class ExternalModeTest {

  @Test
  @DisplayName(
      "with KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL set, starts nothing and targets those"
          + " servers")
  void environmentSelectsExternalServers(InventoryStack shared) {
    List<ProcessHandle> registriesBefore = StackLifecycleTest.childrenRunning("quarkus-run.jar");
    StackEnvironment environment =
        StackEnvironment.of(
            Map.of(),
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                shared.bootstrapServers(),
                "SCHEMA_REGISTRY_URL",
                shared.schemaRegistryUrl() + "/"));

    try (InventoryStack external = InventoryStack.builder().environment(environment).start()) {
      assertThat(external.isEmbedded()).isFalse();
      assertThat(external.registryPid()).isEmpty();
      assertThat(external.boundPorts()).isEmpty();
      assertThat(external.bootstrapServers()).isEqualTo(shared.bootstrapServers());
      assertThat(external.schemaRegistryUrl()).isEqualTo(shared.schemaRegistryUrl());
      assertThat(StackLifecycleTest.childrenRunning("quarkus-run.jar")).isEqualTo(registriesBefore);
      assertThat(external.createTopic(2)).startsWith("stack-test-");
    }
    assertThat(StackLifecycleTest.childrenRunning("quarkus-run.jar")).isEqualTo(registriesBefore);
    assertThat(new RegistryCalls(shared.schemaRegistryUrl()).get("/config").statusCode())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("with only one of the two variables set, fails and says to set both or neither")
  void oneVariableAloneIsAnError() {
    StackEnvironment environment =
        StackEnvironment.of(Map.of(), Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9"));

    assertThatThrownBy(() -> InventoryStack.builder().environment(environment).start())
        .isInstanceOf(StackStartException.class)
        .hasMessage(
            "Only KAFKA_BOOTSTRAP_SERVERS is set: set both KAFKA_BOOTSTRAP_SERVERS and"
                + " SCHEMA_REGISTRY_URL to use an external stack, or neither to start the embedded"
                + " one.");
  }

  @Test
  @DisplayName("rejects an unknown compatibility level before starting anything")
  void unknownCompatibilityLevelIsRejected() {
    assertThatThrownBy(() -> InventoryStack.builder().compatibility("SOMETIMES"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Unknown compatibility level \"SOMETIMES\"; expected one of NONE, BACKWARD,"
                + " BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE.");
  }
}
