package io.inventory.events.compatibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The gate around the rules: releases, approvals, the AsyncAPI document, report formats, the
 * command line.
 */
class GateTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  static final Path REMOVED_FIELD = FIXTURES.resolve("field-removed-without-default");
  static final String REMOVED_FIELD_LINE =
      "schemas/events/StockLevelChanged.avsc: field \"unitOfMeasure\" was removed from"
          + " \"StockLevelChangedPayload\" without a default; old consumers can no longer read new"
          + " events. Restore it or give it a default. (FIELD_NO_DELETE)";

  @TempDir Path temp;

  @Test
  void sameBreakAgainstSeveralReleasesIsOneFindingListingThemAll() {
    Report report =
        CompatibilityGate.newBuilder()
            .schemas(REMOVED_FIELD.resolve("current"), "schemas")
            .release("1.0.0", REMOVED_FIELD.resolve("previous"))
            .release("1.1.0", REMOVED_FIELD.resolve("previous"))
            .build()
            .check();

    assertThat(report.breaks()).hasSize(1);
    assertThat(report.breaks().get(0).against()).containsExactly("1.0.0", "1.1.0");
    assertThat(report.checked()).containsExactly("release 1.0.0", "release 1.1.0");
  }

  @Test
  void releasesDirectoryIsReadInVersionOrder() throws IOException {
    Path releases = temp.resolve("releases");
    copy(REMOVED_FIELD.resolve("previous"), releases.resolve("1.10.0"));
    copy(REMOVED_FIELD.resolve("previous"), releases.resolve("1.2.0"));

    Report report =
        CompatibilityGate.newBuilder()
            .schemas(REMOVED_FIELD.resolve("current"), "schemas")
            .releases(releases)
            .build()
            .check();

    assertThat(report.checked()).containsExactly("release 1.2.0", "release 1.10.0");
  }

  @Test
  void exactlyMatchingApprovalTurnsTheBreakIntoAnApprovedOneAndPasses() throws IOException {
    Path approvals =
        write(
            "approved.yaml",
            approval(
                "io.inventory.events.avro.StockLevelChanged",
                "FIELD_NO_DELETE",
                "payload.unitOfMeasure"));

    Report report = removedFieldGate(approvals).check();

    assertThat(report.passed()).isTrue();
    assertThat(report.approved())
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.line()).isEqualTo(REMOVED_FIELD_LINE);
              assertThat(finding.approval())
                  .isEqualTo("Nobody reads it any more (approved by team-stock, 2026-11-24)");
            });
  }

  @Test
  void approvalForAnotherPathIsStaleAndTheBreakStillFails() throws IOException {
    Path approvals =
        write(
            "approved.yaml",
            approval(
                "io.inventory.events.avro.StockLevelChanged", "FIELD_NO_DELETE", "payload.unit"));

    Report report = removedFieldGate(approvals).check();

    assertThat(report.passed()).isFalse();
    assertThat(report.breaks())
        .extracting(f -> f.rule())
        .containsExactly(Rule.FIELD_NO_DELETE, Rule.APPROVAL_MATCHES_FINDING);
    assertThat(report.breaks().get(1).line())
        .isEqualTo(
            "approved.yaml: approval 1 (FIELD_NO_DELETE on"
                + " \"io.inventory.events.avro.StockLevelChanged\" at \"payload.unit\") no longer"
                + " matches any finding; a stale approval would silently approve a later break."
                + " Remove the approval, or correct its subject, rule and path to the finding's"
                + " exact values. (APPROVAL_MATCHES_FINDING)");
  }

  @Test
  void approvalWithoutReasonIsRejectedNamingTheEntry() throws IOException {
    Path approvals =
        write(
            "approved.yaml",
            "approvals:\n"
                + "  - subject: x\n"
                + "    rule: FIELD_NO_DELETE\n"
                + "    path: a\n"
                + "    approvedBy: me\n");

    assertThatThrownBy(() -> removedFieldGate(approvals).check())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "approved.yaml: approval 1 has no \"reason\"; every approval needs subject, rule, path,"
                + " reason and approvedBy.");
  }

  @Test
  void undefinedNameIsAFindingOnItsFileAndTheOthersAreStillChecked() throws IOException {
    Report report =
        removedFieldWith(
            "events/Broken.avsc",
            "{\"type\": \"record\", \"name\": \"Broken\", \"fields\": [{\"name\": \"a\","
                + " \"type\": \"NoSuchType\"}]}");

    assertThat(report.breaks())
        .extracting(f -> f.rule())
        .containsExactlyInAnyOrder(Rule.SCHEMA_PARSES, Rule.FIELD_NO_DELETE);
    assertOnlyBreakOf(
        Rule.SCHEMA_PARSES,
        report,
        "schemas/events/Broken.avsc: type \"NoSuchType\" is not defined in any file"
            + " under schemas/ (common/ or events/), so no class can be generated"
            + " from this file. Add its .avsc or fix the name. (SCHEMA_PARSES)");
  }

  @Test
  void fileThatDoesNotParseIsOneFindingAndTheEventTypesUsingItAreNotReportedAgain()
      throws IOException {
    Report report = removedFieldWith("common/BatchInfo.avsc", "{\"type\": \"record\",");

    assertThat(report.findings())
        .as(report.render(Report.Format.TEXT))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.line())
                    .isEqualTo(
                        "schemas/common/BatchInfo.avsc: the schema did not parse: Unexpected"
                            + " end-of-input within/between Object entries at line 1, column 19;"
                            + " no consumer can be generated from it. Fix the schema so that Avro"
                            + " parses it. (SCHEMA_PARSES)"));
  }

  @Test
  void asyncApiDocumentAgreesWithTheSchemasAndTheRelease() throws IOException {
    Report report =
        asyncApiGate(Files.readString(Path.of("src/test/resources/asyncapi/asyncapi.yaml")))
            .check();

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void asyncApiChangesAgainstTheReleaseAndTheSchemasAreEachOneFinding() throws IOException {
    String document =
        Files.readString(Path.of("src/test/resources/asyncapi/asyncapi.yaml"))
            .replace("address: 'inventory.{env}.events'", "address: 'inventory.{env}.stock-events'")
            .replace("enum: [dev, sit, prod]", "enum: [dev, sit]")
            .replace(
                "type: string\n            description: The payload's productId.",
                "type: string\n"
                    + "            description: The location.\n"
                    + "            format: locationId")
            .replace(
                "$ref: './schemas/events/LowStockAlert.avsc'",
                "$ref: './schemas/events/LowStock.avsc'");

    Report report = asyncApiGate(document).check();

    assertThat(report.breaks())
        .extracting(f -> f.rule() + " " + f.subject() + " " + f.path())
        .containsExactlyInAnyOrder(
            "CHANNEL_SAME_ADDRESS inventoryEvents channels.inventoryEvents.address",
            "CHANNEL_PARAMETER_NO_DELETE inventoryEvents channels.inventoryEvents.parameters.env",
            "MESSAGE_SAME_KEY stockLevelChanged"
                + " components.messages.stockLevelChanged.bindings.kafka.key",
            "MESSAGE_SAME_KEY lowStockAlert components.messages.lowStockAlert.bindings.kafka.key",
            "MESSAGE_HAS_SCHEMA lowStockAlert components.messages.lowStockAlert.payload",
            "SCHEMA_HAS_MESSAGE io.inventory.events.avro.LowStockAlert ");
    assertOnlyBreakOf(
        Rule.CHANNEL_PARAMETER_NO_DELETE,
        report,
        "asyncapi.yaml: value \"prod\" was removed from parameter \"env\" of channel"
            + " \"inventoryEvents\" since 1.0.0; applications deployed with env=prod no"
            + " longer have a channel. Restore \"prod\" in the parameter's enum."
            + " (CHANNEL_PARAMETER_NO_DELETE)");
    assertThat(report.breaks())
        .as("the document's rules are not about decoding data")
        .allMatch(f -> f.direction() == Finding.Direction.NONE);
    assertOnlyBreakOf(
        Rule.CHANNEL_SAME_ADDRESS,
        report,
        "asyncapi.yaml: the address of channel \"inventoryEvents\" changed from"
            + " \"inventory.{env}.events\" to \"inventory.{env}.stock-events\";"
            + " producers and consumers built on 1.0.0 use another topic than new"
            + " ones. Keep \"inventory.{env}.events\"; a new address is a new"
            + " channel next to the old one. (CHANNEL_SAME_ADDRESS)");
  }

  @Test
  void jsonReportCarriesEveryField() throws IOException {
    JsonNode json =
        new ObjectMapper().readTree(removedFieldGate(null).check().render(Report.Format.JSON));

    assertThat(json.path("passed").asBoolean()).isFalse();
    JsonNode finding = json.path("findings").get(0);
    assertThat(finding.path("rule").asText()).isEqualTo("FIELD_NO_DELETE");
    assertThat(finding.path("direction").asText()).isEqualTo("OLD_READS_NEW");
    assertThat(finding.path("subject").asText())
        .isEqualTo("io.inventory.events.avro.StockLevelChanged");
    assertThat(finding.path("file").asText()).isEqualTo("schemas/events/StockLevelChanged.avsc");
    assertThat(finding.path("path").asText()).isEqualTo("payload.unitOfMeasure");
    assertThat(finding.path("against").get(0).asText()).isEqualTo("1.0.0");
    assertThat(finding.path("text").asText()).isEqualTo(REMOVED_FIELD_LINE);
  }

  @Test
  void junitReportHasOneFailedCasePerBreakAndOnePassedCasePerOtherRule() throws Exception {
    String xml = removedFieldGate(null).check().render(Report.Format.JUNIT);
    Document document =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

    assertThat(document.getDocumentElement().getAttribute("failures")).isEqualTo("1");
    assertThat(document.getDocumentElement().getAttribute("tests"))
        .isEqualTo(String.valueOf(Rule.values().length));
    assertThat(
            document
                .getElementsByTagName("failure")
                .item(0)
                .getAttributes()
                .getNamedItem("message")
                .getNodeValue())
        .isEqualTo(REMOVED_FIELD_LINE);
  }

  @Test
  void githubAnnotationsPointAtTheFile() {
    String annotations = removedFieldGate(null).check().render(Report.Format.GITHUB);

    assertThat(annotations)
        .isEqualTo(
            "::error file=schemas/events/StockLevelChanged.avsc,title=FIELD_NO_DELETE::field"
                + " \"unitOfMeasure\" was removed from \"StockLevelChangedPayload\" without a"
                + " default; old consumers can no longer read new events. Restore it or give it a"
                + " default. (against 1.0.0)\n");
  }

  @Test
  void textReportListsWhereAndEndsWithTheVerdict() {
    String text = removedFieldGate(null).check().render(Report.Format.TEXT);

    assertThat(text)
        .isEqualTo(
            "Breaking changes:\n"
                + REMOVED_FIELD_LINE
                + "\n"
                + "    at io.inventory.events.avro.StockLevelChanged payload.unitOfMeasure, against"
                + " 1.0.0\n"
                + "FAILED: 1 breaking change, 0 approved, 0 notes (FULL_TRANSITIVE against release"
                + " 1.0.0).\n");
  }

  /** The report has exactly one break of {@code rule}, and this is its whole line. */
  private static void assertOnlyBreakOf(Rule rule, Report report, String line) {
    assertThat(report.breaks())
        .filteredOn(f -> f.rule() == rule)
        .singleElement()
        .satisfies(f -> assertThat(f.line()).isEqualTo(line));
  }

  private CompatibilityGate removedFieldGate(Path approvals) {
    CompatibilityGate.Builder builder =
        CompatibilityGate.newBuilder()
            .schemas(REMOVED_FIELD.resolve("current"), "schemas")
            .release("1.0.0", REMOVED_FIELD.resolve("previous"));
    if (approvals != null) {
      builder.approvedBreaks(approvals);
    }
    return builder.build();
  }

  /**
   * The removed-field change checked against release 1.0.0, with {@code file} of the working
   * schemas replaced by {@code content}.
   */
  private Report removedFieldWith(String file, String content) throws IOException {
    Path working = temp.resolve("schemas");
    copy(REMOVED_FIELD.resolve("current"), working);
    Files.writeString(working.resolve(file), content);
    return CompatibilityGate.newBuilder()
        .schemas(working, "schemas")
        .release("1.0.0", REMOVED_FIELD.resolve("previous"))
        .build()
        .check();
  }

  /**
   * A repository in {@code temp}: schemas and asyncapi.yaml from {@code document}, release 1.0.0
   * with the original document.
   */
  private CompatibilityGate asyncApiGate(String document) throws IOException {
    Path previous = FIXTURES.resolve("field-added-with-default/previous");
    copy(previous, temp.resolve("schemas"));
    copy(previous, temp.resolve("schemas/releases/1.0.0"));
    Files.copy(
        Path.of("src/test/resources/asyncapi/asyncapi.yaml"),
        temp.resolve("schemas/releases/1.0.0/asyncapi.yaml"));
    Files.writeString(temp.resolve("asyncapi.yaml"), document);
    return CompatibilityGate.newBuilder()
        .schemas(temp.resolve("schemas"), "schemas")
        .releases(temp.resolve("schemas/releases"))
        .asyncApi(temp.resolve("asyncapi.yaml"), "asyncapi.yaml")
        .build();
  }

  private static String approval(String subject, String rule, String path) {
    return "approvals:\n  - subject: "
        + subject
        + "\n    rule: "
        + rule
        + "\n    path: "
        + path
        + "\n    reason: Nobody reads it any more\n    approvedBy: team-stock, 2026-11-24\n";
  }

  private Path write(String name, String content) throws IOException {
    Path file = Path.of(name);
    Files.writeString(file, content);
    file.toFile().deleteOnExit();
    return file;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      files.forEach(
          source -> {
            try {
              Path target = to.resolve(from.relativize(source).toString());
              if (Files.isDirectory(source)) {
                Files.createDirectories(target);
              } else {
                Files.copy(source, target);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }
}
