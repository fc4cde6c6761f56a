package io.inventory.events.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A client for the Confluent schema registry REST API over {@code java.net.http}: works with
 * Confluent Schema Registry, Apicurio ({@code /apis/ccompat/v7}), Karapace and Redpanda.
 *
 * <pre>{@code
 * SchemaRegistryClient registry = new SchemaRegistryClient(
 *     RegistrySettings.builder("http://localhost:8080/apis/ccompat/v7").build());
 * int id = registry.register("inventory.dev.events-io.inventory.events.avro.StockLevelChanged", schemaText);
 * registry.setCompatibility(subject, CompatibilityLevel.FULL_TRANSITIVE);
 * }</pre>
 *
 * <p>{@link #register} and {@link #lookUp} cache ids by (subject, schema text) and {@link
 * #schemaById} caches schemas by id, each bounded by {@link RegistrySettings#cacheCapacity()}:
 * after the first use of a schema, serializing and deserializing make no request, so a registry
 * outage does not stop traffic. Nothing else is cached. Connection errors and 5xx answers are
 * retried with back-off; every failure is a {@link SchemaRegistryException} subtype. Thread-safe.
 */
public final class SchemaRegistryClient {
  private final RegistrySettings settings;
  private final RegistryHttp http;
  private final BoundedCache<SubjectSchema, Integer> ids;
  private final BoundedCache<Integer, String> schemas;

  /**
   * @throws IllegalArgumentException if the settings' TLS stores cannot be loaded
   */
  public SchemaRegistryClient(RegistrySettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.http = new RegistryHttp(settings);
    this.ids = new BoundedCache<>(settings.cacheCapacity());
    this.schemas = new BoundedCache<>(settings.cacheCapacity());
  }

  /** The settings this client was built with. */
  public RegistrySettings settings() {
    return settings;
  }

  /**
   * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}) and
   * returns its id; registering a schema the subject already has returns the existing id. Cached.
   *
   * @throws IncompatibleSchemaException if the subject's compatibility rule refuses the schema
   * @throws RegistryUnavailableException if the registry cannot be reached
   * @throws SchemaRegistryException if the registry refuses for another reason
   */
  public int register(String subject, String schema) {
    return cachedId(subject, schema, true);
  }

  /**
   * The id of {@code schema} already registered under {@code subject} ({@code POST
   * /subjects/{subject}}). Cached.
   *
   * @throws SchemaNotFoundException if the subject does not have this schema
   * @throws RegistryUnavailableException if the registry cannot be reached
   */
  public int lookUp(String subject, String schema) {
    return cachedId(subject, schema, false);
  }

  /**
   * The schema text registered with {@code id} ({@code GET /schemas/ids/{id}}). Cached (ids never
   * change meaning).
   *
   * @throws SchemaNotFoundException if the registry has no schema with this id
   * @throws RegistryUnavailableException if the registry cannot be reached
   */
  public String schemaById(int id) {
    String cached = schemas.get(id);
    if (cached != null) {
      return cached;
    }
    String schema = http.send("GET", "/schemas/ids/" + id, null, null).path("schema").asText();
    return schemas.put(id, schema);
  }

  /** Every subject ({@code GET /subjects}). */
  public List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    http.send("GET", "/subjects", null, null).forEach(node -> subjects.add(node.asText()));
    return subjects;
  }

  /**
   * The subject's version numbers, oldest first ({@code GET /subjects/{subject}/versions}).
   *
   * @throws SchemaNotFoundException if there is no such subject
   */
  public List<Integer> versions(String subject) {
    List<Integer> versions = new ArrayList<>();
    http.send("GET", subjectPath(subject) + "/versions", null, subject)
        .forEach(node -> versions.add(node.asInt()));
    return versions;
  }

  /**
   * One version of a subject ({@code GET /subjects/{subject}/versions/{version}}).
   *
   * @throws SchemaNotFoundException if there is no such subject or version
   */
  public RegisteredSchema version(String subject, int version) {
    JsonNode node = http.send("GET", subjectPath(subject) + "/versions/" + version, null, subject);
    return new RegisteredSchema(
        subject,
        node.path("version").asInt(version),
        node.path("id").asInt(),
        node.path("schemaType").asText("AVRO"),
        node.path("schema").asText());
  }

  /**
   * Whether {@code schema} may become the subject's next version under the subject's rule ({@code
   * POST /compatibility/subjects/{subject}/versions/latest?verbose=true}). A subject with no
   * versions accepts any first schema.
   */
  public CompatibilityVerdict checkCompatibility(String subject, String schema) {
    JsonNode node;
    try {
      node =
          http.send(
              "POST",
              "/compatibility" + subjectPath(subject) + "/versions/latest?verbose=true",
              schemaBody(schema),
              subject);
    } catch (SchemaNotFoundException noVersionsYet) {
      return new CompatibilityVerdict(true, List.of());
    }
    List<String> messages = new ArrayList<>();
    node.path("messages").forEach(message -> messages.add(message.asText()));
    return new CompatibilityVerdict(node.path("is_compatible").asBoolean(false), messages);
  }

  /**
   * The rule the registry applies to {@code subject}: its own, or the global one ({@code GET
   * /config/{subject}?defaultToGlobal=true}).
   */
  public CompatibilityLevel compatibility(String subject) {
    return level(http.send("GET", configPath(subject) + "?defaultToGlobal=true", null, subject));
  }

  /**
   * The subject's own rule, if it has one ({@code GET /config/{subject}}). Registries differ for a
   * subject without one: Confluent answers 404 (empty here), Apicurio answers its default.
   */
  public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
    try {
      return Optional.of(level(http.send("GET", configPath(subject), null, subject)));
    } catch (SchemaNotFoundException none) {
      return Optional.empty();
    }
  }

  /** The global rule ({@code GET /config}). */
  public CompatibilityLevel globalCompatibility() {
    return level(http.send("GET", "/config", null, null));
  }

  /** Sets the subject's own rule ({@code PUT /config/{subject}}); idempotent. */
  public void setCompatibility(String subject, CompatibilityLevel level) {
    http.send("PUT", configPath(subject), configBody(level), subject);
  }

  /** Sets the global rule every subject without its own follows ({@code PUT /config}). */
  public void setGlobalCompatibility(CompatibilityLevel level) {
    http.send("PUT", "/config", configBody(level), null);
  }

  @Override
  public String toString() {
    return "SchemaRegistryClient{" + settings + "}";
  }

  private int cachedId(String subject, String schema, boolean register) {
    Objects.requireNonNull(subject, "subject == null");
    Objects.requireNonNull(schema, "schema == null");
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = ids.get(key);
    if (cached != null) {
      return cached;
    }
    String path = register ? subjectPath(subject) + "/versions" : subjectPath(subject);
    JsonNode answer = http.send("POST", path, schemaBody(schema), subject);
    if (!answer.path("id").canConvertToInt()) {
      throw new SchemaRegistryException(
          "Schema registry at "
              + RegistryUrls.redact(settings.urls().get(0))
              + " answered POST "
              + path
              + " without a schema id: "
              + answer
              + ". Check that the URL is the base of a Confluent-compatible API.",
          RegistryUrls.redact(settings.urls().get(0)),
          subject,
          200,
          -1,
          null);
    }
    return ids.put(key, answer.path("id").intValue());
  }

  private static CompatibilityLevel level(JsonNode answer) {
    // GET answers {"compatibilityLevel": ...}; some registries answer {"compatibility": ...}.
    String level = answer.path("compatibilityLevel").asText(answer.path("compatibility").asText());
    return CompatibilityLevel.parse(level);
  }

  private static String schemaBody(String schema) {
    return RegistryHttp.JSON.createObjectNode().put("schema", schema).toString();
  }

  private static String configBody(CompatibilityLevel level) {
    Objects.requireNonNull(level, "level == null");
    return RegistryHttp.JSON.createObjectNode().put("compatibility", level.name()).toString();
  }

  private static String subjectPath(String subject) {
    return "/subjects/" + encode(subject);
  }

  private static String configPath(String subject) {
    return "/config/" + encode(subject);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private record SubjectSchema(String subject, String schema) {}
}
