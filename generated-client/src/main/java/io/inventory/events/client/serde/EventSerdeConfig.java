package io.inventory.events.client.serde;

import io.inventory.events.registry.RegistrySettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The configuration keys of {@link InventoryEventSerializer} and {@link
 * InventoryEventDeserializer}, given in the same map as the producer's or consumer's own settings.
 *
 * <p>Key names are Confluent's where Confluent has one, so an existing {@code KafkaAvroSerializer}
 * configuration carries over unchanged. Only {@link #SCHEMA_REGISTRY_URL_CONFIG} is required.
 * Instances are immutable and thread-safe.
 */
public final class EventSerdeConfig extends AbstractConfig {

  public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
  public static final String SCHEMA_REGISTRY_URL_DOC =
      "Base URL of a registry speaking the Confluent REST API, for example http://localhost:8081"
          + " (Confluent, Karapace, Redpanda) or http://localhost:8080/apis/ccompat/v7 (Apicurio)."
          + " A comma-separated list is tried in turn on connection errors. Required.";

  public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
  public static final String AUTO_REGISTER_SCHEMAS_DOC =
      "Whether the serializer registers the event's schema under its subject on first use (true) or"
          + " only looks up the id of the schema already registered there (false). Default false:"
          + " in sit and prod, schemas are registered by the compatibility gate, never by a"
          + " producer. Set true for dev and tests.";

  public static final String VALUE_SUBJECT_NAME_STRATEGY_CONFIG = "value.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY_DOC =
      "Accepted for Confluent compatibility only: the contract registers every event under"
          + " TopicRecordNameStrategy (subject <topic>-<full.record.Name>, e.g."
          + " inventory.dev.events-io.inventory.events.avro.StockLevelChanged), and any other"
          + " strategy is refused.";

  public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE_DOC =
      "Where HTTP basic-auth credentials for the registry come from: USER_INFO"
          + " (basic.auth.user.info) or URL (the user-info part of schema.registry.url). Default:"
          + " USER_INFO when basic.auth.user.info is set, else URL.";

  public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";
  public static final String BASIC_AUTH_USER_INFO_DOC =
      "Registry credentials as user:password," + " sent as HTTP basic auth. Default none.";

  public static final String HTTP_CONNECT_TIMEOUT_MS_CONFIG = "http.connect.timeout.ms";
  public static final String HTTP_CONNECT_TIMEOUT_MS_DOC =
      "How long to wait for a TCP connection" + " to the registry, in milliseconds. Default 10000.";

  public static final String HTTP_READ_TIMEOUT_MS_CONFIG = "http.read.timeout.ms";
  public static final String HTTP_READ_TIMEOUT_MS_DOC =
      "How long to wait for the registry's answer"
          + " to one request, in milliseconds. Default 30000.";

  public static final String MAX_RETRIES_CONFIG = "max.retries";
  public static final String MAX_RETRIES_DOC =
      "How many times a registry request is retried after"
          + " a connection error or a 5xx answer (4xx answers are never retried). Default 3.";

  public static final String RETRIES_WAIT_MS_CONFIG = "retries.wait.ms";
  public static final String RETRIES_WAIT_MS_DOC =
      "Back-off before the first retry, in"
          + " milliseconds; doubled for each further retry, at most 10 s. Default 200.";

  public static final String SSL_TRUSTSTORE_LOCATION_CONFIG =
      "schema.registry.ssl.truststore.location";
  public static final String SSL_TRUSTSTORE_LOCATION_DOC =
      "Trust store for an https registry URL." + " Default none: the JVM's default trust store.";
  public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG =
      "schema.registry.ssl.truststore.password";
  public static final String SSL_TRUSTSTORE_PASSWORD_DOC = "Password of the trust store.";
  public static final String SSL_TRUSTSTORE_TYPE_CONFIG = "schema.registry.ssl.truststore.type";
  public static final String SSL_TRUSTSTORE_TYPE_DOC = "Trust store format. Default PKCS12.";
  public static final String SSL_KEYSTORE_LOCATION_CONFIG = "schema.registry.ssl.keystore.location";
  public static final String SSL_KEYSTORE_LOCATION_DOC =
      "Key store holding a client certificate,"
          + " for registries that require mutual TLS. Default none.";
  public static final String SSL_KEYSTORE_PASSWORD_CONFIG = "schema.registry.ssl.keystore.password";
  public static final String SSL_KEYSTORE_PASSWORD_DOC = "Password of the key store.";
  public static final String SSL_KEYSTORE_TYPE_CONFIG = "schema.registry.ssl.keystore.type";
  public static final String SSL_KEYSTORE_TYPE_DOC = "Key store format. Default PKCS12.";
  public static final String SSL_KEY_PASSWORD_CONFIG = "schema.registry.ssl.key.password";
  public static final String SSL_KEY_PASSWORD_DOC =
      "Password of the private key; default the key" + " store password.";

  public static final String SSL_CONTEXT_CONFIG = "schema.registry.ssl.context";
  public static final String SSL_CONTEXT_DOC =
      "A javax.net.ssl.SSLContext instance (not a string) for an https registry URL; takes"
          + " precedence over the trust and key store settings. Not a Confluent key.";

  private static final String TOPIC_RECORD_NAME_STRATEGY = "TopicRecordNameStrategy";

  private static final ConfigDef CONFIG =
      new ConfigDef()
          .define(
              SCHEMA_REGISTRY_URL_CONFIG,
              Type.LIST,
              ConfigDef.NO_DEFAULT_VALUE,
              (name, value) -> {
                if (value == null || ((List<?>) value).isEmpty()) {
                  throw new ConfigException(name, value, "Set it to the registry's base URL.");
                }
              },
              Importance.HIGH,
              SCHEMA_REGISTRY_URL_DOC)
          .define(
              AUTO_REGISTER_SCHEMAS_CONFIG,
              Type.BOOLEAN,
              false,
              Importance.MEDIUM,
              AUTO_REGISTER_SCHEMAS_DOC)
          .define(
              VALUE_SUBJECT_NAME_STRATEGY_CONFIG,
              Type.STRING,
              null,
              Importance.LOW,
              VALUE_SUBJECT_NAME_STRATEGY_DOC)
          .define(
              BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG,
              Type.STRING,
              null,
              (name, value) -> {
                if (value != null && !List.of("USER_INFO", "URL").contains(value)) {
                  throw new ConfigException(name, value, "Set USER_INFO or URL.");
                }
              },
              Importance.MEDIUM,
              BASIC_AUTH_CREDENTIALS_SOURCE_DOC)
          .define(
              BASIC_AUTH_USER_INFO_CONFIG,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              BASIC_AUTH_USER_INFO_DOC)
          .define(
              HTTP_CONNECT_TIMEOUT_MS_CONFIG,
              Type.INT,
              10_000,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              HTTP_CONNECT_TIMEOUT_MS_DOC)
          .define(
              HTTP_READ_TIMEOUT_MS_CONFIG,
              Type.INT,
              30_000,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              HTTP_READ_TIMEOUT_MS_DOC)
          .define(
              MAX_RETRIES_CONFIG,
              Type.INT,
              3,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              MAX_RETRIES_DOC)
          .define(
              RETRIES_WAIT_MS_CONFIG,
              Type.INT,
              200,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              RETRIES_WAIT_MS_DOC)
          .define(
              SSL_TRUSTSTORE_LOCATION_CONFIG,
              Type.STRING,
              null,
              Importance.MEDIUM,
              SSL_TRUSTSTORE_LOCATION_DOC)
          .define(
              SSL_TRUSTSTORE_PASSWORD_CONFIG,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              SSL_TRUSTSTORE_PASSWORD_DOC)
          .define(
              SSL_TRUSTSTORE_TYPE_CONFIG,
              Type.STRING,
              "PKCS12",
              Importance.LOW,
              SSL_TRUSTSTORE_TYPE_DOC)
          .define(
              SSL_KEYSTORE_LOCATION_CONFIG,
              Type.STRING,
              null,
              Importance.MEDIUM,
              SSL_KEYSTORE_LOCATION_DOC)
          .define(
              SSL_KEYSTORE_PASSWORD_CONFIG,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              SSL_KEYSTORE_PASSWORD_DOC)
          .define(
              SSL_KEYSTORE_TYPE_CONFIG,
              Type.STRING,
              "PKCS12",
              Importance.LOW,
              SSL_KEYSTORE_TYPE_DOC)
          .define(
              SSL_KEY_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW, SSL_KEY_PASSWORD_DOC);

  /**
   * Parses and validates {@code configs}; keys this class does not define (the producer's or
   * consumer's own) are ignored.
   *
   * @throws ConfigException naming the key and what to set, for a missing or invalid value
   */
  public EventSerdeConfig(Map<String, ?> configs) {
    super(CONFIG, configs, false);
    checkSubjectStrategy(getString(VALUE_SUBJECT_NAME_STRATEGY_CONFIG));
  }

  /** The definition of every key, with docs and defaults (for rendering docs). */
  public static ConfigDef configDef() {
    return new ConfigDef(CONFIG);
  }

  /** Whether the serializer registers schemas ({@value #AUTO_REGISTER_SCHEMAS_CONFIG}). */
  public boolean autoRegisterSchemas() {
    return getBoolean(AUTO_REGISTER_SCHEMAS_CONFIG);
  }

  /** How to reach the registry, as the shared registry client takes it. */
  RegistrySettings registrySettings() {
    List<URI> urls =
        getList(SCHEMA_REGISTRY_URL_CONFIG).stream().map(String::trim).map(URI::create).toList();
    RegistrySettings.Builder settings =
        RegistrySettings.builder(
                urls.stream()
                    .map(EventSerdeConfig::withoutUserInfo)
                    .collect(Collectors.joining(",")))
            .basicAuth(userInfo(urls.get(0)))
            .connectTimeout(Duration.ofMillis(getInt(HTTP_CONNECT_TIMEOUT_MS_CONFIG)))
            .requestTimeout(Duration.ofMillis(getInt(HTTP_READ_TIMEOUT_MS_CONFIG)))
            .maxRetries(getInt(MAX_RETRIES_CONFIG))
            .retryBackoff(Duration.ofMillis(getInt(RETRIES_WAIT_MS_CONFIG)));
    addTls(settings);
    return settings.build();
  }

  private String userInfo(URI firstUrl) {
    Password userInfo = getPassword(BASIC_AUTH_USER_INFO_CONFIG);
    String source = getString(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG);
    if (source == null) {
      source = userInfo != null ? "USER_INFO" : "URL";
    }
    if (source.equals("USER_INFO")) {
      if (userInfo == null) {
        throw new ConfigException(
            BASIC_AUTH_USER_INFO_CONFIG,
            null,
            "Must set basic.auth.user.info=user:password when"
                + " basic.auth.credentials.source=USER_INFO.");
      }
      return userInfo.value();
    }
    return firstUrl.getRawUserInfo();
  }

  private static String withoutUserInfo(URI url) {
    if (url.getRawUserInfo() == null) {
      return url.toString();
    }
    return url.toString().replace(url.getRawUserInfo() + "@", "");
  }

  private void addTls(RegistrySettings.Builder settings) {
    Object given = originals().get(SSL_CONTEXT_CONFIG);
    if (given != null) {
      if (!(given instanceof SSLContext context)) {
        throw new ConfigException(
            SSL_CONTEXT_CONFIG,
            given.getClass().getName(),
            "Must be a javax.net.ssl.SSLContext instance.");
      }
      settings.sslContext(context);
      return;
    }
    String trustStore = getString(SSL_TRUSTSTORE_LOCATION_CONFIG);
    if (trustStore != null) {
      settings.trustStore(
          Path.of(trustStore),
          value(getPassword(SSL_TRUSTSTORE_PASSWORD_CONFIG)),
          getString(SSL_TRUSTSTORE_TYPE_CONFIG));
    }
    String keyStore = getString(SSL_KEYSTORE_LOCATION_CONFIG);
    if (keyStore != null) {
      settings.keyStore(
          Path.of(keyStore),
          value(getPassword(SSL_KEYSTORE_PASSWORD_CONFIG)),
          getString(SSL_KEYSTORE_TYPE_CONFIG),
          value(getPassword(SSL_KEY_PASSWORD_CONFIG)));
    }
  }

  private static String value(Password password) {
    return password == null ? null : password.value();
  }

  private static void checkSubjectStrategy(String strategy) {
    if (strategy != null && !strategy.endsWith(TOPIC_RECORD_NAME_STRATEGY)) {
      throw new ConfigException(
          VALUE_SUBJECT_NAME_STRATEGY_CONFIG,
          strategy,
          "The contract registers each event under TopicRecordNameStrategy"
              + " (<topic>-<full.record.Name>); remove the setting or set it to"
              + " io.confluent.kafka.serializers.subject.TopicRecordNameStrategy.");
    }
  }
}
