package io.inventory.events.compatibility;

import io.inventory.events.registry.CompatibilityVerdict;
import io.inventory.events.registry.RegisteredSchema;
import io.inventory.events.registry.RegistrySettings;
import io.inventory.events.registry.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * The working schemas against a live Confluent-API registry: every registered version of every
 * subject of the channel, with the same rules as against a release, plus the registry's own
 * compatibility verdict, so a rejection no rule explains is still reported ({@link
 * Rule#REGISTRY_ACCEPTS}).
 */
final class RegistryCheck {
  private final RegistrySettings settings;
  private final Pattern subjectPattern;
  private final String schemasDisplay;

  RegistryCheck(RegistrySettings settings, Pattern subjectPattern, String schemasDisplay) {
    this.settings = settings;
    this.subjectPattern = subjectPattern;
    this.schemasDisplay = schemasDisplay;
  }

  /**
   * Findings against every registered version of every subject of the channel, and the registry's
   * own verdict on the working schema per subject.
   *
   * @param known event types some release has; the registry's are added
   * @param checked what was compared; every registry version is added
   * @param verdicts the registry's own verdict per subject, in words, is added here
   * @throws io.inventory.events.registry.SchemaRegistryException when the registry refuses or
   *     cannot be reached
   */
  List<Finding> check(
      SchemaSet working, Set<String> known, List<String> checked, List<String> verdicts) {
    SchemaRegistryClient client = client();
    List<Finding> findings = new ArrayList<>();
    for (String subject : client.subjects()) {
      if (!subjectPattern.matcher(subject).matches()) {
        continue;
      }
      Schema current = null;
      String recordName = null;
      for (int number : client.versions(subject)) {
        RegisteredSchema version = client.version(subject, number);
        if (!"AVRO".equalsIgnoreCase(version.schemaType())) {
          continue;
        }
        Schema registered = new Schema.Parser().parse(version.schema());
        recordName = registered.getFullName();
        known.add(recordName);
        String label = "registry " + subject + " v" + version.version();
        checked.add(label);
        current = working.events().get(recordName);
        if (current != null) {
          SchemaSet old = SchemaSet.of(Map.of(recordName, registered), label);
          findings.addAll(
              FindingCollector.tag(
                  SchemaDiff.compare(recordName, registered, current, old, working), label));
        }
      }
      if (recordName == null) {
        continue;
      }
      if (current == null) {
        String simpleName = recordName.substring(recordName.lastIndexOf('.') + 1);
        findings.add(
            EventTypeRules.eventTypeNoDelete(
                    new Schema.Parser()
                        .parse(
                            client
                                .version(
                                    subject,
                                    client
                                        .versions(subject)
                                        .get(client.versions(subject).size() - 1))
                                .schema()),
                    schemasDisplay + "/events/" + simpleName + ".avsc")
                .against(List.of("registry " + subject)));
        continue;
      }
      CompatibilityVerdict verdict = client.checkCompatibility(subject, current.toString());
      verdicts.add(
          subject
              + (verdict.compatible() ? " accepts" : " rejects")
              + " the working schema"
              + (verdict.messages().isEmpty() ? "" : ": " + String.join("; ", verdict.messages())));
      String name = recordName;
      boolean explained =
          findings.stream()
              .anyMatch(
                  f ->
                      f.subject().equals(name)
                          && f.severity() == Finding.Severity.BREAKING
                          && f.direction() != Finding.Direction.NONE);
      if (!verdict.compatible() && !explained) {
        findings.add(
            Finding.of(
                    Rule.REGISTRY_ACCEPTS,
                    Finding.Direction.NONE,
                    recordName,
                    working.eventFile(recordName),
                    "",
                    "the registry rejected the working schema of subject \""
                        + subject
                        + "\" although no rule found a break"
                        + (verdict.messages().isEmpty()
                            ? ""
                            : " (" + String.join("; ", verdict.messages()) + ")")
                        + "; registering it will fail.",
                    "Check the subject's compatibility level and its registered versions.")
                .against(List.of("registry " + subject)));
      }
    }
    return findings;
  }

  private SchemaRegistryClient client() {
    return new SchemaRegistryClient(settings);
  }
}
