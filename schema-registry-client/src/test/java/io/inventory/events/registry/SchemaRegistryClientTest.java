package io.inventory.events.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.registry.ScriptedRegistry.Answer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The schema registry client")
class SchemaRegistryClientTest {
  private static final String SUBJECT = "inventory.dev.events-io.inventory.events.avro.Probe";
  private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[]}";

  private static SchemaRegistryClient client(String url) {
    return new SchemaRegistryClient(
        RegistrySettings.builder(url).retryBackoff(Duration.ofMillis(1)).build());
  }

  @Test
  @DisplayName("registers once per (subject, schema), then answers from its cache")
  void cachesIds() throws IOException {
    try (ScriptedRegistry registry = new ScriptedRegistry(r -> new Answer(200, "{\"id\":7}"))) {
      SchemaRegistryClient client = client(registry.url());

      assertThat(client.register(SUBJECT, SCHEMA)).isEqualTo(7);
      assertThat(client.register(SUBJECT, SCHEMA)).isEqualTo(7);
      assertThat(client.lookUp(SUBJECT, SCHEMA)).isEqualTo(7);

      assertThat(registry.requests())
          .extracting(ScriptedRegistry.Request::pathAndQuery)
          .containsExactly(
              "/subjects/inventory.dev.events-io.inventory.events.avro.Probe/versions");
      assertThat(registry.requests().get(0).body()).isEqualTo("{\"schema\":" + quote(SCHEMA) + "}");
    }
  }

  @Test
  @DisplayName("fetches a schema by id once")
  void cachesSchemas() throws IOException {
    try (ScriptedRegistry registry =
        new ScriptedRegistry(r -> new Answer(200, "{\"schema\":" + quote(SCHEMA) + "}"))) {
      SchemaRegistryClient client = client(registry.url());

      assertThat(client.schemaById(3)).isEqualTo(SCHEMA);
      assertThat(client.schemaById(3)).isEqualTo(SCHEMA);

      assertThat(registry.requests()).hasSize(1);
      assertThat(registry.requests().get(0).pathAndQuery()).isEqualTo("/schemas/ids/3");
    }
  }

  @Test
  @DisplayName("an unknown id is a SchemaNotFoundException that says what to do")
  void unknownId() throws IOException {
    try (ScriptedRegistry registry =
        new ScriptedRegistry(
            r -> new Answer(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}"))) {
      assertThatThrownBy(() -> client(registry.url()).schemaById(99))
          .isInstanceOfSatisfying(
              SchemaNotFoundException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(404);
                assertThat(e.errorCode()).isEqualTo(40403);
                assertThat(e.isTransient()).isFalse();
              })
          .hasMessage(
              "Schema registry at "
                  + registry.url()
                  + " refused GET /schemas/ids/99: HTTP 404 error_code 40403: Schema not found."
                  + " Register the schema first (inventory-events register, or"
                  + " auto.register.schemas=true in dev and tests).");
      assertThat(registry.requests()).hasSize(1); // a 4xx is never retried
    }
  }

  @Test
  @DisplayName("a schema the subject's rule refuses is an IncompatibleSchemaException")
  void incompatible() throws IOException {
    try (ScriptedRegistry registry =
        new ScriptedRegistry(
            r -> new Answer(409, "{\"error_code\":409,\"message\":\"incompatible\"}"))) {
      assertThatThrownBy(() -> client(registry.url()).register(SUBJECT, SCHEMA))
          .isInstanceOf(IncompatibleSchemaException.class)
          .hasMessageContaining("for subject \"" + SUBJECT + "\"")
          .hasMessageEndingWith("run the compatibility gate to see which field and rule.");
    }
  }

  @Test
  @DisplayName("retries a 5xx answer with back-off, then succeeds")
  void retriesServerErrors() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    try (ScriptedRegistry registry =
        new ScriptedRegistry(
            r ->
                calls.incrementAndGet() < 3
                    ? new Answer(503, "busy")
                    : new Answer(200, "{\"id\":1}"))) {
      assertThat(client(registry.url()).lookUp(SUBJECT, SCHEMA)).isEqualTo(1);
      assertThat(registry.requests()).hasSize(3);
    }
  }

  @Test
  @DisplayName("gives up after maxRetries with a transient RegistryUnavailableException")
  void givesUpOnServerErrors() throws IOException {
    try (ScriptedRegistry registry = new ScriptedRegistry(r -> new Answer(503, "busy"))) {
      assertThatThrownBy(() -> client(registry.url()).lookUp(SUBJECT, SCHEMA))
          .isInstanceOfSatisfying(
              RegistryUnavailableException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(503);
                assertThat(e.isTransient()).isTrue();
              });
      assertThat(registry.requests()).hasSize(4); // 1 + 3 retries
    }
  }

  @Test
  @DisplayName("a registry that does not answer is unavailable, named, with what to check")
  void unreachable() throws IOException {
    String url = "http://127.0.0.1:" + freePort();
    assertThatThrownBy(() -> client(url).schemaById(1))
        .isInstanceOfSatisfying(
            RegistryUnavailableException.class, e -> assertThat(e.statusCode()).isEqualTo(-1))
        .hasMessageStartingWith("Schema registry at " + url + " did not answer GET /schemas/ids/1")
        .hasMessageEndingWith("Check the registry URL and that the registry is up.");
  }

  @Test
  @DisplayName("tries the next URL of a list when one does not answer")
  void failsOver() throws IOException {
    try (ScriptedRegistry registry = new ScriptedRegistry(r -> new Answer(200, "{\"id\":5}"))) {
      String urls = "http://127.0.0.1:" + freePort() + "," + registry.url();
      assertThat(client(urls).lookUp(SUBJECT, SCHEMA)).isEqualTo(5);
    }
  }

  @Test
  @DisplayName("sends basic auth, and never prints the password")
  void basicAuth() throws IOException {
    try (ScriptedRegistry registry = new ScriptedRegistry(r -> new Answer(401, "nope"))) {
      RegistrySettings settings =
          RegistrySettings.builder(registry.url()).basicAuth("svc:s3cret-pw").build();
      SchemaRegistryClient client = new SchemaRegistryClient(settings);

      assertThatThrownBy(client::subjects)
          .hasMessageEndingWith("Check the registry credentials (basic.auth.user.info).")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
      assertThat(registry.requests().get(0).authorization())
          .isEqualTo("Basic " + Base64.getEncoder().encodeToString("svc:s3cret-pw".getBytes()));
      assertThat(settings.toString() + client).doesNotContain("s3cret");
    }
  }

  @Test
  @DisplayName("keeps user info in a URL out of messages")
  void redactsUrlUserInfo() {
    String url = "http://svc:s3cret-pw@127.0.0.1:" + freePort();
    assertThatThrownBy(() -> client(url).subjects())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").contains("***@"));
    assertThat(RegistrySettings.builder(url).build().toString()).doesNotContain("s3cret");
  }

  @Test
  @DisplayName("reads the effective rule with defaultToGlobal, and a missing subject rule as empty")
  void compatibilityRules() throws IOException {
    try (ScriptedRegistry registry =
        new ScriptedRegistry(
            r ->
                r.pathAndQuery().endsWith("defaultToGlobal=true")
                    ? new Answer(200, "{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}")
                    : new Answer(404, "{\"error_code\":40408,\"message\":\"no rule\"}"))) {
      SchemaRegistryClient client = client(registry.url());

      assertThat(client.compatibility(SUBJECT)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
      assertThat(client.subjectCompatibility(SUBJECT)).isEmpty();
    }
  }

  @Test
  @DisplayName("sets a subject's rule with PUT /config/{subject}")
  void setsRules() throws IOException {
    try (ScriptedRegistry registry =
        new ScriptedRegistry(r -> new Answer(200, "{\"compatibility\":\"FULL_TRANSITIVE\"}"))) {
      client(registry.url()).setCompatibility(SUBJECT, CompatibilityLevel.FULL_TRANSITIVE);

      ScriptedRegistry.Request put = registry.requests().get(0);
      assertThat(put.method()).isEqualTo("PUT");
      assertThat(put.pathAndQuery()).isEqualTo("/config/" + SUBJECT);
      assertThat(put.body()).isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
    }
  }

  @Test
  @DisplayName("reports a compatibility verdict with the registry's reasons")
  void compatibilityVerdict() throws IOException {
    try (ScriptedRegistry registry =
        new ScriptedRegistry(
            r -> new Answer(200, "{\"is_compatible\":false,\"messages\":[\"field x removed\"]}"))) {
      CompatibilityVerdict verdict = client(registry.url()).checkCompatibility(SUBJECT, SCHEMA);

      assertThat(verdict)
          .isEqualTo(new CompatibilityVerdict(false, java.util.List.of("field x removed")));
      assertThat(registry.requests().get(0).pathAndQuery())
          .isEqualTo("/compatibility/subjects/" + SUBJECT + "/versions/latest?verbose=true");
    }
  }

  @Test
  @DisplayName("a subject with no versions accepts any first schema")
  void firstVersionIsCompatible() throws IOException {
    try (ScriptedRegistry registry =
        new ScriptedRegistry(r -> new Answer(404, "{\"error_code\":40401}"))) {
      assertThat(client(registry.url()).checkCompatibility(SUBJECT, SCHEMA).compatible()).isTrue();
    }
  }

  @Test
  @DisplayName("its caches hold at most cacheCapacity entries")
  void boundedCache() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(2);
    for (int i = 0; i < 10; i++) {
      assertThat(cache.put(i, "v" + i)).isEqualTo("v" + i);
    }
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.put(9, "other")).isEqualTo("v9"); // the first value stored wins
  }

  @Test
  @DisplayName("refuses settings it cannot use, saying what to set")
  void refusesBadSettings() {
    assertThatThrownBy(() -> RegistrySettings.builder(""))
        .hasMessageStartingWith("No schema registry URL given");
    assertThatThrownBy(() -> RegistrySettings.builder("localhost:8081"))
        .hasMessageContaining("is not an absolute http(s) URL");
    assertThatThrownBy(
            () -> RegistrySettings.builder("http://h").build().toBuilder().basicAuth("x"))
        .hasMessageStartingWith("basic auth user info must be \"user:password\"");
    assertThatThrownBy(
            () ->
                new SchemaRegistryClient(
                    RegistrySettings.builder("https://h")
                        .trustStore(java.nio.file.Path.of("no-such.p12"), "pw", "PKCS12")
                        .build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("Check the store paths, types and passwords.");
    assertThatThrownBy(() -> CompatibilityLevel.parse("full-ish"))
        .hasMessage(
            "Unknown compatibility level \"full-ish\"; expected one of NONE, BACKWARD,"
                + " BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE.");
  }

  private static String quote(String text) {
    return "\"" + text.replace("\"", "\\\"") + "\"";
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
