package io.inventory.events.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of schema changes under {@code src/test/resources/fixtures/<case>/{previous,current}}:
 * each case's {@code expected.txt} names the one finding (rule, direction, path, the whole message,
 * whether Avro alone accepts it) or says the change is compatible.
 */
class FixtureCorpusTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(FIXTURES)) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  static Report check(String name) {
    Path dir = FIXTURES.resolve(name);
    return CompatibilityGate.newBuilder()
        .schemas(dir.resolve("current"), "schemas")
        .release("previous", dir.resolve("previous"))
        .build()
        .check();
  }

  static Map<String, String> expected(String name) throws IOException {
    Map<String, String> expected = new LinkedHashMap<>();
    for (String line : Files.readAllLines(FIXTURES.resolve(name).resolve("expected.txt"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        expected.put(
            line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return expected;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void changeGivesExactlyTheExpectedFinding(String name) throws IOException {
    Map<String, String> expected = expected(name);
    Report report = check(name);

    switch (expected.get("verdict")) {
      case "compatible":
        assertThat(report.findings()).as(report.render(Report.Format.TEXT)).isEmpty();
        return;
      case "passes":
        assertThat(report.passed()).as(report.render(Report.Format.TEXT)).isTrue();
        break;
      default:
        assertThat(report.passed()).as(report.render(Report.Format.TEXT)).isFalse();
    }
    assertThat(report.findings()).as(report.render(Report.Format.TEXT)).hasSize(1);
    Finding finding = report.findings().get(0);
    String[] rulePathDirection = expected.get("finding").split(" ");
    assertThat(finding.rule().id()).isEqualTo(rulePathDirection[0]);
    assertThat(finding.direction().name()).isEqualTo(rulePathDirection[1]);
    assertThat(finding.path())
        .isEqualTo(rulePathDirection[2].equals("-") ? "" : rulePathDirection[2]);
    assertThat(finding.line()).isEqualTo(expected.get("message"));
    assertThat(finding.acceptedByAvro())
        .as("accepted by Avro")
        .isEqualTo(Boolean.parseBoolean(expected.get("acceptedByAvro")));
    assertThat(finding.against())
        .isEqualTo(finding.severity() == Finding.Severity.NOTE ? List.of() : List.of("previous"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyFindingBeyondAvroComesFromARuleThatSaysSo(String name) {
    for (Finding finding : check(name).findings()) {
      if (finding.acceptedByAvro() && finding.direction() != Finding.Direction.NONE) {
        assertThat(finding.rule().beyondAvro() || finding.rule() == Rule.RECORD_SAME_NAME)
            .as(finding.toString())
            .isTrue();
      }
    }
  }
}
