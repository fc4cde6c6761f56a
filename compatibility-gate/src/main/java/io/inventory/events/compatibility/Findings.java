package io.inventory.events.compatibility;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the findings of one comparison (one event type, old version against new); the rule
 * handlers report into it.
 */
final class Findings {
  private final String subject;
  private final List<Finding> findings;
  private final boolean acceptedByAvro;

  Findings(String subject) {
    this(subject, new ArrayList<>(), false);
  }

  private Findings(String subject, List<Finding> findings, boolean acceptedByAvro) {
    this.subject = subject;
    this.findings = findings;
    this.acceptedByAvro = acceptedByAvro;
  }

  /**
   * The same collection, for what Avro's own check cannot see (logical types, enum defaults): what
   * is reported through it is marked as accepted by Avro, whatever else changed.
   */
  Findings beyondAvro() {
    return new Findings(subject, findings, true);
  }

  void report(
      Rule rule,
      Finding.Direction direction,
      String file,
      String path,
      String message,
      String hint) {
    Finding finding = Finding.of(rule, direction, subject, file, path, message, hint);
    findings.add(acceptedByAvro ? finding.acceptedByAvro(true) : finding);
  }

  List<Finding> all() {
    return findings;
  }
}
