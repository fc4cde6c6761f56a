package io.inventory.events.conformance.compatibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * The registry calls these tests make themselves (the Confluent API), and loading a schema
 * directory with one parser.
 */
final class ConfluentRegistry {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;

  ConfluentRegistry(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** {@code PUT /config/{subject}}. */
  void compatibility(String subject, String level) {
    send(
        "PUT",
        "/config/" + encode(subject),
        JSON.createObjectNode().put("compatibility", level).toString());
  }

  /** {@code POST /subjects/{subject}/versions}: the HTTP status and the answer. */
  HttpResponse<String> register(String subject, Schema schema) {
    return send(
        "POST",
        "/subjects/" + encode(subject) + "/versions",
        JSON.createObjectNode()
            .put("schema", schema.toString())
            .put("schemaType", "AVRO")
            .toString());
  }

  /** {@code POST /compatibility/subjects/{subject}/versions/latest}: the registry's verdict. */
  boolean isCompatible(String subject, Schema schema) {
    HttpResponse<String> response =
        send(
            "POST",
            "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
            JSON.createObjectNode()
                .put("schema", schema.toString())
                .put("schemaType", "AVRO")
                .toString());
    if (response.statusCode() == 404) {
      return true; // a subject with no versions yet: a registry accepts any first version
    }
    return read(response).path("is_compatible").asBoolean();
  }

  /** {@code GET /schemas/ids/{id}}. */
  Schema schemaById(int id) {
    return new Schema.Parser()
        .parse(read(send("GET", "/schemas/ids/" + id, null)).path("schema").asText());
  }

  int id(HttpResponse<String> registration) {
    return read(registration).path("id").asInt();
  }

  private JsonNode read(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.body(), e);
    }
  }

  private HttpResponse<String> send(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8);
  }

  /**
   * The event types of a directory laid out like {@code schemas/} (common/ first), parsed with one
   * parser, by full name.
   */
  static Map<String, Schema> events(Path directory) {
    Schema.Parser parser = new Schema.Parser();
    Map<String, Schema> events = new LinkedHashMap<>();
    for (String part : List.of("common", "events")) {
      Path folder = directory.resolve(part);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
          Schema schema = parser.parse(file.toFile());
          if (part.equals("events")) {
            events.put(schema.getFullName(), schema);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return events;
  }

  /** Subject of an event type under TopicRecordNameStrategy. */
  static String subject(String env, String fullName) {
    return "inventory." + env + ".events-" + fullName;
  }
}
