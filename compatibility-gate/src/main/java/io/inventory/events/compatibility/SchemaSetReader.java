package io.inventory.events.compatibility;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.JsonSchemaParser;
import org.apache.avro.ParseContext;
import org.apache.avro.Schema;

/**
 * Reads a directory laid out like {@code schemas/} into a {@link SchemaSet} the way the code
 * generator (avro-maven-plugin's {@code SchemaParser}) reads it: every file's named types go into
 * one parse context first, and names are resolved across all files afterwards, so a file may use a
 * type that a file sorting after it defines (a shared type using another, an event using a payload
 * record in a file of its own).
 *
 * <p>What cannot be read is collected, not thrown: a file that does not parse, and each name a file
 * uses that no file defines, is one {@link Rule#SCHEMA_PARSES} finding for that file. Files that
 * merely use a broken file's types are left unread without a finding of their own, so one mistake
 * is reported once.
 */
final class SchemaSetReader {
  // Only common/ and events/: schemas/releases/ lives inside the working directory and is not part
  // of it.
  private static final List<String> PARTS = List.of("common", "events");

  private final Path directory;
  private final String displayRoot;

  private SchemaSetReader(Path directory, String displayRoot) {
    this.directory = directory;
    this.displayRoot = displayRoot;
  }

  /**
   * Reads every {@code .avsc} under {@code directory/common} and {@code directory/events}.
   *
   * @param displayRoot how findings spell {@code directory}, for example {@code schemas}
   * @throws UncheckedIOException when the directory cannot be listed
   */
  static SchemaSet read(Path directory, String displayRoot) {
    return new SchemaSetReader(directory, displayRoot).read();
  }

  private SchemaSet read() {
    List<SchemaFile> files = index(files());
    Set<String> defined = new HashSet<>();
    Set<String> hidden = new HashSet<>();
    for (SchemaFile file : files) {
      if (file.parsed()) {
        defined.addAll(file.defines());
      } else {
        hidden.add(file.baseName());
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (SchemaFile file : files) {
      if (!file.parsed()) {
        findings.add(
            parseFinding(
                file,
                "the schema did not parse: "
                    + file.error()
                    + "; no consumer can be generated from it.",
                "Fix the schema so that Avro parses it."));
      }
      // A file that does not parse hides the types it defines; by this repository's convention
      // each is named after its file, and a use of one is not a second mistake to report.
      file.uses().stream()
          .filter(name -> !defined.contains(name) && !hidden.contains(simpleName(name)))
          .forEach(name -> findings.add(undefinedNameFinding(file, name)));
    }
    return resolve(files, unreadable(files, defined), findings);
  }

  /** Every schema file, common/ first, each part in path order. */
  private List<Path> files() {
    List<Path> files = new ArrayList<>();
    for (String part : PARTS) {
      if (!Files.isDirectory(directory.resolve(part))) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(directory.resolve(part))) {
        walk.filter(p -> p.toString().endsWith(".avsc") && Files.isRegularFile(p))
            .sorted(Comparator.comparing(p -> relative(p)))
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read schemas in " + directory, e);
      }
    }
    return files;
  }

  /**
   * Parses every file into one context without resolving names, noting what each defines and uses.
   */
  private List<SchemaFile> index(List<Path> paths) {
    ParseContext context = new ParseContext();
    List<SchemaFile> files = new ArrayList<>();
    for (Path path : paths) {
      String text = null;
      Set<String> before = new HashSet<>(context.typesByName().keySet());
      try {
        text = Files.readString(path);
        Schema schema = new JsonSchemaParser().parse(context, path.toUri(), text);
        Set<String> defines = new LinkedHashSet<>(context.typesByName().keySet());
        defines.removeAll(before);
        context.commit();
        files.add(SchemaFile.parsed(path, relative(path), text, defines, schema));
      } catch (IOException | RuntimeException e) {
        context.rollback();
        files.add(SchemaFile.failed(path, relative(path), text, describe(e)));
      }
    }
    return files;
  }

  /** Avro's message, or for malformed JSON the parser's own message and where it stopped. */
  private static String describe(Exception e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonProcessingException json && json.getLocation() != null) {
        return json.getOriginalMessage()
            + " at line "
            + json.getLocation().getLineNr()
            + ", column "
            + json.getLocation().getColumnNr();
      }
    }
    return e.getMessage();
  }

  /**
   * Files that cannot be resolved: those that failed, use an undefined name, or use a type that
   * such a file defines.
   */
  private static Set<SchemaFile> unreadable(List<SchemaFile> files, Set<String> defined) {
    Set<SchemaFile> unread = new HashSet<>();
    Set<String> lost = new HashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (SchemaFile file : files) {
        boolean broken =
            !file.parsed()
                || file.uses().stream()
                    .anyMatch(name -> !defined.contains(name) || lost.contains(name));
        if (broken && unread.add(file)) {
          lost.addAll(file.defines());
          grew = true;
        }
      }
    }
    return unread;
  }

  /** Parses the readable files again into a fresh context, where every name now resolves. */
  private SchemaSet resolve(
      List<SchemaFile> files, Set<SchemaFile> unread, List<Finding> findings) {
    ParseContext context = new ParseContext();
    Map<SchemaFile, Schema> parsed = new LinkedHashMap<>();
    for (SchemaFile file : files) {
      if (!unread.contains(file)) {
        parsed.put(file, parseAgain(context, file));
      }
    }
    context.resolveAllSchemas();
    Set<String> usedByOthers = new HashSet<>();
    files.forEach(file -> usedByOthers.addAll(file.uses()));

    Map<String, Schema> events = new LinkedHashMap<>();
    Map<String, String> eventFiles = new LinkedHashMap<>();
    Map<String, String> typeFiles = new LinkedHashMap<>();
    parsed.forEach(
        (file, unresolved) -> {
          Schema schema = context.resolve(unresolved);
          file.defines().forEach(name -> typeFiles.put(name, display(file)));
          if (file.relative().startsWith("events/")
              && schema.getType() == Schema.Type.RECORD
              && !usedByOthers.contains(schema.getFullName())) {
            events.put(schema.getFullName(), schema);
            eventFiles.put(schema.getFullName(), file.relative());
          }
        });
    Set<String> unreadTypes = new HashSet<>();
    Set<String> unreadFiles = new HashSet<>();
    unread.forEach(
        file -> {
          unreadTypes.addAll(file.defines());
          unreadFiles.add(file.relative());
        });
    return new SchemaSet(
        displayRoot, directory, events, eventFiles, typeFiles, unreadTypes, unreadFiles, findings);
  }

  private static Schema parseAgain(ParseContext context, SchemaFile file) {
    try {
      Schema schema = new JsonSchemaParser().parse(context, file.path().toUri(), file.text());
      context.commit();
      return schema;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot parse " + file.path() + " again", e);
    }
  }

  private Finding undefinedNameFinding(SchemaFile file, String name) {
    return parseFinding(
        file,
        "type \""
            + name
            + "\" is not defined in any file under "
            + (displayRoot.isEmpty() ? "." : displayRoot)
            + "/ (common/ or events/), so no class can be generated from this file.",
        "Add its .avsc or fix the name.");
  }

  private Finding parseFinding(SchemaFile file, String message, String hint) {
    return Finding.of(
        Rule.SCHEMA_PARSES,
        Finding.Direction.NONE,
        file.baseName(),
        display(file),
        "",
        message,
        hint);
  }

  private static String simpleName(String fullName) {
    return fullName.substring(fullName.lastIndexOf('.') + 1);
  }

  private String relative(Path file) {
    return directory.relativize(file).toString().replace('\\', '/');
  }

  private String display(SchemaFile file) {
    return displayRoot.isEmpty() ? file.relative() : displayRoot + "/" + file.relative();
  }
}
