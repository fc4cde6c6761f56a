package io.inventory.events.compatibility;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The working schemas (and AsyncAPI document) against one release after another: every released
 * event type against its working version, removed and renamed event types, and the document's
 * channels and keys against the release's copy. It remembers which event types some release (or
 * registry) has, so that those no release has are noted as new. Not thread-safe: one per check.
 */
final class ReleaseComparison {
  private final SchemaSet working;
  private final AsyncApiDocument document;
  private final Set<String> known = new HashSet<>();
  private final Set<String> renamedTo = new HashSet<>();

  /**
   * @param document the working AsyncAPI document, or null when there is none
   */
  ReleaseComparison(SchemaSet working, AsyncApiDocument document) {
    this.working = working;
    this.document = document;
  }

  /** All findings against release {@code version} in {@code directory}, not yet tagged with it. */
  List<Finding> compare(String version, Path directory) {
    SchemaSet released = SchemaSetReader.read(directory, CompatibilityGate.display(directory));
    List<Finding> findings = new ArrayList<>(released.parseFindings());
    known.addAll(released.events().keySet());
    working.events().keySet().stream()
        .filter(name -> released.couldNotRead(name, working))
        .forEach(known::add);
    findings.addAll(compareEventTypes(released));
    Path releasedAsyncApi = directory.resolve("asyncapi.yaml");
    if (document != null && Files.isRegularFile(releasedAsyncApi)) {
      AsyncApiDocument old =
          AsyncApiDocument.load(releasedAsyncApi, CompatibilityGate.display(releasedAsyncApi));
      AsyncApiRules.channelSameAddress(findings, old, document, version);
      AsyncApiRules.channelParameterNoDelete(findings, old, document, version);
      AsyncApiRules.messageSameKey(findings, old, document, version);
    }
    return findings;
  }

  /**
   * The event types some release or registry version has: those are not new, even when this
   * comparison has not seen them.
   */
  Set<String> known() {
    return known;
  }

  /** {@link Rule#EVENT_TYPE_NEW_IS_SKIPPED} notes for the working event types no release has. */
  List<Finding> newEventTypes() {
    List<Finding> notes = new ArrayList<>();
    working
        .events()
        .forEach(
            (name, schema) -> {
              if (!known.contains(name) && !renamedTo.contains(name)) {
                notes.add(EventTypeRules.eventTypeNewIsSkipped(schema, working.eventFile(name)));
              }
            });
    return notes;
  }

  private List<Finding> compareEventTypes(SchemaSet released) {
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, Schema> event : released.events().entrySet()) {
      Schema current = working.events().get(event.getKey());
      if (current != null) {
        findings.addAll(
            SchemaDiff.compare(event.getKey(), event.getValue(), current, released, working));
      } else if (!working.couldNotRead(event.getKey(), released)) {
        findings.add(missing(released, event.getValue()));
      } // else its SCHEMA_PARSES finding fails the gate already
    }
    return findings;
  }

  /** A released event type the working schemas lack: renamed (same simple name) or removed. */
  private Finding missing(SchemaSet released, Schema gone) {
    Schema moved =
        working.events().values().stream()
            .filter(
                s ->
                    s.getName().equals(gone.getName())
                        && !released.events().containsKey(s.getFullName()))
            .findFirst()
            .orElse(null);
    if (moved == null) {
      return EventTypeRules.eventTypeNoDelete(
          gone, released.eventFileIn(working, gone.getFullName()));
    }
    renamedTo.add(moved.getFullName());
    return EventTypeRules.eventTypeSameName(gone, moved, working.eventFile(moved.getFullName()));
  }
}
