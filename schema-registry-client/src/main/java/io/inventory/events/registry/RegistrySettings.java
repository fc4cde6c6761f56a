package io.inventory.events.registry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How to reach one schema registry: its URLs, credentials, TLS material, timeouts, retries and the
 * size of the client's caches. Immutable and thread-safe; build with {@link #builder(String)}.
 *
 * <pre>{@code
 * RegistrySettings settings = RegistrySettings.builder("https://registry:8443/apis/ccompat/v7")
 *     .basicAuth("svc-inventory:" + password)
 *     .trustStore(Path.of("truststore.p12"), storePassword, "PKCS12")
 *     .build();
 * }</pre>
 *
 * <p>Equal settings may share one {@link SchemaRegistryClient} and so one cache; an {@link
 * SSLContext} compares by identity. {@link #toString()} never prints a password.
 */
public final class RegistrySettings {
  private final List<URI> urls;
  private final String userInfo;
  private final SSLContext sslContext;
  private final TlsStore trustStore;
  private final TlsStore keyStore;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxRetries;
  private final Duration retryBackoff;
  private final int cacheCapacity;

  private RegistrySettings(Builder builder) {
    this.urls = List.copyOf(builder.urls);
    this.userInfo = builder.userInfo;
    this.sslContext = builder.sslContext;
    this.trustStore = builder.trustStore;
    this.keyStore = builder.keyStore;
    this.connectTimeout = builder.connectTimeout;
    this.requestTimeout = builder.requestTimeout;
    this.maxRetries = builder.maxRetries;
    this.retryBackoff = builder.retryBackoff;
    this.cacheCapacity = builder.cacheCapacity;
  }

  /**
   * Settings for the registry at {@code urls} (one base URL, or several separated by commas, tried
   * in turn on connection errors), with the defaults documented on each builder method.
   *
   * @throws IllegalArgumentException if no URL is given or one is not an absolute http(s) URL
   */
  public static Builder builder(String urls) {
    return new Builder(urls);
  }

  /** A builder holding a copy of these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The base URLs, tried in turn on connection errors. */
  public List<URI> urls() {
    return urls;
  }

  /** Whether requests carry HTTP basic auth. */
  public boolean hasCredentials() {
    return userInfo != null;
  }

  String userInfo() {
    return userInfo;
  }

  SSLContext sslContext() {
    return sslContext;
  }

  TlsStore trustStore() {
    return trustStore;
  }

  TlsStore keyStore() {
    return keyStore;
  }

  /** The TCP connect timeout (default 10 s). */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The timeout of one request (default 30 s). */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Retries after a connection error or a 5xx answer (default 3; 4xx is never retried). */
  public int maxRetries() {
    return maxRetries;
  }

  /** The first retry's wait, doubled per retry up to 10 s (default 200 ms). */
  public Duration retryBackoff() {
    return retryBackoff;
  }

  /** Entries each of the client's caches (ids by schema, schemas by id) holds at most. */
  public int cacheCapacity() {
    return cacheCapacity;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RegistrySettings that)) {
      return false;
    }
    return urls.equals(that.urls)
        && Objects.equals(userInfo, that.userInfo)
        && sslContext == that.sslContext
        && Objects.equals(trustStore, that.trustStore)
        && Objects.equals(keyStore, that.keyStore)
        && connectTimeout.equals(that.connectTimeout)
        && requestTimeout.equals(that.requestTimeout)
        && maxRetries == that.maxRetries
        && retryBackoff.equals(that.retryBackoff)
        && cacheCapacity == that.cacheCapacity;
  }

  @Override
  public int hashCode() {
    return Objects.hash(urls, userInfo, System.identityHashCode(sslContext), trustStore, keyStore);
  }

  @Override
  public String toString() {
    return "RegistrySettings{urls="
        + urls.stream().map(RegistryUrls::redact).toList()
        + ", auth="
        + (userInfo == null ? "none" : "basic")
        + ", tls="
        + (sslContext != null ? "context" : trustStore != null ? "trust store" : "jvm default")
        + "}";
  }

  /** Builds {@link RegistrySettings}; not thread-safe. */
  public static final class Builder {
    private final List<URI> urls;
    private String userInfo;
    private SSLContext sslContext;
    private TlsStore trustStore;
    private TlsStore keyStore;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxRetries = 3;
    private Duration retryBackoff = Duration.ofMillis(200);
    private int cacheCapacity = 1_000;

    private Builder(String urls) {
      this.urls = RegistryUrls.parse(urls);
    }

    private Builder(RegistrySettings settings) {
      this.urls = new ArrayList<>(settings.urls);
      this.userInfo = settings.userInfo;
      this.sslContext = settings.sslContext;
      this.trustStore = settings.trustStore;
      this.keyStore = settings.keyStore;
      this.connectTimeout = settings.connectTimeout;
      this.requestTimeout = settings.requestTimeout;
      this.maxRetries = settings.maxRetries;
      this.retryBackoff = settings.retryBackoff;
      this.cacheCapacity = settings.cacheCapacity;
    }

    /** HTTP basic auth as {@code user:password}; {@code null} for none (the default). */
    public Builder basicAuth(String userInfo) {
      if (userInfo != null && !userInfo.contains(":")) {
        throw new IllegalArgumentException(
            "basic auth user info must be \"user:password\" (the password was not printed)");
      }
      this.userInfo = userInfo;
      return this;
    }

    /**
     * A ready TLS context for {@code https} URLs; wins over {@link #trustStore}/{@link #keyStore}.
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    /**
     * The trust store for an {@code https} registry (default: the JVM's). Type e.g. PKCS12, JKS.
     */
    public Builder trustStore(Path location, String password, String type) {
      this.trustStore = new TlsStore(location, password, type, null);
      return this;
    }

    /** A client certificate for mutual TLS. {@code keyPassword} defaults to the store password. */
    public Builder keyStore(Path location, String password, String type, String keyPassword) {
      this.keyStore = new TlsStore(location, password, type, keyPassword);
      return this;
    }

    /** Default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** Default 30 s. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** Default 3; 0 turns retries off. */
    public Builder maxRetries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("maxRetries must be >= 0 but was " + retries);
      }
      this.maxRetries = retries;
      return this;
    }

    /** Default 200 ms, doubled per retry, at most 10 s. */
    public Builder retryBackoff(Duration backoff) {
      Objects.requireNonNull(backoff, "retryBackoff == null");
      if (backoff.isNegative()) {
        throw new IllegalArgumentException("retryBackoff must not be negative but was " + backoff);
      }
      this.retryBackoff = backoff;
      return this;
    }

    /** Default 1,000 entries per cache; at least 1. */
    public Builder cacheCapacity(int entries) {
      if (entries < 1) {
        throw new IllegalArgumentException("cacheCapacity must be >= 1 but was " + entries);
      }
      this.cacheCapacity = entries;
      return this;
    }

    public RegistrySettings build() {
      return new RegistrySettings(this);
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name + " == null");
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive but was " + duration);
      }
      return duration;
    }
  }
}
