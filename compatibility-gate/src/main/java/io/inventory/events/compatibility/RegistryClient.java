package io.inventory.events.compatibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The few calls of the Confluent schema registry API the gate needs, on java.net.http. */
final class RegistryClient {
  record Version(int version, int id, String schemaType, String schema) {}

  record Verdict(boolean compatible, List<String> messages) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String baseUrl;
  private final String authorization;

  RegistryClient(URI baseUrl, String user, String password) {
    String url = baseUrl.toString();
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.authorization =
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (user + ":" + (password == null ? "" : password))
                            .getBytes(StandardCharsets.UTF_8));
  }

  List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    get("/subjects").forEach(subject -> subjects.add(subject.asText()));
    return subjects;
  }

  List<Integer> versions(String subject) {
    List<Integer> versions = new ArrayList<>();
    get("/subjects/" + encode(subject) + "/versions")
        .forEach(version -> versions.add(version.asInt()));
    return versions;
  }

  Version version(String subject, int version) {
    JsonNode node = get("/subjects/" + encode(subject) + "/versions/" + version);
    return new Version(
        node.path("version").asInt(version),
        node.path("id").asInt(),
        node.path("schemaType").asText("AVRO"),
        node.path("schema").asText());
  }

  /**
   * {@code POST /compatibility/subjects/{subject}/versions/latest?verbose=true}, under the
   * subject's own rule.
   */
  Verdict testCompatibility(String subject, String schema) {
    ObjectNode body = JSON.createObjectNode().put("schema", schema).put("schemaType", "AVRO");
    JsonNode node =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        baseUrl
                            + "/compatibility/subjects/"
                            + encode(subject)
                            + "/versions/latest?verbose=true"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
            "POST /compatibility/subjects/" + subject);
    List<String> messages = new ArrayList<>();
    node.path("messages").forEach(message -> messages.add(message.asText()));
    return new Verdict(node.path("is_compatible").asBoolean(false), messages);
  }

  private JsonNode get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), "GET " + path);
  }

  private JsonNode send(HttpRequest.Builder request, String what) {
    request
        .header("Accept", "application/vnd.schemaregistry.v1+json, application/json")
        .timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "Schema registry "
                + baseUrl
                + " answered "
                + what
                + " with HTTP "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Schema registry " + baseUrl + " did not answer " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while calling " + what, e);
    }
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
