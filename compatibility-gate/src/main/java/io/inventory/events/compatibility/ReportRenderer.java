package io.inventory.events.compatibility;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a {@link Report} as text, JSON, JUnit XML or GitHub workflow commands. */
final class ReportRenderer {
  private ReportRenderer() {}

  static String text(Report report) {
    StringBuilder out = new StringBuilder();
    section(out, "Breaking changes", report.breaks(), false);
    section(out, "Approved breaks", report.approved(), true);
    section(out, "Notes", report.notes(), false);
    for (String verdict : report.registryVerdicts()) {
      out.append("registry: ").append(verdict).append('\n');
    }
    out.append(report.passed() ? "PASSED" : "FAILED")
        .append(": ")
        .append(count(report.breaks().size(), "breaking change"))
        .append(", ")
        .append(report.approved().size())
        .append(" approved, ")
        .append(count(report.notes().size(), "note"))
        .append(" (FULL_TRANSITIVE against ")
        .append(report.checked().isEmpty() ? "nothing" : String.join(", ", report.checked()))
        .append(").\n");
    return out.toString();
  }

  private static void section(
      StringBuilder out, String title, List<Finding> findings, boolean withApproval) {
    if (findings.isEmpty()) {
      return;
    }
    out.append(title).append(":\n");
    // One line per incompatibility; the event types and releases it affects are listed under it.
    Map<String, List<Finding>> byLine = new LinkedHashMap<>();
    findings.forEach(
        finding -> byLine.computeIfAbsent(finding.line(), line -> new ArrayList<>()).add(finding));
    byLine.forEach(
        (line, same) -> {
          out.append(line).append('\n');
          for (Finding finding : same) {
            if (finding.path().isEmpty()
                && finding.against().isEmpty()
                && finding.approval() == null) {
              continue; // the line says it all
            }
            out.append("    at ").append(finding.subject());
            if (!finding.path().isEmpty()) {
              out.append(' ').append(finding.path());
            }
            if (!finding.against().isEmpty()) {
              out.append(", against ").append(String.join(", ", finding.against()));
            }
            if (finding.acceptedByAvro() && finding.direction() != Finding.Direction.NONE) {
              out.append(" (Avro's own check accepts this)");
            }
            out.append('\n');
            if (withApproval && finding.approval() != null) {
              out.append("    approved: ").append(finding.approval()).append('\n');
            }
          }
        });
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static String json(Report report) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("passed", report.passed());
    ObjectNode summary = root.putObject("summary");
    summary.put("breaking", report.breaks().size());
    summary.put("approved", report.approved().size());
    summary.put("notes", report.notes().size());
    ArrayNode checked = root.putArray("checked");
    report.checked().forEach(checked::add);
    ArrayNode findings = root.putArray("findings");
    for (Finding finding : report.findings()) {
      ObjectNode node = findings.addObject();
      node.put("rule", finding.rule().id());
      node.put("severity", finding.severity().name());
      node.put("direction", finding.direction().name());
      node.put("subject", finding.subject());
      node.put("file", finding.file());
      node.put("path", finding.path());
      node.put("message", finding.message());
      node.put("hint", finding.hint());
      ArrayNode against = node.putArray("against");
      finding.against().forEach(against::add);
      node.put("acceptedByAvro", finding.acceptedByAvro());
      if (finding.approval() != null) {
        node.put("approval", finding.approval());
      }
      node.put("text", finding.line());
    }
    ArrayNode registry = root.putArray("registry");
    report.registryVerdicts().forEach(registry::add);
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String junit(Report report) {
    List<String> cases = new ArrayList<>();
    int failures = 0;
    for (Rule rule : Rule.values()) {
      List<Finding> breaks = new ArrayList<>();
      List<Finding> others = new ArrayList<>();
      for (Finding finding : report.findings()) {
        if (finding.rule() == rule) {
          (finding.severity() == Finding.Severity.BREAKING ? breaks : others).add(finding);
        }
      }
      for (Finding finding : breaks) {
        failures++;
        cases.add(
            "  <testcase classname=\""
                + xml(finding.file())
                + "\" name=\""
                + xml(
                    rule.id()
                        + " "
                        + finding.subject()
                        + (finding.path().isEmpty() ? "" : " " + finding.path()))
                + "\">\n"
                + "    <failure message=\""
                + xml(finding.line())
                + "\" type=\""
                + rule.id()
                + "\">"
                + xml(detail(finding))
                + "</failure>\n  </testcase>");
      }
      if (breaks.isEmpty()) {
        StringBuilder out = new StringBuilder();
        others.forEach(
            finding ->
                out.append(finding.severity()).append(": ").append(finding.line()).append('\n'));
        cases.add(
            "  <testcase classname=\"compatibility-gate\" name=\""
                + rule.id()
                + "\">"
                + (out.length() == 0
                    ? ""
                    : "\n    <system-out>" + xml(out.toString()) + "</system-out>\n  ")
                + "</testcase>");
      }
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<testsuite name=\"compatibility-gate\" tests=\""
        + cases.size()
        + "\" failures=\""
        + failures
        + "\" errors=\"0\" skipped=\"0\">\n"
        + String.join("\n", cases)
        + "\n</testsuite>\n";
  }

  private static String detail(Finding finding) {
    return finding.line()
        + "\nsubject: "
        + finding.subject()
        + "\npath: "
        + finding.path()
        + "\ndirection: "
        + finding.direction()
        + "\nagainst: "
        + String.join(", ", finding.against());
  }

  static String github(Report report) {
    StringBuilder out = new StringBuilder();
    for (Finding finding : report.findings()) {
      String command =
          finding.severity() == Finding.Severity.BREAKING
              ? "error"
              : finding.severity() == Finding.Severity.APPROVED ? "warning" : "notice";
      out.append("::")
          .append(command)
          .append(" file=")
          .append(property(finding.file()))
          .append(",title=")
          .append(property(finding.rule().id()))
          .append("::")
          .append(
              data(
                  finding.message()
                      + " "
                      + finding.hint()
                      + (finding.against().isEmpty()
                          ? ""
                          : " (against " + String.join(", ", finding.against()) + ")")))
          .append('\n');
    }
    return out.toString();
  }

  private static String data(String value) {
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String value) {
    return data(value).replace(":", "%3A").replace(",", "%2C");
  }

  private static String xml(String value) {
    return value
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
