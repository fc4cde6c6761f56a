package io.inventory.events.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** The few calls the stack makes to a registry's Confluent-compatible REST API. */
final class ConfluentApiClient {
  static final Set<String> LEVELS =
      Set.of(
          "NONE",
          "BACKWARD",
          "BACKWARD_TRANSITIVE",
          "FORWARD",
          "FORWARD_TRANSITIVE",
          "FULL",
          "FULL_TRANSITIVE");
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final String baseUrl;
  private final HttpClient http;

  ConfluentApiClient(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  static String checkLevel(String level) {
    if (level == null) throw new NullPointerException("compatibility == null");
    String upper = level.trim().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(upper)) {
      throw new IllegalArgumentException(
          "Unknown compatibility level \""
              + level
              + "\"; expected one of "
              + new java.util.TreeSet<>(LEVELS));
    }
    return upper;
  }

  /**
   * {@code PUT /config}: the global compatibility rule every subject without its own rule follows.
   */
  void putGlobalCompatibility(String level) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/config"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", CONTENT_TYPE)
            .header("Accept", CONTENT_TYPE + ", application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
            .build();
    HttpResponse<String> response = send(request, "set the global compatibility to " + level);
    if (response.statusCode() / 100 != 2) {
      throw new StackStartException(
          "The registry at "
              + baseUrl
              + " refused PUT /config {\"compatibility\":\""
              + level
              + "\"} with HTTP "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }

  /** Polls {@code GET /subjects} until it answers 200. */
  void awaitReachable(Deadline deadline) {
    String problem = "no answer";
    while (!deadline.expired()) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/subjects"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Accept", CONTENT_TYPE + ", application/json")
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) return;
        problem = "HTTP " + response.statusCode() + ": " + response.body();
      } catch (IOException e) {
        problem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackStartException(
            "Interrupted while waiting for the registry at " + baseUrl, e);
      }
      deadline.pause();
    }
    throw new StackStartException(
        "The schema registry at "
            + baseUrl
            + " did not answer GET /subjects within "
            + Deadline.seconds(deadline.timeout())
            + " ("
            + problem
            + "). Check SCHEMA_REGISTRY_URL: it must be the base of a Confluent-compatible API, for"
            + " Apicurio http://HOST:PORT/apis/ccompat/v7.");
  }

  private HttpResponse<String> send(HttpRequest request, String purpose) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new StackStartException(
          "Could not " + purpose + " on the registry at " + baseUrl + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackStartException("Interrupted while trying to " + purpose + " at " + baseUrl, e);
    }
  }
}
