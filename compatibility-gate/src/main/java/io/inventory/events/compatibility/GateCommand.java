package io.inventory.events.compatibility;

import io.inventory.events.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link CompatibilityGate}: parses options, runs the gate, writes the reports.
 */
final class GateCommand {
  private GateCommand() {}

  static final String USAGE =
      String.join(
          "\n",
          "Usage: CompatibilityGate [options]",
          "Checks the working schemas against every release (FULL_TRANSITIVE) and exits 1 on any"
              + " break.",
          "  --schemas DIR              working schemas (common/, events/); default schemas",
          "  --releases DIR             one sub-directory per release; default schemas/releases",
          "  --release VERSION=DIR      one more release (repeatable)",
          "  --asyncapi FILE            AsyncAPI document; default asyncapi.yaml when it exists",
          "  --approved-breaks FILE     reviewed approvals; default"
              + " schemas/releases/approved-breaks.yaml when it exists",
          "  --format FORMAT            text|json|junit|github on standard output; default text",
          "  --output FILE              write the --format report to FILE instead (a text summary"
              + " still goes to standard output)",
          "  --report FORMAT=FILE       also write FORMAT to FILE (repeatable), e.g."
              + " junit=target/TEST-compat.xml",
          "  --registry URL             also check the versions registered in a Confluent-API"
              + " registry",
          "                             (Apicurio: http://host:port/apis/ccompat/v7)",
          "  --registry-user USER       basic auth user; default $SCHEMA_REGISTRY_USER",
          "  --registry-password PASS   basic auth password; default $SCHEMA_REGISTRY_PASSWORD",
          "  --registry-truststore FILE trust store for an https registry; default the JVM's",
          "  --registry-truststore-password PASS",
          "                             its password; default $SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD",
          "  --registry-truststore-type TYPE",
          "                             PKCS12 (default) or JKS",
          "  --subject-pattern REGEX    registry subjects of the channel; default "
              + CompatibilityGate.DEFAULT_SUBJECT_PATTERN,
          "  --release-as VERSION       after a passing check, freeze the working schemas and"
              + " asyncapi.yaml",
          "                             as <releases>/VERSION (the release step); refuses on a"
              + " break",
          "  --list-rules               print the rules and exit",
          "  --help                     print this and exit",
          "Exit codes: 0 passed, 1 breaking changes, 2 usage or I/O error.");

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      return execute(args, out, err);
    } catch (IllegalArgumentException
        | UncheckedIOException
        | IllegalStateException
        | SchemaRegistryException e) {
      err.println("compatibility gate: " + e.getMessage());
      return 2;
    }
  }

  private static int execute(String[] args, PrintStream out, PrintStream err) {
    Path schemas = Path.of("schemas");
    Path releases = Path.of("schemas/releases");
    Path asyncApi = null;
    Path approved = null;
    Report.Format format = Report.Format.TEXT;
    Path output = null;
    List<String[]> reports = new ArrayList<>();
    List<String[]> extraReleases = new ArrayList<>();
    String registry = null;
    String user = System.getenv("SCHEMA_REGISTRY_USER");
    String password = System.getenv("SCHEMA_REGISTRY_PASSWORD");
    Path trustStore = null;
    String trustStorePassword = System.getenv("SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD");
    String trustStoreType = "PKCS12";
    String subjectPattern = CompatibilityGate.DEFAULT_SUBJECT_PATTERN;
    String releaseAs = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--help":
        case "-h":
          out.println(USAGE);
          return 0;
        case "--list-rules":
          for (Rule rule : Rule.values()) {
            out.printf(
                "%-28s %s%s%n",
                rule.id(), rule.purpose(), rule.beyondAvro() ? " [beyond Avro]" : "");
          }
          return 0;
        case "--schemas":
          schemas = Path.of(value(args, ++i, option));
          break;
        case "--releases":
          releases = Path.of(value(args, ++i, option));
          break;
        case "--release":
          extraReleases.add(pair(value(args, ++i, option), option));
          break;
        case "--asyncapi":
          asyncApi = Path.of(value(args, ++i, option));
          break;
        case "--approved-breaks":
          approved = Path.of(value(args, ++i, option));
          break;
        case "--format":
          format = Report.Format.parse(value(args, ++i, option));
          break;
        case "--output":
          output = Path.of(value(args, ++i, option));
          break;
        case "--report":
          reports.add(pair(value(args, ++i, option), option));
          break;
        case "--registry":
          registry = value(args, ++i, option);
          break;
        case "--registry-user":
          user = value(args, ++i, option);
          break;
        case "--registry-password":
          password = value(args, ++i, option);
          break;
        case "--registry-truststore":
          trustStore = Path.of(value(args, ++i, option));
          break;
        case "--registry-truststore-password":
          trustStorePassword = value(args, ++i, option);
          break;
        case "--registry-truststore-type":
          trustStoreType = value(args, ++i, option);
          break;
        case "--release-as":
          releaseAs = value(args, ++i, option);
          break;
        case "--subject-pattern":
          subjectPattern = value(args, ++i, option);
          break;
        default:
          throw new IllegalArgumentException("unknown option \"" + option + "\"\n" + USAGE);
      }
    }
    if (!Files.isDirectory(schemas)) {
      throw new IllegalArgumentException("no schemas directory at " + schemas.toAbsolutePath());
    }
    CompatibilityGate.Builder builder =
        CompatibilityGate.newBuilder()
            .schemas(schemas)
            .releases(releases)
            .subjectPattern(subjectPattern);
    for (String[] release : extraReleases) {
      builder.release(release[0], Path.of(release[1]));
    }
    if (asyncApi == null && Files.isRegularFile(Path.of("asyncapi.yaml"))) {
      asyncApi = Path.of("asyncapi.yaml");
    }
    if (asyncApi != null) {
      if (!Files.isRegularFile(asyncApi)) {
        throw new IllegalArgumentException("no AsyncAPI document at " + asyncApi.toAbsolutePath());
      }
      builder.asyncApi(asyncApi);
    }
    builder.approvedBreaks(approved != null ? approved : releases.resolve("approved-breaks.yaml"));
    if (registry != null) {
      builder.registry(URI.create(registry));
      if (user != null && !user.isEmpty()) {
        builder.registryCredentials(user, password);
      }
      if (trustStore != null) {
        builder.registryTrustStore(trustStore, trustStorePassword, trustStoreType);
      }
    }
    Report report = builder.build().check();
    for (String[] extra : reports) {
      write(Path.of(extra[1]), report.render(Report.Format.parse(extra[0])));
    }
    if (output != null) {
      write(output, report.render(format));
      if (format != Report.Format.TEXT) {
        out.print(report.render(Report.Format.TEXT));
      }
    } else {
      out.print(report.render(format));
    }
    if (!report.passed()) {
      if (releaseAs != null) {
        err.println(
            "compatibility gate: release "
                + releaseAs
                + " not created: fix or approve the breaks above first.");
      }
      return 1;
    }
    if (releaseAs != null) {
      Path release = ReleaseSnapshot.create(releaseAs, schemas, releases, asyncApi);
      out.println("Released " + releaseAs + " as " + release + "; commit it: git add " + release);
    }
    return 0;
  }

  private static void write(Path file, String content) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return args[index];
  }

  private static String[] pair(String value, String option) {
    int equals = value.indexOf('=');
    if (equals <= 0) {
      throw new IllegalArgumentException(option + " needs NAME=VALUE, got \"" + value + "\"");
    }
    return new String[] {value.substring(0, equals), value.substring(equals + 1)};
  }
}
