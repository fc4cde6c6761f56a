package io.inventory.events.compatibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reviewed file of breaks a team accepted on purpose ({@code
 * schemas/releases/approved-breaks.yaml}). An approval matches a finding only on exact subject,
 * rule and path; an approval that matches nothing is stale and fails the gate ({@link
 * Rule#APPROVAL_MATCHES_FINDING}), so the file never approves more than the change it was written
 * for.
 */
final class ApprovedBreaks {
  record Approval(
      String subject, Rule rule, String path, String reason, String approvedBy, int index) {}

  private final List<Approval> approvals;
  private final String displayName;

  private ApprovedBreaks(List<Approval> approvals, String displayName) {
    this.approvals = approvals;
    this.displayName = displayName;
  }

  static ApprovedBreaks none() {
    return new ApprovedBreaks(List.of(), "");
  }

  /**
   * @throws IllegalArgumentException naming the file and entry when an approval lacks a key or
   *     names an unknown rule
   */
  static ApprovedBreaks load(Path file, String displayName) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read approved breaks " + displayName + ": " + e.getMessage(), e);
    }
    List<Approval> approvals = new ArrayList<>();
    JsonNode entries = root == null ? null : root.path("approvals");
    if (entries == null || entries.isMissingNode() || entries.isNull()) {
      return new ApprovedBreaks(approvals, displayName);
    }
    int index = 0;
    for (JsonNode entry : entries) {
      index++;
      String ruleId = required(entry, "rule", index, displayName);
      Rule rule;
      try {
        rule = Rule.valueOf(ruleId);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            displayName
                + ": approval "
                + index
                + " names unknown rule \""
                + ruleId
                + "\"; CompatibilityGate --list-rules prints the rules.");
      }
      approvals.add(
          new Approval(
              required(entry, "subject", index, displayName),
              rule,
              entry.path("path").asText(""),
              required(entry, "reason", index, displayName),
              required(entry, "approvedBy", index, displayName),
              index));
    }
    return new ApprovedBreaks(approvals, displayName);
  }

  private static String required(JsonNode entry, String key, int index, String displayName) {
    String value = entry.path(key).asText("").trim();
    if (value.isEmpty()) {
      throw new IllegalArgumentException(
          displayName
              + ": approval "
              + index
              + " has no \""
              + key
              + "\"; every approval needs subject, rule, path, reason and approvedBy.");
    }
    return value;
  }

  /**
   * Marks exactly matching breaks as approved, and adds a finding for every approval that matched
   * nothing.
   */
  List<Finding> apply(List<Finding> findings) {
    List<Finding> result = new ArrayList<>();
    boolean[] used = new boolean[approvals.size()];
    for (Finding finding : findings) {
      Finding outcome = finding;
      if (finding.severity() == Finding.Severity.BREAKING) {
        for (int i = 0; i < approvals.size(); i++) {
          Approval approval = approvals.get(i);
          if (approval.subject().equals(finding.subject())
              && approval.rule() == finding.rule()
              && approval.path().equals(finding.path())) {
            used[i] = true;
            outcome =
                finding.approved(
                    approval.reason() + " (approved by " + approval.approvedBy() + ")");
            break;
          }
        }
      }
      result.add(outcome);
    }
    for (int i = 0; i < approvals.size(); i++) {
      if (!used[i]) {
        Approval stale = approvals.get(i);
        result.add(
            Finding.of(
                Rule.APPROVAL_MATCHES_FINDING,
                Finding.Direction.NONE,
                stale.subject(),
                displayName,
                stale.path(),
                "approval "
                    + stale.index()
                    + " ("
                    + stale.rule().id()
                    + " on \""
                    + stale.subject()
                    + "\" at \""
                    + stale.path()
                    + "\") no longer matches any finding; a stale approval would silently approve a"
                    + " later break.",
                "Remove the approval, or correct its subject, rule and path to the finding's exact"
                    + " values."));
      }
    }
    return result;
  }
}
