package io.inventory.events.conformance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inventory.events.conformance.ChildProcess;
import io.inventory.events.conformance.ContractFiles;
import io.inventory.events.conformance.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders the HTML documentation exactly as README's {@code npm run docs} does, opens it in
 * headless Chromium, and reads the page as an architect would. What each message must show is taken
 * from the Avro schemas here, independently of the renderer that converts them.
 */
@DisplayName("The HTML documentation shows every payload the way an architect reviews it")
class RenderedDocumentationTest {
  private static final Path OUTPUT =
      ContractFiles.root().resolve("conformance-tests/target/asyncapi-html");
  private static final Path PAGE = OUTPUT.resolve("index.html");
  private static final Path SCREENSHOT = OUTPUT.resolve("screenshot.png");
  private static final Pattern RESOURCE =
      Pattern.compile("<(?:script|link)\\b[^>]*(?:src|href)=\"([^\"]*)\"");

  private static PageText page;

  @BeforeAll
  static void renderAndOpen() {
    ChildProcess.of("npm", "run", "--silent", "docs", "--", "--output", OUTPUT.toString())
        .timeout(Duration.ofMinutes(10)) // includes `npm ci` on a fresh clone
        .run()
        .requireSuccess();
    Optional<HeadlessChromium> chromium = HeadlessChromium.find();
    if (chromium.isPresent()) {
      page = PageText.of(chromium.get().dumpDom(PAGE));
      chromium.get().screenshot(PAGE, SCREENSHOT);
    }
  }

  private static PageText page() {
    if (page == null) {
      RequiredTool.missing("Chromium", HeadlessChromium.INSTALL);
    }
    return page;
  }

  @Test
  @DisplayName(
      "the page loads nothing from the network: every script and stylesheet is a local file")
  void rendersOffline() throws IOException {
    String html = Files.readString(PAGE, StandardCharsets.UTF_8);
    List<String> resources = new ArrayList<>();
    Matcher matcher = RESOURCE.matcher(html);
    while (matcher.find()) {
      resources.add(matcher.group(1));
    }

    assertThat(resources).contains("js/asyncapi-ui.min.js", "js/open-payloads.js");
    for (String resource : resources) {
      assertThat(resource)
          .doesNotStartWith("http:")
          .doesNotStartWith("https:")
          .doesNotStartWith("//");
      if (!resource.startsWith("data:")) {
        assertThat(OUTPUT.resolve(resource)).as("local file of %s", resource).isRegularFile();
      }
    }
  }

  @Test
  @DisplayName("the channel address inventory.{env}.events and its env parameter (dev, sit, prod)")
  void showsChannelAndParameter() {
    String text = page().text();

    assertThat(text).contains("inventory.{env}.events");
    assertThat(text)
        .containsPattern(
            "Parameters .*\\benv required string Environment to use\\. "
                + "Allowed values: \"dev\" \"sit\" \"prod\"");
  }

  static Stream<Arguments> messages() {
    return ContractFiles.messageSchemas().entrySet().stream()
        .map(message -> Arguments.of(message.getKey(), message.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  @DisplayName(
      "each message shows every payload field: name, type, Avro logical type, doc, type name")
  void showsEveryPayloadField(String messageId, Schema schema) {
    assertThat(schema).as("the .avsc of message %s", messageId).isNotNull();
    List<String> sections = page().messageSections(messageId);
    assertThat(sections).as("sections about message %s", messageId).isNotEmpty();

    for (String section : sections) {
      assertThat(section).contains(schema.getName());
      for (ExpectedField field : ExpectedField.of(schema)) {
        assertThat(section)
            .as("field %s of %s", field.path(), messageId)
            .containsPattern(field.pattern());
        assertThat(PageText.compact(section))
            .as("doc of %s in %s", field.path(), messageId)
            .contains(PageText.compact(field.doc()));
        field
            .typeName()
            .ifPresent(name -> assertThat(section).as("type of %s", field.path()).contains(name));
      }
    }
  }

  @Test
  @DisplayName(
      "every shared record and enum is listed by name, with its doc, in the Schemas section")
  void listsSharedTypesByName() {
    String schemas = page().schemasSection();

    for (Path file : ContractFiles.commonSchemaFiles()) {
      Schema type = ContractFiles.parseAll().get(file);
      assertThat(schemas).as("Schemas section").contains(type.getName() + " ");
      assertThat(PageText.compact(schemas)).contains(PageText.compact(type.getDoc()));
    }
  }

  @Test
  @DisplayName("every example of every message is on the page")
  void showsEveryExample() {
    String text = page().text();

    for (JsonNode message : ContractFiles.asyncApi().path("components").path("messages")) {
      for (JsonNode example : message.path("examples")) {
        assertThat(text).contains("Example - " + example.path("name").asText());
      }
    }
  }

  @Test
  @DisplayName("a screenshot of the page is kept under target/ for review")
  void keepsScreenshot() throws IOException {
    page();

    byte[] png = Files.readAllBytes(SCREENSHOT);
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(png.length).as("bytes of %s", SCREENSHOT).isGreaterThan(50_000);
  }

  /** A field as the page must show it, from the Avro schema. */
  record ExpectedField(
      String path, String name, String doc, String logicalType, Optional<String> typeName) {
    static List<ExpectedField> of(Schema record) {
      List<ExpectedField> fields = new ArrayList<>();
      collect(record, "$", fields);
      return fields;
    }

    private static void collect(Schema record, String path, List<ExpectedField> into) {
      for (Schema.Field field : record.getFields()) {
        Schema type = nonNull(field.schema());
        boolean named = type.getType() == Schema.Type.RECORD || type.getType() == Schema.Type.ENUM;
        String fieldPath = path + "." + field.name();
        into.add(
            new ExpectedField(
                fieldPath,
                field.name(),
                field.doc(),
                logicalTypeOf(type),
                named ? Optional.of(type.getName()) : Optional.empty()));
        if (type.getType() == Schema.Type.RECORD) {
          collect(type, fieldPath, into);
        }
      }
    }

    /**
     * The property as the template lays it out: name, the expand button of a record, "required" or
     * not, its type ("string | null" when nullable, "oneOf" for a nullable record), then the format
     * badge that names the logical type.
     */
    Pattern pattern() {
      String property =
          "\\b"
              + Pattern.quote(name)
              + "( (Expand|Collapse) all)?( required)? [A-Za-z]+( \\| [A-Za-z]+)*";
      return Pattern.compile(
          logicalType == null ? property : property + " format: " + Pattern.quote(logicalType));
    }

    private static String logicalTypeOf(Schema type) {
      LogicalType logical = type.getLogicalType();
      if (logical instanceof LogicalTypes.Decimal decimal) {
        return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
      }
      return logical == null ? null : logical.getName();
    }

    private static Schema nonNull(Schema schema) {
      if (schema.getType() != Schema.Type.UNION) {
        return schema;
      }
      return schema.getTypes().stream()
          .filter(branch -> branch.getType() != Schema.Type.NULL)
          .findFirst()
          .orElse(schema);
    }
  }
}
