package io.inventory.events.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InventoryStackExtension.class)
@DisplayName("Choosing the mode with inventory.stack.mode or builder().mode(...)")
class StackModeSwitchTest {

  private static StackEnvironment property(String mode) {
    return StackEnvironment.of(Map.of(InventoryStack.MODE_PROPERTY, mode), Map.of());
  }

  @Test
  @DisplayName("a provider found through ServiceLoader serves the stack, which closes its servers")
  void providedModeIsUsedAndClosed(InventoryStack shared) {
    FixedServersProvider.servers = shared;
    int closedBefore = FixedServersProvider.CLOSED.get();

    try (InventoryStack provided =
        InventoryStack.builder().environment(property("fixed-servers")).start()) {
      assertThat(provided.mode()).isEqualTo("fixed-servers");
      assertThat(provided.isEmbedded()).isFalse();
      assertThat(provided.bootstrapServers()).isEqualTo(shared.bootstrapServers());
      assertThat(provided.schemaRegistryUrl()).isEqualTo(shared.schemaRegistryUrl());
      assertThat(provided.compatibility()).isEqualTo("FULL_TRANSITIVE");
      assertThat(provided.createTopic(2)).startsWith("stack-test-");
      assertThat(FixedServersProvider.lastRequest.compatibility()).isEqualTo("FULL_TRANSITIVE");
      assertThat(FixedServersProvider.CLOSED.get()).isEqualTo(closedBefore);
    }
    assertThat(FixedServersProvider.CLOSED.get()).isEqualTo(closedBefore + 1);
  }

  @Test
  @DisplayName("testcontainers without its jar fails and names the artifact to add")
  void missingTestcontainersJarIsNamed() {
    assertThatThrownBy(() -> InventoryStack.builder().mode("testcontainers").start())
        .isInstanceOf(MissingPrerequisiteException.class)
        .hasMessage(
            "No stack mode \"testcontainers\" on the class path (modes here: embedded, external,"
                + " fixed-servers). The testcontainers mode is in"
                + " io.inventory.events:inventory-events-testcontainers: add it to your test"
                + " dependencies.");
  }

  @Test
  @DisplayName("an unknown name from the property lists the modes there are")
  void unknownModeListsTheModes() {
    assertThatThrownBy(() -> InventoryStack.builder().environment(property("kubernetes")).start())
        .isInstanceOf(MissingPrerequisiteException.class)
        .hasMessage(
            "No stack mode \"kubernetes\" on the class path (modes here: embedded, external,"
                + " fixed-servers). Check inventory.stack.mode.");
  }

  @Test
  @DisplayName("external chosen by name without the two variables says which are needed")
  void externalByNameNeedsBothVariables() {
    assertThatThrownBy(() -> InventoryStack.builder().environment(property("external")).start())
        .isInstanceOf(StackStartException.class)
        .hasMessage(
            "Mode external needs both KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL to be set.");
  }
}
