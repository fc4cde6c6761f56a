package io.inventory.events.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to a registry's Confluent-compatible API, as a team's test would make them. */
final class RegistryCalls {
  private static final String JSON = "application/vnd.schemaregistry.v1+json";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final HttpClient http;
  private final String authorization;

  RegistryCalls(String baseUrl) {
    this(baseUrl, HTTP, null);
  }

  /** Over {@code http} (for example trusting a secured stack), with this Authorization header. */
  RegistryCalls(String baseUrl, HttpClient http, String authorization) {
    this.baseUrl = baseUrl;
    this.http = http;
    this.authorization = authorization;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  HttpResponse<String> post(String path, String avroSchema) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", JSON)
            .POST(HttpRequest.BodyPublishers.ofString(schemaRequest(avroSchema))));
  }

  static String schemaRequest(String avroSchema) {
    return "{\"schema\":\"" + avroSchema.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    if (authorization != null) request.header("Authorization", authorization);
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(10)).header("Accept", JSON).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
