package io.inventory.events.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.registry.CompatibilityLevel;
import io.inventory.events.registry.SchemaRegistryClient;
import io.inventory.events.registry.SchemaRegistryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A secured stack")
class SecuredStackTest {
  private static InventoryStack stack;

  @BeforeAll
  static void startSecuredStack() {
    stack =
        InventoryStack.builder()
            .secured()
            .workDir(Path.of("target", "inventory-stack-secured"))
            .start();
  }

  @AfterAll
  static void stopSecuredStack() {
    if (stack != null) stack.close();
  }

  @Test
  @DisplayName("hands out SASL_SSL client settings with which a record is produced and consumed")
  void recordRoundTripsOverSaslSsl() throws Exception {
    String topic = stack.createTopic(3);

    TopicRecords.send(stack, topic, "PROD-1", "secured");

    assertThat(stack.isSecured()).isTrue();
    assertThat(stack.clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("ssl.truststore.type", "PKCS12");
    assertThat(TopicRecords.read(stack, topic, 1))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.key()).isEqualTo("PROD-1");
              assertThat(record.value()).isEqualTo("secured");
            });
  }

  @Test
  @DisplayName("names no password in its toString, settings or the maps it hands out")
  void secretsAreNotPrinted() {
    String appPassword = password((Password) stack.clientProperties().get("sasl.jaas.config"));
    String storePassword =
        ((Password) stack.clientProperties().get("ssl.truststore.password")).value();
    String registryCredentials =
        ((Password) stack.registryProperties().get("basic.auth.user.info")).value();

    String printed =
        stack
            + " "
            + stack.clientProperties()
            + " "
            + stack.registryProperties()
            + " "
            + stack.registrySettings();

    assertThat(printed)
        .contains("[hidden]")
        .doesNotContain(appPassword)
        .doesNotContain(storePassword)
        .doesNotContain(registryCredentials.substring(registryCredentials.indexOf(':') + 1));
  }

  @Test
  @DisplayName("refuses a plaintext client: it never sees a broker")
  void plaintextClientIsRefused() {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      assertThatThrownBy(
              () ->
                  admin
                      .describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
                      .nodes()
                      .get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }
  }

  @Test
  @DisplayName("refuses a wrong password with Kafka's authentication error")
  void wrongPasswordIsRefused() {
    Map<String, Object> config = stack.clientProperties();
    config.put(
        "sasl.jaas.config",
        new Password(
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"inventory-app\" password=\"not-the-password\";"));
    try (Admin admin = Admin.create(config)) {
      assertThatThrownBy(
              () ->
                  admin
                      .describeCluster(new DescribeClusterOptions().timeoutMs(10_000))
                      .nodes()
                      .get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class)
          .cause()
          .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512");
    }
  }

  @Test
  @DisplayName("gives the app user no right to create topics outside the stack's ACLs")
  void appUserIsLimitedByAcls() {
    try (Admin admin = Admin.create(stack.clientProperties())) {
      assertThatThrownBy(
              () ->
                  admin
                      .createTopics(List.of(new NewTopic("not-granted-topic", 1, (short) 1)))
                      .all()
                      .get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  @DisplayName("serves the registry over HTTPS with basic auth, its rule set to FULL_TRANSITIVE")
  void registryAnswersWithCredentials() {
    SchemaRegistryClient client = new SchemaRegistryClient(stack.registrySettings());

    assertThat(stack.schemaRegistryUrl()).matches("https://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
    assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
  }

  @Test
  @DisplayName("answers 401 to a registry request without credentials")
  void registryRefusesAnonymousRequests() {
    SchemaRegistryClient anonymous =
        new SchemaRegistryClient(stack.registrySettings().toBuilder().basicAuth(null).build());

    assertThatThrownBy(anonymous::subjects)
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("401");
  }

  @Test
  @DisplayName("does not answer plain HTTP on the registry's port")
  void registryRefusesPlainHttp() {
    String plain = stack.schemaRegistryUrl().replace("https://", "http://");

    assertThatThrownBy(() -> new RegistryCalls(plain).get("/subjects"))
        .isInstanceOf(java.io.UncheckedIOException.class);
  }

  private static String password(Password jaas) {
    Matcher matcher = Pattern.compile("password=\"([^\"]+)\"").matcher(jaas.value());
    assertThat(matcher.find()).as("a password in the JAAS config").isTrue();
    return matcher.group(1);
  }
}
