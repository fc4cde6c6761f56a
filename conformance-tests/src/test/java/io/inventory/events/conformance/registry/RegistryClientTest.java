package io.inventory.events.conformance.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.registry.CompatibilityLevel;
import io.inventory.events.registry.IncompatibleSchemaException;
import io.inventory.events.registry.RegisteredSchema;
import io.inventory.events.registry.RegistrySettings;
import io.inventory.events.registry.SchemaNotFoundException;
import io.inventory.events.registry.SchemaRegistryClient;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every call of the shared registry client, against the real registry the stack runs. */
@ExtendWith(InventoryStackExtension.class)
@DisplayName("The schema registry client against a real registry")
class RegistryClientTest {
  private static final String V1 =
      "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"io.inventory.events.avro\","
          + "\"fields\":[{\"name\":\"productId\",\"type\":\"string\"}]}";
  private static final String V2_WITH_DEFAULT =
      "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"io.inventory.events.avro\","
          + "\"fields\":[{\"name\":\"productId\",\"type\":\"string\"},"
          + "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}]}";
  private static final String V2_WITHOUT_DEFAULT =
      "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"io.inventory.events.avro\","
          + "\"fields\":[{\"name\":\"productId\",\"type\":\"string\"},"
          + "{\"name\":\"note\",\"type\":\"string\"}]}";

  private SchemaRegistryClient registry;
  private String subject;

  @BeforeEach
  void newSubject(InventoryStack stack) {
    registry =
        new SchemaRegistryClient(RegistrySettings.builder(stack.schemaRegistryUrl()).build());
    subject = "inventory.test-" + UUID.randomUUID() + "-io.inventory.events.avro.Probe";
  }

  @Test
  @DisplayName("registers, looks up, and reads back by id and by version")
  void registerAndRead() {
    int id = registry.register(subject, V1);

    assertThat(registry.lookUp(subject, V1)).isEqualTo(id);
    assertThat(registry.schemaById(id)).contains("\"productId\"");
    assertThat(registry.subjects()).contains(subject);
    assertThat(registry.versions(subject)).containsExactly(1);
    RegisteredSchema version = registry.version(subject, 1);
    assertThat(version.id()).isEqualTo(id);
    assertThat(version.schemaType()).isEqualTo("AVRO");
  }

  @Test
  @DisplayName("an explicit subject rule is read back, and decides compatibility")
  void subjectRules() {
    registry.register(subject, V1);
    registry.setCompatibility(subject, CompatibilityLevel.FULL_TRANSITIVE);

    assertThat(registry.subjectCompatibility(subject)).contains(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(registry.compatibility(subject)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(registry.checkCompatibility(subject, V2_WITH_DEFAULT).compatible()).isTrue();
    assertThat(registry.checkCompatibility(subject, V2_WITHOUT_DEFAULT).compatible()).isFalse();
    assertThatThrownBy(() -> registry.register(subject, V2_WITHOUT_DEFAULT))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining("for subject \"" + subject + "\": HTTP 409");
  }

  @Test
  @DisplayName("a schema never registered, or an unknown id, is SchemaNotFoundException")
  void notFound() {
    assertThatThrownBy(() -> registry.lookUp(subject, V1))
        .isInstanceOf(SchemaNotFoundException.class)
        .hasMessageContaining("Register the schema first");
    assertThatThrownBy(() -> registry.schemaById(Integer.MAX_VALUE))
        .isInstanceOf(SchemaNotFoundException.class);
  }

  @Test
  @DisplayName("the effective rule of a subject without its own is the global one")
  void defaultToGlobal(InventoryStack stack) {
    registry.register(subject, V1);

    assertThat(registry.compatibility(subject)).isEqualTo(registry.globalCompatibility());
    assertThat(registry.globalCompatibility())
        .isEqualTo(CompatibilityLevel.parse(stack.compatibility()));
  }
}
