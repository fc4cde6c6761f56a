package io.inventory.events.compatibility;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One incompatibility (or note) the gate found: which rule, where (subject, file, field path), who
 * breaks, against which releases, and a plain-words message with its fix. {@link #line()} renders
 * it the way people read it:
 *
 * <pre>
 * schemas/events/StockLevelChanged.avsc: field "unitOfMeasure" was removed from "StockLevelChangedPayload"
 * without a default; old consumers can no longer read new events. Restore it or give it a default. (FIELD_NO_DELETE)
 * </pre>
 *
 * Instances are immutable and thread-safe.
 */
public final class Finding {

  /** How a finding affects the gate's verdict. */
  public enum Severity {
    /** An incompatibility: the gate fails. */
    BREAKING,
    /**
     * An incompatibility that matches an entry of the approved-breaks file exactly: reported, does
     * not fail.
     */
    APPROVED,
    /** Information only, for example a new event type that old consumers skip. */
    NOTE
  }

  /**
   * Which readers the change breaks; Avro resolves data with the reader's schema against the
   * writer's.
   */
  public enum Direction {
    /**
     * Consumers built on a release can no longer read events written with the working schema
     * (forward).
     */
    OLD_READS_NEW("old consumers can no longer read new events"),
    /**
     * Consumers built on the working schema can no longer read events written with a release
     * (backward).
     */
    NEW_READS_OLD("new consumers can no longer read old events"),
    /** Both of the above. */
    BOTH("old consumers can no longer read new events, nor new consumers old ones"),
    /**
     * Events written today still read both ways, but consumers built on the working schema lose
     * what the contract promises them for events of a later version: an enum default, which lets
     * them read symbols a later version adds. A break of the contract's evolution policy, which
     * Avro and registries do not see.
     */
    NEW_READS_LATER("consumers built on the new schema cannot read what a later version adds"),
    /**
     * Not about decoding data: notes, schema files that do not parse, the AsyncAPI document,
     * approvals. The message says who is affected.
     */
    NONE("");

    private final String consequence;

    Direction(String consequence) {
      this.consequence = consequence;
    }

    /** Plain words for the message, for example "old consumers can no longer read new events". */
    public String consequence() {
      return consequence;
    }

    /** Combines directions of today's data; the others leave it as it is. */
    Direction merge(Direction other) {
      if (this == other || !other.aboutTodaysData()) {
        return this;
      }
      return aboutTodaysData() ? BOTH : other;
    }

    private boolean aboutTodaysData() {
      return this == OLD_READS_NEW || this == NEW_READS_OLD || this == BOTH;
    }
  }

  private final Rule rule;
  private final Severity severity;
  private final Direction direction;
  private final String subject;
  private final String file;
  private final String path;
  private final String message;
  private final String hint;
  private final List<String> against;
  private final boolean acceptedByAvro;
  private final String approval;

  Finding(
      Rule rule,
      Severity severity,
      Direction direction,
      String subject,
      String file,
      String path,
      String message,
      String hint,
      List<String> against,
      boolean acceptedByAvro,
      String approval) {
    this.rule = Objects.requireNonNull(rule, "rule == null");
    this.severity = Objects.requireNonNull(severity, "severity == null");
    this.direction = Objects.requireNonNull(direction, "direction == null");
    this.subject = Objects.requireNonNull(subject, "subject == null");
    this.file = Objects.requireNonNull(file, "file == null");
    this.path = Objects.requireNonNull(path, "path == null");
    this.message = Objects.requireNonNull(message, "message == null");
    this.hint = Objects.requireNonNull(hint, "hint == null");
    this.against = Collections.unmodifiableList(new ArrayList<>(against));
    this.acceptedByAvro = acceptedByAvro;
    this.approval = approval;
  }

  static Finding of(
      Rule rule,
      Direction direction,
      String subject,
      String file,
      String path,
      String message,
      String hint) {
    Severity severity = rule == Rule.EVENT_TYPE_NEW_IS_SKIPPED ? Severity.NOTE : Severity.BREAKING;
    return new Finding(
        rule, severity, direction, subject, file, path, message, hint, List.of(), false, null);
  }

  Finding against(List<String> versions) {
    return copy(severity, versions, acceptedByAvro, approval);
  }

  Finding acceptedByAvro(boolean accepted) {
    return copy(severity, against, accepted, approval);
  }

  Finding approved(String approvalText) {
    return copy(Severity.APPROVED, against, acceptedByAvro, approvalText);
  }

  private Finding copy(
      Severity severity, List<String> against, boolean acceptedByAvro, String approval) {
    return new Finding(
        rule,
        severity,
        direction,
        subject,
        file,
        path,
        message,
        hint,
        against,
        acceptedByAvro,
        approval);
  }

  /** The rule that produced this finding. */
  public Rule rule() {
    return rule;
  }

  /** Whether the finding fails the gate. */
  public Severity severity() {
    return severity;
  }

  /** Who breaks. */
  public Direction direction() {
    return direction;
  }

  /**
   * The event type's full record name (its registry subject is {@code
   * inventory.<env>.events-<name>} under TopicRecordNameStrategy); for AsyncAPI findings the
   * channel or message; for approvals the approved subject.
   */
  public String subject() {
    return subject;
  }

  /**
   * The file to change, relative to where the gate ran, for example {@code
   * schemas/events/StockLevelChanged.avsc}.
   */
  public String file() {
    return file;
  }

  /**
   * Dotted field path from the event's top-level record, for example {@code
   * payload.batchInfo.batchId}; "" for the record itself.
   */
  public String path() {
    return path;
  }

  /** Past-tense description quoting names, old → new, and who breaks; without the fix. */
  public String message() {
    return message;
  }

  /** How to fix it, one sentence. */
  public String hint() {
    return hint;
  }

  /**
   * The released versions (or registry versions, for example {@code registry v3}) the finding was
   * found against.
   */
  public List<String> against() {
    return against;
  }

  /**
   * True when Avro's own {@code SchemaCompatibility} (and so a Confluent-API registry) accepts the
   * change in this finding's direction: the finding exists only because of the gate's own rules.
   */
  public boolean acceptedByAvro() {
    return acceptedByAvro;
  }

  /**
   * The approval's reason and approver when {@link #severity()} is {@link Severity#APPROVED}, else
   * null.
   */
  public String approval() {
    return approval;
  }

  /** The line people read: {@code file: message hint (RULE)}. */
  public String line() {
    return file + ": " + message + (hint.isEmpty() ? "" : " " + hint) + " (" + rule.id() + ")";
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Finding)) {
      return false;
    }
    Finding that = (Finding) other;
    return rule == that.rule
        && severity == that.severity
        && direction == that.direction
        && subject.equals(that.subject)
        && file.equals(that.file)
        && path.equals(that.path)
        && message.equals(that.message)
        && hint.equals(that.hint)
        && against.equals(that.against)
        && acceptedByAvro == that.acceptedByAvro
        && Objects.equals(approval, that.approval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rule, severity, direction, subject, file, path, message, against);
  }

  @Override
  public String toString() {
    return severity + " " + direction + " " + subject + " " + path + " " + line();
  }
}
