package io.inventory.events.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inventory.events.client.serde.SchemaRegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.InterruptException;

/**
 * A client for the subset of the Confluent Schema Registry REST API that the serde needs, over
 * {@code java.net.http}. Works with Confluent, Apicurio ({@code /apis/ccompat/v7}), Karapace and
 * Redpanda.
 *
 * <p>Schema ids are cached by (subject, schema text) and schemas by id, each fetched once per
 * instance; {@link #shared} hands out one instance per distinct {@link RegistrySettings}, so every
 * serializer and deserializer of a process shares one cache. Connection errors and 5xx answers are
 * retried {@code maxRetries} times with exponential back-off; any other failure is a {@link
 * SchemaRegistryException} naming the registry, the request, the subject and the status.
 * Thread-safe.
 */
public final class SchemaRegistryClient {
  private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<RegistrySettings, SchemaRegistryClient> SHARED =
      new ConcurrentHashMap<>();

  private final RegistrySettings settings;
  private final HttpClient http;
  private final String authorization;
  private final Map<String, Map<String, Integer>> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  public SchemaRegistryClient(RegistrySettings settings) {
    this.settings = settings;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL);
    if (settings.sslContext() != null) {
      builder.sslContext(settings.sslContext());
    }
    this.http = builder.build();
    this.authorization =
        settings.userInfo() == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(settings.userInfo().getBytes(StandardCharsets.UTF_8));
  }

  /** The process-wide client for these settings, created on first use. */
  public static SchemaRegistryClient shared(RegistrySettings settings) {
    return SHARED.computeIfAbsent(settings, SchemaRegistryClient::new);
  }

  /**
   * The id of {@code schema} under {@code subject}: registered if {@code register}, else looked up
   * ({@code POST /subjects/{subject}}). Cached: each (subject, schema) costs one request per
   * process.
   *
   * @param schemaText the schema exactly as it is (to be) registered
   * @throws SchemaRegistryException if the schema is not registered under the subject (and {@code
   *     register} is false), or the registry refuses or cannot be reached
   */
  public int idOf(String subject, String schemaText, boolean register) {
    return idsBySubject
        .computeIfAbsent(subject, s -> new ConcurrentHashMap<>())
        .computeIfAbsent(schemaText, text -> fetchId(subject, text, register));
  }

  /**
   * The schema registered with {@code id} ({@code GET /schemas/ids/{id}}), cached for the life of
   * the process (ids are immutable).
   *
   * @throws SchemaRegistryException with status 404 if the registry has no such id, or if it
   *     refuses or cannot be reached
   */
  public Schema schemaById(int id) {
    return schemasById.computeIfAbsent(id, this::fetchSchema);
  }

  /**
   * Whether {@code schemaText} is compatible with the subject's versions under the subject's
   * compatibility level ({@code POST /compatibility/subjects/{subject}/versions/latest}). Not
   * cached.
   */
  public boolean isCompatible(String subject, String schemaText) {
    JsonNode answer =
        send(
            "POST",
            "/compatibility/subjects/" + encode(subject) + "/versions/latest",
            schemaBody(schemaText),
            subject);
    return answer.path("is_compatible").asBoolean(false);
  }

  /** The subject's compatibility level ({@code GET /config/{subject}}), e.g. FULL_TRANSITIVE. */
  public String compatibilityLevel(String subject) {
    JsonNode answer = send("GET", "/config/" + encode(subject), null, subject);
    return answer.path("compatibilityLevel").asText(answer.path("compatibility").asText(null));
  }

  /** Sets the subject's compatibility level ({@code PUT /config/{subject}}). */
  public void setCompatibilityLevel(String subject, String level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level);
    send("PUT", "/config/" + encode(subject), body.toString(), subject);
  }

  private int fetchId(String subject, String schemaText, boolean register) {
    String path =
        register ? "/subjects/" + encode(subject) + "/versions" : "/subjects/" + encode(subject);
    JsonNode answer = send("POST", path, schemaBody(schemaText), subject);
    if (!answer.path("id").canConvertToInt()) {
      throw new SchemaRegistryException(
          "Schema registry at "
              + base()
              + " answered POST "
              + path
              + " without a schema id: "
              + answer,
          base(),
          subject,
          200,
          -1,
          null);
    }
    return answer.path("id").intValue();
  }

  private Schema fetchSchema(int id) {
    JsonNode answer = send("GET", "/schemas/ids/" + id, null, null);
    return new Schema.Parser().parse(answer.path("schema").asText());
  }

  private static String schemaBody(String schemaText) {
    return JSON.createObjectNode().put("schema", schemaText).toString();
  }

  private JsonNode send(String method, String path, String body, String subject) {
    int attempts = settings.maxRetries() + 1;
    for (int attempt = 0; ; attempt++) {
      URI base = settings.urls().get(attempt % settings.urls().size());
      try {
        HttpResponse<String> response =
            http.send(
                request(base, method, path, body),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() < 300) {
          return JSON.readTree(response.body());
        }
        if (response.statusCode() < 500 || attempt + 1 >= attempts) {
          throw refused(base, method, path, subject, response);
        }
      } catch (IOException e) {
        if (attempt + 1 >= attempts) {
          throw new SchemaRegistryException(
              "Schema registry at "
                  + base
                  + " did not answer "
                  + method
                  + " "
                  + path
                  + " after "
                  + attempts
                  + " attempts ("
                  + e
                  + "). Check schema.registry.url and that the registry is up.",
              base.toString(),
              subject,
              -1,
              -1,
              e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptException(e);
      }
      backOff(attempt);
    }
  }

  private HttpRequest request(URI base, String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(strip(base) + path))
            .timeout(settings.requestTimeout())
            .header("Accept", MEDIA_TYPE + ", application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", MEDIA_TYPE);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request.build();
  }

  private SchemaRegistryException refused(
      URI base, String method, String path, String subject, HttpResponse<String> response) {
    int errorCode = -1;
    String detail = response.body();
    try {
      JsonNode error = JSON.readTree(response.body());
      errorCode = error.path("error_code").asInt(-1);
      detail = error.path("message").asText(detail);
    } catch (IOException | RuntimeException notJson) {
      // Keep the raw body as the detail.
    }
    return new SchemaRegistryException(
        "Schema registry at "
            + base
            + " refused "
            + method
            + " "
            + path
            + (subject == null ? "" : " for subject \"" + subject + "\"")
            + ": HTTP "
            + response.statusCode()
            + (errorCode < 0 ? "" : " error_code " + errorCode)
            + ": "
            + detail
            + hint(response.statusCode(), errorCode),
        base.toString(),
        subject,
        response.statusCode(),
        errorCode,
        null);
  }

  private static String hint(int status, int errorCode) {
    if (errorCode == 40401 || errorCode == 40403) {
      return ". Register the schema first (the compatibility gate does, or set"
          + " auto.register.schemas=true in dev and tests).";
    }
    if (status == 401 || status == 403) {
      return ". Check basic.auth.user.info.";
    }
    return ".";
  }

  private void backOff(int attempt) {
    long millis = settings.retryBackoff().toMillis() << Math.min(attempt, 10);
    try {
      Thread.sleep(Math.min(millis, 10_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptException(e);
    }
  }

  private String base() {
    return settings.urls().get(0).toString();
  }

  private static String strip(URI base) {
    String url = base.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
