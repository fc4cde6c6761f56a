package io.inventory.events.conformance.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.conformance.ContractFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The AsyncAPI document is valid according to the real AsyncAPI CLI")
class AsyncApiDocumentTest {

  @Test
  @DisplayName("asyncapi.yaml validates with no errors and no warnings")
  void documentIsValid() throws Exception {
    AsyncApiCli.Result result = AsyncApiCli.validate(ContractFiles.asyncApiFile());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("0 errors, 0 warnings");
  }

  @Test
  @DisplayName("a document whose $ref names a missing schema file fails, naming the file")
  void brokenReferenceFails() throws Exception {
    Path fixture =
        ContractFiles.root()
            .resolve("conformance-tests/src/test/resources/contract/broken-ref.asyncapi.yaml");

    AsyncApiCli.Result result = AsyncApiCli.validate(fixture);

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output())
        .contains("invalid-ref")
        .contains("schemas/events/StockLevelChange.avsc");
  }

  @Test
  @DisplayName("the document renders to HTML for review, with the channel and every message in it")
  void documentRendersToHtml() throws Exception {
    Path output = ContractFiles.root().resolve("conformance-tests/target/asyncapi-html");
    Path template = ContractFiles.root().resolve("node_modules/@asyncapi/html-template");

    AsyncApiCli.Result result =
        AsyncApiCli.run(
            List.of(
                "generate",
                "fromTemplate",
                ContractFiles.asyncApiFile().toString(),
                template.toString(),
                "-o",
                output.toString(),
                "--force-write",
                "--registry-url=",
                "--no-interactive"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    String html = Files.readString(output.resolve("index.html"), StandardCharsets.UTF_8);
    assertThat(html).contains("inventory.{env}.events");
    ContractFiles.eventSchemas()
        .values()
        .forEach(
            schema ->
                assertThat(html).as("message %s", schema.getName()).contains(schema.getName()));
  }
}
