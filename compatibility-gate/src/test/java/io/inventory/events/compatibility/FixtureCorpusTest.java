package io.inventory.events.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpora of cases under {@code src/test/resources/<corpus>/<case>/{previous,current}}, each
 * with an {@code expected.txt} that names the one finding (rule, direction, path, the whole
 * message, whether Avro alone accepts it) or says the change is compatible:
 *
 * <ul>
 *   <li>{@code fixtures/}: one schema change per rule, replayed against a real registry by
 *       conformance-tests;
 *   <li>{@code layouts/}: the ways of spreading schemas over files that the code generator accepts
 *       (a shared type using one that sorts after it, a payload record in its own file) and a name
 *       no file defines.
 * </ul>
 */
class FixtureCorpusTest {
  static final Path RESOURCES = Path.of("src/test/resources");

  static Stream<String> cases() throws IOException {
    List<String> cases = new ArrayList<>();
    for (String corpus : List.of("fixtures", "layouts")) {
      try (Stream<Path> dirs = Files.list(RESOURCES.resolve(corpus))) {
        dirs.filter(Files::isDirectory)
            .map(dir -> corpus + "/" + dir.getFileName())
            .sorted()
            .forEach(cases::add);
      }
    }
    return cases.stream();
  }

  static Report check(String name) {
    Path dir = RESOURCES.resolve(name);
    return CompatibilityGate.newBuilder()
        .schemas(dir.resolve("current"), "schemas")
        .release("previous", dir.resolve("previous"))
        .build()
        .check();
  }

  static Map<String, String> expected(String name) throws IOException {
    Map<String, String> expected = new LinkedHashMap<>();
    for (String line : Files.readAllLines(RESOURCES.resolve(name).resolve("expected.txt"))) {
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
    // Found against the release, unless it is a note or expected.txt says "against: none" (a
    // problem of the working set alone).
    boolean againstRelease =
        finding.severity() != Finding.Severity.NOTE
            && !"none".equals(expected.getOrDefault("against", "previous"));
    assertThat(finding.against()).isEqualTo(againstRelease ? List.of("previous") : List.of());
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
