package io.inventory.events.compatibility;

import java.util.ArrayList;
import java.util.List;

/** Collects the findings of one comparison (one event type, old version against new). */
final class Findings {
  private final String subject;
  private final List<Finding> findings = new ArrayList<>();

  Findings(String subject) {
    this.subject = subject;
  }

  void report(
      Rule rule,
      Finding.Direction direction,
      String file,
      String path,
      String message,
      String hint) {
    findings.add(Finding.of(rule, direction, subject, file, path, message, hint));
  }

  /**
   * For what Avro's own check cannot see (logical types, enum defaults): marked as accepted by Avro
   * whatever else changed.
   */
  void reportBeyondAvro(
      Rule rule,
      Finding.Direction direction,
      String file,
      String path,
      String message,
      String hint) {
    findings.add(
        Finding.of(rule, direction, subject, file, path, message, hint).acceptedByAvro(true));
  }

  String subject() {
    return subject;
  }

  List<Finding> all() {
    return findings;
  }
}
