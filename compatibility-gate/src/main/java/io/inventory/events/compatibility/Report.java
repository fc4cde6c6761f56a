package io.inventory.events.compatibility;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Everything one run of the gate found, collected before anything is reported: breaks, approved
 * breaks, notes, and what was checked. {@link #render(Format)} writes it for people ({@link
 * Format#TEXT}) or machines ({@link Format#JSON}, {@link Format#JUNIT} XML, {@link Format#GITHUB}
 * workflow annotations). Instances are immutable and thread-safe.
 */
public final class Report {

  /** Output formats. */
  public enum Format {
    /** For people: one line per finding, where it was found, and a summary. */
    TEXT,
    /** For CI tools: every finding with all its fields. */
    JSON,
    /**
     * JUnit XML: one test case per rule, a failed one per break; CI servers show it as a test
     * report.
     */
    JUNIT,
    /**
     * GitHub Actions workflow commands ({@code ::error file=...::}) that annotate the pull request.
     */
    GITHUB;

    /** Parses {@code text}, {@code json}, {@code junit} or {@code github}, ignoring case. */
    public static Format parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Unknown report format \"" + name + "\"; use text, json, junit or github.");
      }
    }
  }

  private final List<Finding> findings;
  private final List<String> checked;
  private final List<String> registryVerdicts;

  Report(List<Finding> findings, List<String> checked, List<String> registryVerdicts) {
    this.findings = Collections.unmodifiableList(new ArrayList<>(findings));
    this.checked = Collections.unmodifiableList(new ArrayList<>(checked));
    this.registryVerdicts = Collections.unmodifiableList(new ArrayList<>(registryVerdicts));
  }

  /** Every finding: breaks first, then approved breaks, then notes. */
  public List<Finding> findings() {
    return findings;
  }

  /** The findings that fail the gate. */
  public List<Finding> breaks() {
    return withSeverity(Finding.Severity.BREAKING);
  }

  /** Breaks that match an approval exactly; they do not fail the gate. */
  public List<Finding> approved() {
    return withSeverity(Finding.Severity.APPROVED);
  }

  /** Information only, for example new event types. */
  public List<Finding> notes() {
    return withSeverity(Finding.Severity.NOTE);
  }

  /** True when there is no break. */
  public boolean passed() {
    return breaks().isEmpty();
  }

  /**
   * What was compared, for example {@code release 1.0.0} or {@code registry subject
   * inventory.dev.events-... v2}.
   */
  public List<String> checked() {
    return checked;
  }

  /** The live registry's own verdict per subject, in words, when a registry was given. */
  public List<String> registryVerdicts() {
    return registryVerdicts;
  }

  /** The report in {@code format}. */
  public String render(Format format) {
    switch (format) {
      case JSON:
        return ReportRenderer.json(this);
      case JUNIT:
        return ReportRenderer.junit(this);
      case GITHUB:
        return ReportRenderer.github(this);
      default:
        return ReportRenderer.text(this);
    }
  }

  private List<Finding> withSeverity(Finding.Severity severity) {
    List<Finding> selected = new ArrayList<>();
    for (Finding finding : findings) {
      if (finding.severity() == severity) {
        selected.add(finding);
      }
    }
    return Collections.unmodifiableList(selected);
  }

  @Override
  public String toString() {
    return render(Format.TEXT);
  }
}
