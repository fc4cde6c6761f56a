package io.inventory.events.conformance.compatibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.inventory.events.compatibility.CompatibilityGate;
import io.inventory.events.compatibility.Finding;
import io.inventory.events.compatibility.Report;
import io.inventory.events.compatibility.Rule;
import io.inventory.events.conformance.ContractFiles;
import io.inventory.events.registry.CompatibilityLevel;
import io.inventory.events.registry.RegistrySettings;
import io.inventory.events.registry.SchemaRegistryClient;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gate against a real registry (Apicurio through its Confluent API, FULL_TRANSITIVE): every
 * release replays into it in order, then the working set; and for every fixture of the gate's
 * corpus the registry's verdict agrees with the gate's, except where the gate's own rules go beyond
 * Avro, which must then be exactly the documented difference.
 */
@ExtendWith(InventoryStackExtension.class)
class RegistryReplayTest {
  static final Path FIXTURES =
      ContractFiles.root().resolve("compatibility-gate/src/test/resources/fixtures");

  /**
   * What the registry cannot see: it checks one subject's versions alone and ignores logical types
   * and enum defaults.
   */
  static final Set<Rule> DOCUMENTED_DIFFERENCES =
      Set.of(
          Rule.ENUM_SYMBOL_NO_DELETE,
          Rule.ENUM_DEFAULT_NO_DELETE,
          Rule.FIELD_SAME_LOGICAL_TYPE,
          Rule.RECORD_SAME_NAME,
          Rule.EVENT_TYPE_NO_DELETE);

  static Stream<String> fixtures() throws IOException {
    try (Stream<Path> dirs = Files.list(FIXTURES)) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void everyReleaseThenTheWorkingSetRegistersInOrderUnderFullTransitive(InventoryStack stack)
      throws IOException {
    SchemaRegistryClient registry = registryOf(stack);
    String env = env();
    List<Path> sets = new ArrayList<>();
    Path releases = ContractFiles.root().resolve("schemas/releases");
    if (Files.isDirectory(releases)) {
      try (Stream<Path> dirs = Files.list(releases)) {
        dirs.filter(Files::isDirectory).sorted().forEach(sets::add);
      }
    }
    assertThat(sets).as("released versions in schemas/releases").isNotEmpty();
    sets.add(ContractFiles.root().resolve("schemas"));

    for (Path set : sets) {
      for (Map.Entry<String, Schema> event : SchemaSets.events(set).entrySet()) {
        String subject = SchemaSets.subject(env, event.getKey());
        registry.setCompatibility(subject, CompatibilityLevel.FULL_TRANSITIVE);
        assertThatCode(() -> registry.register(subject, event.getValue().toString()))
            .as(set + " " + subject)
            .doesNotThrowAnyException();
      }
    }

    Report live =
        CompatibilityGate.newBuilder()
            .schemas(ContractFiles.root().resolve("schemas"), "schemas")
            .registry(URI.create(stack.schemaRegistryUrl()))
            .subjectPattern("inventory\\." + env + "\\.events-.+")
            .build()
            .check();
    assertThat(live.passed()).as(live.render(Report.Format.TEXT)).isTrue();
    assertThat(live.registryVerdicts())
        .hasSize(SchemaSets.events(ContractFiles.root().resolve("schemas")).size())
        .allMatch(verdict -> verdict.contains(" accepts the working schema"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void registryVerdictAgreesWithTheGateOrDiffersOnlyByADocumentedRule(
      String fixture, InventoryStack stack) throws IOException {
    SchemaRegistryClient registry = registryOf(stack);
    String env = env();
    Path previous = FIXTURES.resolve(fixture).resolve("previous");
    Path current = FIXTURES.resolve(fixture).resolve("current");
    for (Map.Entry<String, Schema> event : SchemaSets.events(previous).entrySet()) {
      String subject = SchemaSets.subject(env, event.getKey());
      registry.setCompatibility(subject, CompatibilityLevel.FULL_TRANSITIVE);
      registry.register(subject, event.getValue().toString());
    }
    boolean registryAccepts = true;
    for (Map.Entry<String, Schema> event : SchemaSets.events(current).entrySet()) {
      registryAccepts &=
          registry
              .checkCompatibility(
                  SchemaSets.subject(env, event.getKey()), event.getValue().toString())
              .compatible();
    }

    Report offline =
        CompatibilityGate.newBuilder()
            .schemas(current, "schemas")
            .release("previous", previous)
            .build()
            .check();
    String expectedRegistry =
        Files.readAllLines(FIXTURES.resolve(fixture).resolve("expected.txt")).stream()
            .filter(line -> line.startsWith("registry:"))
            .findFirst()
            .orElseThrow()
            .substring("registry:".length())
            .trim();
    assertThat(registryAccepts ? "accepts" : "rejects")
        .as("Apicurio's verdict, as expected.txt documents it")
        .isEqualTo(expectedRegistry);

    if (registryAccepts && !offline.passed()) {
      assertThat(offline.breaks())
          .as("breaks the registry accepts must be the documented ones")
          .allSatisfy(
              finding -> {
                assertThat(finding.acceptedByAvro()).as(finding.line()).isTrue();
                assertThat(DOCUMENTED_DIFFERENCES).as(finding.line()).contains(finding.rule());
              });
    } else if (!registryAccepts) {
      assertThat(offline.passed()).as(offline.render(Report.Format.TEXT)).isFalse();
      assertThat(offline.breaks()).anyMatch(finding -> !finding.acceptedByAvro());
    }

    // The live-registry mode finds what the offline check finds, for every change inside an event
    // type.
    Report live =
        CompatibilityGate.newBuilder()
            .schemas(current, "schemas")
            .registry(URI.create(stack.schemaRegistryUrl()))
            .subjectPattern("inventory\\." + env + "\\.events-.+")
            .build()
            .check();
    if (offline.breaks().stream().noneMatch(f -> f.path().isEmpty())) {
      assertThat(keys(live.breaks()))
          .as(live.render(Report.Format.TEXT))
          .isEqualTo(keys(offline.breaks()));
      boolean accepted = registryAccepts;
      assertThat(live.registryVerdicts())
          .isNotEmpty()
          .anyMatch(verdict -> verdict.contains(accepted ? " accepts " : " rejects "));
    }
  }

  private static Set<String> keys(List<Finding> findings) {
    return findings.stream()
        .map(
            f ->
                f.rule()
                    + " "
                    + f.direction()
                    + " "
                    + f.subject()
                    + " "
                    + f.path()
                    + " "
                    + f.line())
        .collect(Collectors.toSet());
  }

  /** A client of the stack's registry with no cache reuse across tests. */
  static SchemaRegistryClient registryOf(InventoryStack stack) {
    return new SchemaRegistryClient(RegistrySettings.builder(stack.schemaRegistryUrl()).build());
  }

  private static String env() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }
}
