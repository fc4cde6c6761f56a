import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Runs before code generation so that a broken contract fails the build with the file's name.
 *
 * <p>The Avro Maven plugin reports "Undefined schema: X" without saying which file holds the typo,
 * and the AsyncAPI CLI needs Node. This check needs neither: it parses every schema (shared types
 * first, as the generator does), checks that every file {@code $ref} in the AsyncAPI document
 * exists, collects every problem, and reports them all at once.
 *
 * <p>Usage: {@code java -cp <avro classpath> SchemaLint.java <repository root>}
 */
public final class SchemaLint {
  private static final Pattern FILE_REF =
      Pattern.compile("\\$ref:\\s*['\"]?(\\.{1,2}/[^'\"\\s#]+)");

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    List<String> problems = new ArrayList<>();
    List<Schema> shared = new ArrayList<>();
    for (String folder : List.of("schemas/common", "schemas/events")) {
      for (Path file : avscFiles(root.resolve(folder))) {
        // A fresh parser per file: one broken file must not make every later file fail too.
        try {
          shared.add(new Schema.Parser().addTypes(shared).parse(file.toFile()));
        } catch (RuntimeException | IOException e) {
          problems.add(root.relativize(file) + ": " + firstLine(e.getMessage()));
        }
      }
    }
    problems.addAll(missingReferences(root, root.resolve("asyncapi.yaml")));
    if (!problems.isEmpty()) {
      System.err.println(
          "The contract has " + problems.size() + " problem(s); fix them and build again:");
      problems.forEach(problem -> System.err.println("  " + problem));
      System.exit(1);
    }
  }

  /** Avro appends the whole schema to some messages; the start says what is wrong. */
  private static String firstLine(String message) {
    String text = String.valueOf(message).lines().findFirst().orElse("");
    int schemaDump = text.indexOf(": {");
    return schemaDump > 0 ? text.substring(0, schemaDump) : text;
  }

  private static List<Path> avscFiles(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
    }
  }

  private static List<String> missingReferences(Path root, Path document) throws IOException {
    if (!Files.exists(document)) {
      return List.of(root.relativize(document) + ": file not found");
    }
    List<String> problems = new ArrayList<>();
    List<String> lines = Files.readAllLines(document);
    for (int i = 0; i < lines.size(); i++) {
      Matcher ref = FILE_REF.matcher(lines.get(i));
      if (ref.find() && !Files.exists(document.resolveSibling(ref.group(1)).normalize())) {
        problems.add(
            root.relativize(document)
                + ":"
                + (i + 1)
                + ": $ref \""
                + ref.group(1)
                + "\" names a file that does not exist");
      }
    }
    return problems;
  }
}
