package io.inventory.events.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLContext;

/**
 * Sends one Confluent-API request with the settings' auth, timeouts and bounded retries, and turns
 * every failure into the {@link SchemaRegistryException} subtype a caller acts on.
 */
final class RegistryHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final long MAX_BACKOFF_MILLIS = 10_000;

  private final RegistrySettings settings;
  private final HttpClient http;
  private final String authorization;

  RegistryHttp(RegistrySettings settings) {
    this.settings = settings;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL);
    SSLContext tls = TlsContexts.of(settings);
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.http = builder.build();
    this.authorization =
        settings.userInfo() == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(settings.userInfo().getBytes(StandardCharsets.UTF_8));
  }

  /** The answer's JSON, or a typed exception; 5xx and connection errors are retried. */
  JsonNode send(String method, String path, String body, String subject) {
    int attempts = settings.maxRetries() + 1;
    for (int attempt = 0; ; attempt++) {
      URI base = settings.urls().get(attempt % settings.urls().size());
      boolean last = attempt + 1 >= attempts;
      try {
        HttpResponse<String> response =
            http.send(
                request(base, method, path, body),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() < 300) {
          return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        }
        if (response.statusCode() < 500 || last) {
          throw RegistryErrors.refused(base, method, path, subject, response);
        }
      } catch (IOException e) {
        if (last) {
          throw RegistryErrors.unreachable(base, method, path, subject, attempts, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw RegistryErrors.interrupted(base, method, path, subject, e);
      }
      pause(attempt, base, method, path, subject);
    }
  }

  private HttpRequest request(URI base, String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
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

  private void pause(int attempt, URI base, String method, String path, String subject) {
    long millis = settings.retryBackoff().toMillis() << Math.min(attempt, 10);
    try {
      Thread.sleep(Math.min(millis, MAX_BACKOFF_MILLIS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryErrors.interrupted(base, method, path, subject, e);
    }
  }
}
