package io.inventory.events.conformance.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.conformance.ContractFiles;
import java.nio.file.Path;
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
}
