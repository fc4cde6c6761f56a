package io.inventory.events.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("inventory-events check: the compatibility gate's options, formats and exit codes")
class CheckCommandTest {
  private static final Path ROOT = Cli.repositoryRoot();

  @Test
  @DisplayName("the repository's schemas pass against every release: exit 0")
  void repositorySchemasPass() {
    Cli.Run run = repository("check");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("release 1.0.0");
  }

  @Test
  @DisplayName("a copy with a field removed breaks FULL_TRANSITIVE: the finding is named, exit 1")
  void brokenCopyFails(@TempDir Path dir) throws IOException {
    Path schemas = copy(ROOT.resolve("schemas"), dir.resolve("schemas"));
    removeUnitOfMeasure(schemas);

    Cli.Run run =
        Cli.run(
            "check",
            "--schemas",
            schemas.toString(),
            "--releases",
            ROOT.resolve("schemas/releases").toString(),
            "--asyncapi",
            ROOT.resolve("asyncapi.yaml").toString(),
            "--format",
            "json");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("\"FIELD_NO_DELETE\"").contains("unitOfMeasure");
  }

  @Test
  @DisplayName("--report writes a JUnit XML file beside the text report")
  void writesReports(@TempDir Path dir) {
    Path junit = dir.resolve("reports/TEST-compat.xml");

    Cli.Run run = repository("check", "--report", "junit=" + junit);

    assertThat(run.exitCode()).isZero();
    assertThat(junit).content().startsWith("<?xml");
  }

  @Test
  @DisplayName(
      "--release adds a release, --output takes the --format report and stdout keeps the text"
          + " verdict: exit 1 on a break")
  void extraReleaseOutputFileAndReports(@TempDir Path dir) throws IOException {
    Path schemas = copy(ROOT.resolve("schemas"), dir.resolve("schemas"));
    removeUnitOfMeasure(schemas);
    Path asyncApi = Files.copy(ROOT.resolve("asyncapi.yaml"), dir.resolve("asyncapi.yaml"));
    Path json = dir.resolve("out/report.json");
    Path junit = dir.resolve("reports/TEST-compat.xml");

    Cli.Run run =
        Cli.run(
            "check",
            "--schemas",
            schemas.toString(),
            "--releases",
            dir.resolve("no-releases").toString(),
            "--release",
            "1.0.0=" + ROOT.resolve("schemas/releases/1.0.0"),
            "--asyncapi",
            asyncApi.toString(),
            "--format",
            "json",
            "--output",
            json.toString(),
            "--report",
            "junit=" + junit);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("FAILED: 1 breaking change").doesNotContain("\"rule\"");
    assertThat(json).content().contains("\"rule\" : \"FIELD_NO_DELETE\"");
    assertThat(junit).content().startsWith("<?xml").contains("unitOfMeasure");
  }

  @Test
  @DisplayName(
      "--release-as freezes passing schemas once, never rewrites a release, refuses a break")
  void releaseStep(@TempDir Path dir) throws IOException {
    Path schemas = copy(ROOT.resolve("schemas"), dir.resolve("schemas"));
    Path releases = schemas.resolve("releases");
    copy(ROOT.resolve("schemas/releases/1.0.0"), releases.resolve("1.0.0"));
    Path asyncApi = Files.copy(ROOT.resolve("asyncapi.yaml"), dir.resolve("asyncapi.yaml"));
    String[] args = {
      "check",
      "--schemas",
      schemas.toString(),
      "--releases",
      releases.toString(),
      "--asyncapi",
      asyncApi.toString(),
      "--release-as",
      "1.1.0"
    };

    Cli.Run first = Cli.run(args);
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(releases.resolve("1.1.0/events/StockLevelChanged.avsc")).exists();
    assertThat(releases.resolve("1.1.0/asyncapi.yaml")).exists();

    Cli.Run again = Cli.run(args);
    assertThat(again.exitCode()).as("a release is never rewritten: " + again).isEqualTo(2);
    assertThat(again.err()).contains("1.1.0").contains("exists already");

    removeUnitOfMeasure(schemas);
    args[args.length - 1] = "1.2.0";
    Cli.Run broken = Cli.run(args);
    assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
    assertThat(broken.err()).contains("release 1.2.0 not created");
    assertThat(releases.resolve("1.2.0")).doesNotExist();
  }

  @Test
  @DisplayName("an unknown option is a usage error naming it: exit 2")
  void unknownOption() {
    Cli.Run run = Cli.run("check", "--colour");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--colour").contains("check --help");
  }

  @Test
  @DisplayName("--list-rules prints every rule with its purpose")
  void listsRules() {
    Cli.Run run = Cli.run("check", "--list-rules");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("FIELD_NO_DELETE")
        .contains("Checks that")
        .contains("[beyond Avro]");
  }

  @Test
  @DisplayName("an unknown format and a missing schemas directory are usage errors: exit 2")
  void usageErrors(@TempDir Path dir) {
    Cli.Run format = Cli.run("check", "--format", "yaml");
    Cli.Run schemas = Cli.run("check", "--schemas", dir.resolve("none").toString());

    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err())
        .contains("Unknown report format \"yaml\"; use text, json, junit or github.");
    assertThat(schemas.exitCode()).isEqualTo(2);
    assertThat(schemas.err()).startsWith("inventory-events check: no schemas directory at ");
  }

  @Test
  @DisplayName(
      "a registry trust store that cannot be read is a usage error naming it, not its password")
  void unreadableTrustStoreIsAUsageError(@TempDir Path dir) {
    Path missing = dir.resolve("missing-truststore.p12");
    String password = "store-pass-" + System.nanoTime();

    Cli.Run run =
        repository(
            "check",
            "--registry",
            "https://127.0.0.1:9/apis/ccompat/v7",
            "--registry-truststore",
            missing.toString(),
            "--registry-truststore-password",
            password);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .contains("Could not load the schema registry's TLS stores")
        .contains("missing-truststore.p12")
        .doesNotContain(password);
  }

  private static Cli.Run repository(String... args) {
    String[] all =
        Stream.concat(
                Stream.of(args),
                Stream.of(
                    "--schemas", ROOT.resolve("schemas").toString(),
                    "--releases", ROOT.resolve("schemas/releases").toString(),
                    "--asyncapi", ROOT.resolve("asyncapi.yaml").toString()))
            .toArray(String[]::new);
    return Cli.run(all);
  }

  /** Removes {@code unitOfMeasure} (no default) from StockLevelChanged: a FULL_TRANSITIVE break. */
  private static void removeUnitOfMeasure(Path schemas) throws IOException {
    Path file = schemas.resolve("events/StockLevelChanged.avsc");
    String avsc = Files.readString(file);
    String broken =
        avsc.replaceAll(
            "\\{\\s*\"name\": \"unitOfMeasure\",\\s*\"type\": \"UnitOfMeasure\",\\s*\"doc\":"
                + " \"[^\"]*\"\\s*},",
            "");
    assertThat(broken).as("the fixture edit applies").isNotEqualTo(avsc);
    Files.writeString(file, broken);
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> tree = Files.walk(from)) {
      for (Path source :
          (Iterable<Path>) tree.filter(p -> !p.startsWith(from.resolve("releases")))::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    return to;
  }
}
