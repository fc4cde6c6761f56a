package io.inventory.events.compatibility;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * The compatibility gate: checks the working schemas against every released version of every event
 * type in both directions (FULL_TRANSITIVE), with Avro's {@code SchemaCompatibility} as the base
 * and the rules Avro misses on top, plus the AsyncAPI document and, optionally, a live registry.
 * Every finding is collected first and reported once.
 *
 * <pre>{@code
 * Report report = CompatibilityGate.newBuilder()
 *     .schemas(Path.of("schemas"))
 *     .releases(Path.of("schemas/releases"))
 *     .asyncApi(Path.of("asyncapi.yaml"))
 *     .build()
 *     .check();
 * System.out.print(report.render(Report.Format.TEXT));
 * }</pre>
 *
 * <p>From the command line: {@code java io.inventory.events.compatibility.CompatibilityGate
 * --help}. A built gate is immutable and thread-safe; each {@link #check()} reads the files afresh.
 */
public final class CompatibilityGate {
  /**
   * Subjects of this channel under TopicRecordNameStrategy: {@code inventory.<env>.events-<full
   * record name>}.
   */
  public static final String DEFAULT_SUBJECT_PATTERN = "inventory\\.[^.]+\\.events-.+";

  private final Path schemas;
  private final String schemasDisplay;
  private final Map<String, Path> releases;
  private final Path releasesDirectory;
  private final Path asyncApi;
  private final String asyncApiDisplay;
  private final Path approvedBreaks;
  private final URI registry;
  private final String registryUser;
  private final String registryPassword;
  private final Pattern subjectPattern;

  private CompatibilityGate(Builder builder) {
    this.schemas = Objects.requireNonNull(builder.schemas, "schemas == null");
    this.schemasDisplay =
        builder.schemasDisplay != null ? builder.schemasDisplay : display(schemas);
    this.releases = new LinkedHashMap<>(builder.releases);
    this.releasesDirectory = builder.releasesDirectory;
    this.asyncApi = builder.asyncApi;
    this.asyncApiDisplay =
        builder.asyncApiDisplay != null || asyncApi == null
            ? builder.asyncApiDisplay
            : display(asyncApi);
    this.approvedBreaks = builder.approvedBreaks;
    this.registry = builder.registry;
    this.registryUser = builder.registryUser;
    this.registryPassword = builder.registryPassword;
    this.subjectPattern = Pattern.compile(builder.subjectPattern);
  }

  /** A new builder with no releases, no AsyncAPI document, no approvals and no registry. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Runs every rule and returns all findings.
   *
   * @throws UncheckedIOException when a directory or file cannot be read
   * @throws IllegalArgumentException when the approved-breaks file is malformed
   * @throws IllegalStateException when the registry answers with an error
   */
  public Report check() {
    SchemaSet working = SchemaSetReader.read(schemas, schemasDisplay);
    List<Finding> findings = new ArrayList<>(working.parseFindings());
    List<String> checked = new ArrayList<>();
    Set<String> known = new HashSet<>();
    Set<String> renamedTo = new HashSet<>();

    AsyncApiDocument document =
        asyncApi == null ? null : AsyncApiDocument.load(asyncApi, asyncApiDisplay);
    for (Map.Entry<String, Path> release : allReleases().entrySet()) {
      String version = release.getKey();
      SchemaSet released = SchemaSetReader.read(release.getValue(), display(release.getValue()));
      checked.add("release " + version);
      findings.addAll(tag(released.parseFindings(), version));
      known.addAll(released.events().keySet());
      working.events().keySet().stream()
          .filter(name -> released.couldNotRead(name, working))
          .forEach(known::add);
      findings.addAll(tag(compareEventTypes(released, working, renamedTo), version));
      Path releasedAsyncApi = release.getValue().resolve("asyncapi.yaml");
      if (document != null && Files.isRegularFile(releasedAsyncApi)) {
        AsyncApiDocument old = AsyncApiDocument.load(releasedAsyncApi, display(releasedAsyncApi));
        List<Finding> documentFindings = new ArrayList<>();
        AsyncApiRules.channelSameAddress(documentFindings, old, document, version);
        AsyncApiRules.channelParameterNoDelete(documentFindings, old, document, version);
        AsyncApiRules.messageSameKey(documentFindings, old, document, version);
        findings.addAll(tag(documentFindings, version));
      }
    }
    List<String> registryVerdicts = new ArrayList<>();
    if (registry != null) {
      findings.addAll(checkRegistry(working, known, checked, registryVerdicts));
    }
    working
        .events()
        .forEach(
            (name, schema) -> {
              if (!known.contains(name) && !renamedTo.contains(name)) {
                findings.add(EventTypeRules.eventTypeNewIsSkipped(schema, working.eventFile(name)));
              }
            });
    if (document != null) {
      AsyncApiRules.messageHasSchema(findings, document, working);
      AsyncApiRules.schemaHasMessage(findings, document, working);
    }
    ApprovedBreaks approvals =
        approvedBreaks != null && Files.isRegularFile(approvedBreaks)
            ? ApprovedBreaks.load(approvedBreaks, display(approvedBreaks))
            : ApprovedBreaks.none();
    List<Finding> result = approvals.apply(merge(findings));
    result.sort(Comparator.comparing(Finding::severity));
    return new Report(result, checked, registryVerdicts);
  }

  private Map<String, Path> allReleases() {
    Map<String, Path> all = new LinkedHashMap<>();
    if (releasesDirectory != null && Files.isDirectory(releasesDirectory)) {
      try (Stream<Path> children = Files.list(releasesDirectory)) {
        children
            .filter(Files::isDirectory)
            .sorted(
                Comparator.comparing(
                    (Path p) -> p.getFileName().toString(), CompatibilityGate::compareVersions))
            .forEach(dir -> all.put(dir.getFileName().toString(), dir));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list releases in " + releasesDirectory, e);
      }
    }
    all.putAll(releases);
    return all;
  }

  /** Orders 1.2.0 before 1.10.0. */
  static int compareVersions(String a, String b) {
    String[] left = a.split("[.-]");
    String[] right = b.split("[.-]");
    for (int i = 0; i < Math.max(left.length, right.length); i++) {
      String l = i < left.length ? left[i] : "";
      String r = i < right.length ? right[i] : "";
      int order =
          l.matches("\\d+") && r.matches("\\d+")
              ? Long.compare(Long.parseLong(l), Long.parseLong(r))
              : l.compareTo(r);
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  private static List<Finding> compareEventTypes(
      SchemaSet released, SchemaSet working, Set<String> renamedTo) {
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, Schema> event : released.events().entrySet()) {
      Schema current = working.events().get(event.getKey());
      if (current == null && working.couldNotRead(event.getKey(), released)) {
        continue; // its SCHEMA_PARSES finding fails the gate already
      }
      if (current != null) {
        findings.addAll(
            SchemaDiff.compare(event.getKey(), event.getValue(), current, released, working));
        continue;
      }
      Schema moved =
          working.events().values().stream()
              .filter(
                  s ->
                      s.getName().equals(event.getValue().getName())
                          && !released.events().containsKey(s.getFullName()))
              .findFirst()
              .orElse(null);
      if (moved != null) {
        renamedTo.add(moved.getFullName());
        findings.add(
            EventTypeRules.eventTypeSameName(
                event.getValue(), moved, working.eventFile(moved.getFullName())));
      } else {
        findings.add(
            EventTypeRules.eventTypeNoDelete(
                event.getValue(), released.eventFileIn(working, event.getKey())));
      }
    }
    return findings;
  }

  private List<Finding> checkRegistry(
      SchemaSet working, Set<String> known, List<String> checked, List<String> verdicts) {
    RegistryClient client = new RegistryClient(registry, registryUser, registryPassword);
    List<Finding> findings = new ArrayList<>();
    for (String subject : client.subjects()) {
      if (!subjectPattern.matcher(subject).matches()) {
        continue;
      }
      Schema current = null;
      String recordName = null;
      for (int number : client.versions(subject)) {
        RegistryClient.Version version = client.version(subject, number);
        if (!"AVRO".equalsIgnoreCase(version.schemaType())) {
          continue;
        }
        Schema registered = new Schema.Parser().parse(version.schema());
        recordName = registered.getFullName();
        known.add(recordName);
        String label = "registry " + subject + " v" + version.version();
        checked.add(label);
        current = working.events().get(recordName);
        if (current != null) {
          SchemaSet old = SchemaSet.of(Map.of(recordName, registered), label);
          findings.addAll(
              tag(SchemaDiff.compare(recordName, registered, current, old, working), label));
        }
      }
      if (recordName == null) {
        continue;
      }
      if (current == null) {
        String simpleName = recordName.substring(recordName.lastIndexOf('.') + 1);
        findings.add(
            EventTypeRules.eventTypeNoDelete(
                    new Schema.Parser()
                        .parse(
                            client
                                .version(
                                    subject,
                                    client
                                        .versions(subject)
                                        .get(client.versions(subject).size() - 1))
                                .schema()),
                    schemasDisplay + "/events/" + simpleName + ".avsc")
                .against(List.of("registry " + subject)));
        continue;
      }
      RegistryClient.Verdict verdict = client.testCompatibility(subject, current.toString());
      verdicts.add(
          subject
              + (verdict.compatible() ? " accepts" : " rejects")
              + " the working schema"
              + (verdict.messages().isEmpty() ? "" : ": " + String.join("; ", verdict.messages())));
      String name = recordName;
      boolean explained =
          findings.stream()
              .anyMatch(
                  f ->
                      f.subject().equals(name)
                          && f.severity() == Finding.Severity.BREAKING
                          && f.direction() != Finding.Direction.NONE);
      if (!verdict.compatible() && !explained) {
        findings.add(
            Finding.of(
                    Rule.REGISTRY_ACCEPTS,
                    Finding.Direction.NONE,
                    recordName,
                    working.eventFile(recordName),
                    "",
                    "the registry rejected the working schema of subject \""
                        + subject
                        + "\" although no rule found a break"
                        + (verdict.messages().isEmpty()
                            ? ""
                            : " (" + String.join("; ", verdict.messages()) + ")")
                        + "; registering it will fail.",
                    "Check the subject's compatibility level and its registered versions.")
                .against(List.of("registry " + subject)));
      }
    }
    return findings;
  }

  private static List<Finding> tag(List<Finding> findings, String version) {
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

  private static String display(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path here = Paths.get("").toAbsolutePath().normalize();
    return (absolute.startsWith(here) ? here.relativize(absolute) : absolute)
        .toString()
        .replace('\\', '/');
  }

  /** Builds a {@link CompatibilityGate}; not thread-safe. */
  public static final class Builder {
    private Path schemas;
    private String schemasDisplay;
    private final Map<String, Path> releases = new LinkedHashMap<>();
    private Path releasesDirectory;
    private Path asyncApi;
    private String asyncApiDisplay;
    private Path approvedBreaks;
    private URI registry;
    private String registryUser;
    private String registryPassword;
    private String subjectPattern = DEFAULT_SUBJECT_PATTERN;

    private Builder() {}

    /** The working schemas: a directory with {@code common/} and {@code events/}. Required. */
    public Builder schemas(Path directory) {
      this.schemas = Objects.requireNonNull(directory, "directory == null");
      return this;
    }

    /**
     * As {@link #schemas(Path)}, with the name findings give the directory (default: its path from
     * the working directory).
     */
    public Builder schemas(Path directory, String displayName) {
      schemas(directory);
      this.schemasDisplay = Objects.requireNonNull(displayName, "displayName == null");
      return this;
    }

    /**
     * A directory with one sub-directory per release ({@code 1.0.0/common}, {@code 1.0.0/events},
     * {@code 1.0.0/asyncapi.yaml}); default none.
     */
    public Builder releases(Path directory) {
      this.releasesDirectory = Objects.requireNonNull(directory, "directory == null");
      return this;
    }

    /** One more released version, checked after those in {@link #releases(Path)}. */
    public Builder release(String version, Path directory) {
      releases.put(
          Objects.requireNonNull(version, "version == null"),
          Objects.requireNonNull(directory, "directory == null"));
      return this;
    }

    /**
     * The AsyncAPI document to check against the schemas and against each release's copy; default
     * none.
     */
    public Builder asyncApi(Path file) {
      this.asyncApi = Objects.requireNonNull(file, "file == null");
      return this;
    }

    /**
     * As {@link #asyncApi(Path)}, with the name findings give the file (default: its path from the
     * working directory).
     */
    public Builder asyncApi(Path file, String displayName) {
      asyncApi(file);
      this.asyncApiDisplay = Objects.requireNonNull(displayName, "displayName == null");
      return this;
    }

    /**
     * The reviewed approvals file (honoured only on exact subject, rule and path); a missing file
     * means none.
     */
    public Builder approvedBreaks(Path file) {
      this.approvedBreaks = Objects.requireNonNull(file, "file == null");
      return this;
    }

    /**
     * A Confluent-API registry (for Apicurio: {@code .../apis/ccompat/v7}) whose registered
     * versions are checked too.
     */
    public Builder registry(URI baseUrl) {
      this.registry = Objects.requireNonNull(baseUrl, "baseUrl == null");
      return this;
    }

    /** Basic auth for the registry; default none. */
    public Builder registryCredentials(String user, String password) {
      this.registryUser = Objects.requireNonNull(user, "user == null");
      this.registryPassword = password;
      return this;
    }

    /** Which registry subjects belong to the channel; default {@link #DEFAULT_SUBJECT_PATTERN}. */
    public Builder subjectPattern(String regex) {
      this.subjectPattern = Objects.requireNonNull(regex, "regex == null");
      return this;
    }

    /**
     * @throws NullPointerException when no schemas directory was given
     */
    public CompatibilityGate build() {
      return new CompatibilityGate(this);
    }
  }

  /**
   * Runs the gate from the command line and exits 0 when it passed, 1 on any break, 2 on a usage or
   * I/O error. {@code --help} lists the options.
   */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** As {@link #main}, returning the exit code instead of exiting. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return GateCommand.run(args, out, err);
  }

  static void write(Path file, String content) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
