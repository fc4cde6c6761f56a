package io.inventory.events.compatibility;

import io.inventory.events.registry.RegistrySettings;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

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
 * <p>From the command line: {@code bin/inventory-events check --help} (the {@code cli} module). A
 * built gate is immutable and thread-safe; each {@link #check()} reads the files afresh.
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
  private final Path registryTrustStore;
  private final String registryTrustStorePassword;
  private final String registryTrustStoreType;
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
    this.registryTrustStore = builder.registryTrustStore;
    this.registryTrustStorePassword = builder.registryTrustStorePassword;
    this.registryTrustStoreType = builder.registryTrustStoreType;
    this.subjectPattern = Pattern.compile(builder.subjectPattern);
  }

  /** The registry's URL with the builder's credentials and trust store, if it set them. */
  private RegistrySettings registrySettings() {
    RegistrySettings.Builder settings = RegistrySettings.builder(registry.toString());
    if (registryUser != null) {
      settings.basicAuth(registryUser + ":" + (registryPassword == null ? "" : registryPassword));
    }
    if (registryTrustStore != null) {
      settings.trustStore(registryTrustStore, registryTrustStorePassword, registryTrustStoreType);
    }
    return settings.build();
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
   * @throws io.inventory.events.registry.SchemaRegistryException when the registry refuses or
   *     cannot be reached
   */
  public Report check() {
    SchemaSet working = SchemaSetReader.read(schemas, schemasDisplay);
    AsyncApiDocument document =
        asyncApi == null ? null : AsyncApiDocument.load(asyncApi, asyncApiDisplay);
    FindingCollector findings = new FindingCollector();
    findings.add(working.parseFindings());

    ReleaseComparison releases = new ReleaseComparison(working, document);
    ReleaseDirectory.inVersionOrder(releasesDirectory, this.releases)
        .forEach(
            (version, directory) -> {
              findings.checked().add("release " + version);
              findings.addAgainst(version, releases.compare(version, directory));
            });
    List<String> registryVerdicts = new ArrayList<>();
    if (registry != null) {
      findings.add(
          new RegistryCheck(registrySettings(), subjectPattern, schemasDisplay)
              .check(working, releases.known(), findings.checked(), registryVerdicts));
    }
    findings.add(releases.newEventTypes());
    if (document != null) {
      List<Finding> documentFindings = new ArrayList<>();
      AsyncApiRules.messageHasSchema(documentFindings, document, working);
      AsyncApiRules.schemaHasMessage(documentFindings, document, working);
      findings.add(documentFindings);
    }
    return findings.report(approvals(), registryVerdicts);
  }

  private ApprovedBreaks approvals() {
    return approvedBreaks != null && Files.isRegularFile(approvedBreaks)
        ? ApprovedBreaks.load(approvedBreaks, display(approvedBreaks))
        : ApprovedBreaks.none();
  }

  /** How findings spell {@code path}: relative to the working directory when it is inside it. */
  static String display(Path path) {
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
    private Path registryTrustStore;
    private String registryTrustStorePassword;
    private String registryTrustStoreType;
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

    /**
     * The trust store for an {@code https} registry whose certificate the JVM's default trust store
     * does not hold (a private CA, a self-signed test certificate); default the JVM's. {@code type}
     * is for example {@code PKCS12} (when {@code null}) or {@code JKS}.
     */
    public Builder registryTrustStore(Path location, String password, String type) {
      this.registryTrustStore = Objects.requireNonNull(location, "location == null");
      this.registryTrustStorePassword = password;
      this.registryTrustStoreType = type;
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
}
