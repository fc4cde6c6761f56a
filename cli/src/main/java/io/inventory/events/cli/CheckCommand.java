package io.inventory.events.cli;

import io.inventory.events.compatibility.CompatibilityGate;
import io.inventory.events.compatibility.ReleaseSnapshot;
import io.inventory.events.compatibility.Report;
import io.inventory.events.compatibility.Rule;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code check}: the compatibility gate's one command line, over its public builder; the {@code
 * cli} module's {@code verify} runs it on this repository.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Checks the schemas against every release (FULL_TRANSITIVE).",
      "",
      "The rules (--list-rules) start from Avro's verdict and add what Avro misses."
    },
    footer = {"", "Exit codes: 0 passed, 1 breaking changes, 2 usage or I/O error."})
final class CheckCommand implements Callable<Integer> {

  @Option(
      names = "--schemas",
      paramLabel = "DIR",
      description = "Working schemas (common/, events/); default ${DEFAULT-VALUE}.")
  Path schemas = Path.of("schemas");

  @Option(
      names = "--releases",
      paramLabel = "DIR",
      description = "One sub-directory per release; default ${DEFAULT-VALUE}.")
  Path releases = Path.of("schemas/releases");

  @Option(
      names = "--release",
      paramLabel = "VERSION=DIR",
      description = "One more release (repeatable).")
  Map<String, Path> extraReleases = new LinkedHashMap<>();

  @Option(
      names = "--asyncapi",
      paramLabel = "FILE",
      description = "AsyncAPI document; default asyncapi.yaml when it exists.")
  Path asyncApi;

  @Option(
      names = "--approved-breaks",
      paramLabel = "FILE",
      description = "Reviewed approvals; default <releases>/approved-breaks.yaml when it exists.")
  Path approvedBreaks;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description = "text|json|junit|github on standard output; default text.")
  Report.Format format = Report.Format.TEXT;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description =
          "Writes the --format report to FILE instead (a text summary still goes to stdout).")
  Path output;

  @Option(
      names = "--report",
      paramLabel = "FORMAT=FILE",
      description = "Also writes FORMAT to FILE (repeatable), e.g. junit=target/TEST-compat.xml.")
  Map<String, Path> reports = new LinkedHashMap<>();

  @Option(
      names = "--registry",
      paramLabel = "URL",
      description = "Also checks the versions registered in a Confluent-API registry.")
  URI registry;

  @Option(
      names = "--registry-user",
      paramLabel = "USER",
      description = "Basic auth user; default $SCHEMA_REGISTRY_USER.")
  String user = System.getenv("SCHEMA_REGISTRY_USER");

  @Option(
      names = "--registry-password",
      paramLabel = "PASS",
      description = "Basic auth password; default $SCHEMA_REGISTRY_PASSWORD.")
  String password = System.getenv("SCHEMA_REGISTRY_PASSWORD");

  @Mixin RegistryTrustOptions registryTrust = new RegistryTrustOptions();

  @Option(
      names = "--subject-pattern",
      paramLabel = "REGEX",
      description = "Registry subjects of the channel; default ${DEFAULT-VALUE}.")
  String subjectPattern = CompatibilityGate.DEFAULT_SUBJECT_PATTERN;

  @Option(
      names = "--release-as",
      paramLabel = "VERSION",
      description = "After a passing check, freezes the schemas and asyncapi.yaml as a release.")
  String releaseAs;

  @Option(names = "--list-rules", description = "Prints the rules and exits.")
  boolean listRules;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (listRules) {
      for (Rule rule : Rule.values()) {
        out.printf(
            "%-28s %s%s%n", rule.id(), rule.purpose(), rule.beyondAvro() ? " [beyond Avro]" : "");
      }
      return InventoryEventsCli.OK;
    }
    try {
      return check(out, spec.commandLine().getErr());
    } catch (IllegalArgumentException | UncheckedIOException | IllegalStateException e) {
      spec.commandLine().getErr().println("inventory-events check: " + e.getMessage());
      return InventoryEventsCli.USAGE;
    }
  }

  private int check(PrintWriter out, PrintWriter err) {
    Report report = gate().check();
    reports.forEach((name, file) -> write(file, report.render(Report.Format.parse(name))));
    if (output != null) {
      write(output, report.render(format));
      if (format != Report.Format.TEXT) {
        out.print(report.render(Report.Format.TEXT));
      }
    } else {
      out.print(report.render(format));
    }
    out.flush();
    if (!report.passed()) {
      if (releaseAs != null) {
        err.println(
            "inventory-events check: release "
                + releaseAs
                + " not created: fix or approve the breaks above first.");
      }
      return InventoryEventsCli.FAILED;
    }
    if (releaseAs != null) {
      Path release = ReleaseSnapshot.create(releaseAs, schemas, releases, asyncApi);
      out.println("Released " + releaseAs + " as " + release + "; commit it: git add " + release);
    }
    return InventoryEventsCli.OK;
  }

  private CompatibilityGate gate() {
    if (!Files.isDirectory(schemas)) {
      throw new IllegalArgumentException("no schemas directory at " + schemas.toAbsolutePath());
    }
    CompatibilityGate.Builder builder =
        CompatibilityGate.newBuilder()
            .schemas(schemas)
            .releases(releases)
            .subjectPattern(subjectPattern);
    extraReleases.forEach(builder::release);
    if (asyncApi == null && Files.isRegularFile(Path.of("asyncapi.yaml"))) {
      asyncApi = Path.of("asyncapi.yaml");
    }
    if (asyncApi != null) {
      if (!Files.isRegularFile(asyncApi)) {
        throw new IllegalArgumentException("no AsyncAPI document at " + asyncApi.toAbsolutePath());
      }
      builder.asyncApi(asyncApi);
    }
    builder.approvedBreaks(
        approvedBreaks != null ? approvedBreaks : releases.resolve("approved-breaks.yaml"));
    if (registry != null) {
      builder.registry(registry);
      if (user != null && !user.isEmpty()) {
        builder.registryCredentials(user, password);
      }
      registryTrust.applyTo(builder);
    }
    return builder.build();
  }

  private static void write(Path file, String content) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** {@code text}, {@code json}, {@code junit} or {@code github}, in any case. */
  static final class FormatConverter implements CommandLine.ITypeConverter<Report.Format> {
    @Override
    public Report.Format convert(String value) {
      try {
        return Report.Format.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
