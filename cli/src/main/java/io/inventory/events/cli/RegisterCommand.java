package io.inventory.events.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inventory.events.cli.json.EventJson;
import io.inventory.events.client.Environment;
import io.inventory.events.registry.CompatibilityLevel;
import io.inventory.events.registry.IncompatibleSchemaException;
import io.inventory.events.registry.RegistrySettings;
import io.inventory.events.registry.SchemaNotFoundException;
import io.inventory.events.registry.SchemaRegistryClient;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code register}: registers every event type's schema under TopicRecordNameStrategy and gives
 * each subject its own FULL_TRANSITIVE rule. Idempotent: a second run changes nothing and says so.
 *
 * <p>An explicit subject rule matters because Apicurio answers {@code GET /config/<subject>} with
 * NONE when the subject has none, and a widely used Node registry client then refuses to register,
 * or writes a weaker subject rule of its own.
 */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = {
      "Registers the schemas; sets each subject to FULL_TRANSITIVE.",
      "",
      "Subjects: inventory.<env>.events-<full record name>, one per event type and environment.",
      "Idempotent: what is already registered and set is left alone and reported as unchanged."
    },
    footer = {"", InventoryEventsCli.EXIT_CODES})
final class RegisterCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CompatibilityLevel RULE = CompatibilityLevel.FULL_TRANSITIVE;

  @Option(
      names = "--registry",
      paramLabel = "URL",
      description = {
        "Schema registry (Confluent API; Apicurio: http://HOST:PORT/apis/ccompat/v7);",
        "default $SCHEMA_REGISTRY_URL."
      })
  String registry = System.getenv(KafkaOptions.SCHEMA_REGISTRY_URL_ENV);

  @Option(
      names = "--env",
      paramLabel = "dev|sit|prod",
      converter = KafkaOptions.EnvironmentConverter.class,
      description = "Environment whose subjects to register (repeatable); default all three.")
  Set<Environment> environments = EnumSet.noneOf(Environment.class);

  @Option(
      names = {"--user", "--registry-user"},
      paramLabel = "USER",
      description = "Basic auth user; default $SCHEMA_REGISTRY_USER.")
  String user = System.getenv("SCHEMA_REGISTRY_USER");

  @Option(
      names = {"--password", "--registry-password"},
      paramLabel = "PASS",
      description = "Basic auth password; default $SCHEMA_REGISTRY_PASSWORD.")
  String password = System.getenv("SCHEMA_REGISTRY_PASSWORD");

  @Mixin RegistryTrustOptions registryTrust = new RegistryTrustOptions();

  @Spec CommandSpec spec;

  private int registered;
  private int rulesSet;
  private final List<String> refused = new ArrayList<>();

  @Override
  public Integer call() {
    if (registry == null || registry.isBlank()) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "Missing --registry: give it, or set SCHEMA_REGISTRY_URL.");
    }
    RegistrySettings.Builder settings = RegistrySettings.builder(registry);
    if (user != null && !user.isEmpty()) {
      settings.basicAuth(user + ":" + (password == null ? "" : password));
    }
    registryTrust.applyTo(settings);
    SchemaRegistryClient client = new SchemaRegistryClient(settings.build());
    PrintWriter out = spec.commandLine().getOut();
    int subjects = 0;
    for (Environment environment :
        environments.isEmpty() ? EnumSet.allOf(Environment.class) : environments) {
      for (Class<? extends SpecificRecord> type : EventJson.eventClasses()) {
        Schema schema = SpecificData.get().getSchema(type);
        String subject = environment.topic() + "-" + schema.getFullName();
        out.println(subject + ": " + ensure(client, subject, registeredText(schema)));
        subjects++;
      }
    }
    out.println(summary(subjects));
    return refused.isEmpty() ? InventoryEventsCli.OK : InventoryEventsCli.FAILED;
  }

  /** Registers the schema and sets the rule where needed; says what it did. */
  private String ensure(SchemaRegistryClient client, String subject, String schema) {
    Integer id = existingId(client, subject, schema);
    boolean subjectExists = id != null || hasVersions(client, subject);
    // an existing subject gets its rule first, so the new version is checked against it
    String rule = subjectExists ? ensureRule(client, subject) : null;
    String registration;
    if (id != null) {
      registration = "already registered (id " + id + ")";
    } else {
      try {
        registration = "registered as id " + client.register(subject, schema);
        registered++;
      } catch (IncompatibleSchemaException e) {
        refused.add(subject);
        return "REFUSED by the registry: " + e.getMessage();
      }
    }
    return registration + "; " + (rule != null ? rule : ensureRule(client, subject));
  }

  private String ensureRule(SchemaRegistryClient client, String subject) {
    if (client.subjectCompatibility(subject).filter(RULE::equals).isPresent()) {
      return "compatibility already " + RULE;
    }
    client.setCompatibility(subject, RULE);
    rulesSet++;
    return "compatibility set to " + RULE;
  }

  private static Integer existingId(SchemaRegistryClient client, String subject, String schema) {
    try {
      return client.lookUp(subject, schema);
    } catch (SchemaNotFoundException notThere) {
      return null;
    }
  }

  private static boolean hasVersions(SchemaRegistryClient client, String subject) {
    try {
      return !client.versions(subject).isEmpty();
    } catch (SchemaNotFoundException noSuchSubject) {
      return false;
    }
  }

  private String summary(int subjects) {
    if (!refused.isEmpty()) {
      return refused.size()
          + " of "
          + subjects
          + " schemas were refused as incompatible; run 'inventory-events check --registry "
          + registry
          + "' for why.";
    }
    if (registered == 0 && rulesSet == 0) {
      return "Nothing changed: all "
          + subjects
          + " subjects already have their schema and "
          + RULE
          + ".";
    }
    return "Registered " + registered + " schemas and set " + rulesSet + " compatibility rules.";
  }

  /**
   * The schema as the client's serializer registers and looks it up: the generated class's schema
   * without Avro's Java-only {@code avro.java.string} properties, which is the {@code .avsc} as
   * written. (A publisher in look-up mode finding every schema this command registered proves the
   * two agree: see RegisterCommandTest.)
   */
  static String registeredText(Schema schema) {
    try {
      JsonNode tree = JSON.readTree(schema.toString());
      removeJavaProperties(tree);
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void removeJavaProperties(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove("avro.java.string");
    }
    node.forEach(RegisterCommand::removeJavaProperties);
  }
}
