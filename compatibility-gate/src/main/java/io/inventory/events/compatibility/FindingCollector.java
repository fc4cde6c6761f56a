package io.inventory.events.compatibility;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every finding of one check before anything is reported, with what was checked, then
 * turns them into a {@link Report}: the same incompatibility found against several releases becomes
 * one finding listing them all, approvals are applied, breaks come first. Not thread-safe: one per
 * check.
 */
final class FindingCollector {
  private final List<Finding> findings = new ArrayList<>();
  private final List<String> checked = new ArrayList<>();

  void add(List<Finding> more) {
    findings.addAll(more);
  }

  /** Adds findings found against {@code version}, unless they already say where they were found. */
  void addAgainst(String version, List<Finding> more) {
    findings.addAll(tag(more, version));
  }

  /** What was compared, for example {@code release 1.0.0}; in the order it was compared. */
  List<String> checked() {
    return checked;
  }

  Report report(ApprovedBreaks approvals, List<String> registryVerdicts) {
    List<Finding> result = approvals.apply(merge(findings));
    result.sort(Comparator.comparing(Finding::severity));
    return new Report(result, checked, registryVerdicts);
  }

  static List<Finding> tag(List<Finding> findings, String version) {
    List<Finding> tagged = new ArrayList<>();
    findings.forEach(f -> tagged.add(f.against().isEmpty() ? f.against(List.of(version)) : f));
    return tagged;
  }

  /** The same incompatibility found against several releases is one finding listing them all. */
  private static List<Finding> merge(List<Finding> findings) {
    Map<List<Object>, Finding> merged = new LinkedHashMap<>();
    for (Finding f : findings) {
      List<Object> key =
          List.of(
              f.rule(),
              f.severity(),
              f.direction(),
              f.subject(),
              f.file(),
              f.path(),
              f.message(),
              f.hint());
      Finding seen = merged.get(key);
      if (seen == null) {
        merged.put(key, f);
      } else {
        List<String> against = new ArrayList<>(seen.against());
        f.against().stream().filter(v -> !against.contains(v)).forEach(against::add);
        merged.put(
            key, seen.against(against).acceptedByAvro(seen.acceptedByAvro() && f.acceptedByAvro()));
      }
    }
    return new ArrayList<>(merged.values());
  }
}
