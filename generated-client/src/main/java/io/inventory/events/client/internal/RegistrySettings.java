package io.inventory.events.client.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How to reach one schema registry. Equal settings share one {@link SchemaRegistryClient} (and so
 * one cache) per process; {@code sslContext} compares by identity.
 *
 * @param urls base URLs, tried in turn on connection errors, e.g. {@code http://host:8081} or
 *     {@code http://host:8080/apis/ccompat/v7}
 * @param userInfo {@code user:password} for HTTP basic auth, or {@code null}
 * @param sslContext TLS context for {@code https} URLs, or {@code null} for the JVM default
 */
public record RegistrySettings(
    List<URI> urls,
    String userInfo,
    SSLContext sslContext,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRetries,
    Duration retryBackoff) {

  public RegistrySettings {
    urls = List.copyOf(Objects.requireNonNull(urls, "urls == null"));
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("urls is empty; give at least one registry URL");
    }
    Objects.requireNonNull(connectTimeout, "connectTimeout == null");
    Objects.requireNonNull(requestTimeout, "requestTimeout == null");
    Objects.requireNonNull(retryBackoff, "retryBackoff == null");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries < 0: " + maxRetries);
    }
  }

  /** Settings for one URL with the documented defaults: no auth, JVM TLS, 3 retries. */
  public static RegistrySettings of(String url) {
    return new RegistrySettings(
        List.of(URI.create(url)),
        null,
        null,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        3,
        Duration.ofMillis(200));
  }

  @Override
  public String toString() {
    // Never print the credentials.
    return "RegistrySettings{urls="
        + urls
        + ", auth="
        + (userInfo == null ? "none" : "basic")
        + "}";
  }
}
