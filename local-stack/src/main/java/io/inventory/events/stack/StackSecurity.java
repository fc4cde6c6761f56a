package io.inventory.events.stack;

import io.inventory.events.registry.RegistrySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The secrets and TLS material of a secured stack, made fresh for each run: a self-signed
 * certificate for {@code 127.0.0.1}/{@code localhost} in a PKCS12 key store and a trust store
 * holding it (written by the running JDK's {@code keytool} into the run directory, deleted with
 * it), random passwords, two SCRAM-SHA-512 users ({@value #ADMIN_USER}, the broker's own and the
 * stack's, a super user; {@value #APP_USER}, the one clients get, limited by ACLs) and the
 * registry's basic-auth credentials. {@link #toString()} names no secret; maps handed out carry
 * passwords as Kafka {@link Password}s, whose {@code toString()} is {@code [hidden]}.
 */
final class StackSecurity {
  static final String ADMIN_USER = "inventory-admin";
  static final String APP_USER = "inventory-app";
  static final String REGISTRY_USER = "inventory-registry";
  static final String MECHANISM = "SCRAM-SHA-512";
  static final String STORE_TYPE = "PKCS12";

  /** Topic name prefixes the app user may read, write and describe: the channel's and tests'. */
  static final List<String> APP_TOPIC_PREFIXES = List.of("inventory.", "stack-test-");

  private static final String ALIAS = "inventory-stack";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

  private final Path keyStore;
  private final Path trustStore;
  private final String storePassword;
  private final String adminPassword;
  private final String appPassword;
  private final String registryPassword;

  private StackSecurity(
      Path keyStore,
      Path trustStore,
      String storePassword,
      String adminPassword,
      String appPassword,
      String registryPassword) {
    this.keyStore = keyStore;
    this.trustStore = trustStore;
    this.storePassword = storePassword;
    this.adminPassword = adminPassword;
    this.appPassword = appPassword;
    this.registryPassword = registryPassword;
  }

  /**
   * Generates the key pair, certificate and both stores in {@code dir} with fresh random passwords.
   *
   * @throws StackStartException if {@code keytool} is missing or fails
   */
  static StackSecurity generate(Path dir) {
    StackSecurity security =
        new StackSecurity(
            dir.resolve("broker-keystore.p12"),
            dir.resolve("truststore.p12"),
            randomSecret(),
            randomSecret(),
            randomSecret(),
            randomSecret());
    security.writeStores(dir);
    return security;
  }

  /** 24 random letters and digits: safe inside JAAS quotes and StorageTool's SCRAM syntax. */
  static String randomSecret() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    StringBuilder secret = new StringBuilder(24);
    for (int i = 0; i < 24; i++) secret.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    return secret.toString();
  }

  Path trustStore() {
    return trustStore;
  }

  /** StorageTool arguments that create both SCRAM users while the storage is formatted. */
  List<String> scramFormatArguments() {
    return List.of(
        "--add-scram",
        MECHANISM + "=[name=" + ADMIN_USER + ",password=" + adminPassword + "]",
        "--add-scram",
        MECHANISM + "=[name=" + APP_USER + ",password=" + appPassword + "]");
  }

  /**
   * TLS and SASL settings of a broker whose client and inter-broker listener is {@code listener}
   * (SASL_SSL): its key store, the trust store its own inter-broker client needs, SCRAM-SHA-512,
   * the admin user for its own connections, the standard authorizer with the admin as super user.
   */
  void configureBroker(Properties p, String listener) {
    String prefix = "listener.name." + listener.toLowerCase(Locale.ROOT) + ".";
    p.put("ssl.keystore.location", keyStore.toString());
    p.put("ssl.keystore.password", storePassword);
    p.put("ssl.keystore.type", STORE_TYPE);
    p.put("ssl.truststore.location", trustStore.toString());
    p.put("ssl.truststore.password", storePassword);
    p.put("ssl.truststore.type", STORE_TYPE);
    p.put("ssl.client.auth", "none");
    p.put("sasl.enabled.mechanisms", MECHANISM);
    p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    p.put(prefix + "scram-sha-512.sasl.jaas.config", jaas(ADMIN_USER, adminPassword));
    p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    // The broker reaches its controller over the loopback-only PLAINTEXT controller listener,
    // where its principal is ANONYMOUS; no client listener is PLAINTEXT, so no client can be it.
    p.put("super.users", "User:" + ADMIN_USER + ";User:ANONYMOUS");
    p.put("allow.everyone.if.no.acl.found", "false");
  }

  /** Kafka client settings for {@code user}: SASL_SSL, SCRAM-SHA-512, the stack's trust store. */
  Map<String, Object> kafkaClient(String bootstrapServers, boolean admin) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("security.protocol", "SASL_SSL");
    p.put("sasl.mechanism", MECHANISM);
    p.put(
        "sasl.jaas.config",
        new Password(admin ? jaas(ADMIN_USER, adminPassword) : jaas(APP_USER, appPassword)));
    p.put("ssl.truststore.location", trustStore.toString());
    p.put("ssl.truststore.password", new Password(storePassword));
    p.put("ssl.truststore.type", STORE_TYPE);
    return p;
  }

  /** The serde keys ({@code EventSerdeConfig}'s) that reach the registry behind its TLS front. */
  Map<String, Object> registryClient(String url) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("schema.registry.url", url);
    p.put("basic.auth.credentials.source", "USER_INFO");
    p.put("basic.auth.user.info", new Password(REGISTRY_USER + ":" + registryPassword));
    p.put("schema.registry.ssl.truststore.location", trustStore.toString());
    p.put("schema.registry.ssl.truststore.password", new Password(storePassword));
    p.put("schema.registry.ssl.truststore.type", STORE_TYPE);
    return p;
  }

  /** The registry client's settings for the TLS front at {@code url}. */
  RegistrySettings registrySettings(String url, int retries) {
    return RegistrySettings.builder(url)
        .basicAuth(REGISTRY_USER + ":" + registryPassword)
        .trustStore(trustStore, storePassword, STORE_TYPE)
        .maxRetries(retries)
        .build();
  }

  /** The expected {@code Authorization} header value of the registry front. */
  String registryAuthorization() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (REGISTRY_USER + ":" + registryPassword).getBytes(StandardCharsets.UTF_8));
  }

  Path keyStore() {
    return keyStore;
  }

  char[] storePassword() {
    return storePassword.toCharArray();
  }

  /**
   * What the app user may do: read, write and describe the channel's and tests' topics (by prefix,
   * dead-letter topics included), and read any consumer group.
   */
  static List<AclBinding> appUserAcls() {
    String principal = "User:" + APP_USER;
    List<AclBinding> acls = new ArrayList<>();
    for (String prefix : APP_TOPIC_PREFIXES) {
      for (AclOperation operation :
          List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE)) {
        acls.add(
            new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, prefix, PatternType.PREFIXED),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
      }
    }
    acls.add(
        new AclBinding(
            new ResourcePattern(
                ResourceType.GROUP, ResourcePattern.WILDCARD_RESOURCE, PatternType.LITERAL),
            new AccessControlEntry(principal, "*", AclOperation.READ, AclPermissionType.ALLOW)));
    return acls;
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /**
   * A self-signed certificate (EC P-256, valid 7 days) in the key store, exported and imported into
   * the trust store. Passwords reach keytool through its environment, never its command line.
   */
  private void writeStores(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create " + dir, e);
    }
    Path certificate = dir.resolve("stack-certificate.pem");
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        ALIAS,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=IP:127.0.0.1,DNS:localhost",
        "-validity",
        "7",
        "-storetype",
        STORE_TYPE,
        "-keystore",
        keyStore.toString(),
        "-storepass:env",
        "STACK_STORE_PASSWORD",
        "-keypass:env",
        "STACK_STORE_PASSWORD");
    keytool(
        dir,
        "-exportcert",
        "-rfc",
        "-alias",
        ALIAS,
        "-keystore",
        keyStore.toString(),
        "-storetype",
        STORE_TYPE,
        "-storepass:env",
        "STACK_STORE_PASSWORD",
        "-file",
        certificate.toString());
    keytool(
        dir,
        "-importcert",
        "-noprompt",
        "-alias",
        ALIAS,
        "-file",
        certificate.toString(),
        "-storetype",
        STORE_TYPE,
        "-keystore",
        trustStore.toString(),
        "-storepass:env",
        "STACK_STORE_PASSWORD");
  }

  private void keytool(Path dir, String... arguments) {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      throw new MissingPrerequisiteException(
          "The secured stack generates its certificate with keytool, which is not at "
              + keytool
              + "; run the tests on a full JDK (java.home "
              + System.getProperty("java.home")
              + ").");
    }
    List<String> command = new ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(arguments));
    Path output = dir.resolve("keytool.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("STACK_STORE_PASSWORD", storePassword);
    try {
      Process process = builder.start();
      if (!process.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new StackStartException(
            "keytool "
                + arguments[0]
                + " did not finish within "
                + KEYTOOL_TIMEOUT.toSeconds()
                + " s");
      }
      if (process.exitValue() != 0) {
        throw new StackStartException(
            "keytool "
                + arguments[0]
                + " exited with "
                + process.exitValue()
                + ":\n"
                + Files.readString(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new StackStartException("Could not run " + keytool + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackStartException("Interrupted while generating the stack's certificate", e);
    }
  }

  @Override
  public String toString() {
    return "StackSecurity{SASL_SSL "
        + MECHANISM
        + ", users="
        + ADMIN_USER
        + ","
        + APP_USER
        + ", registry user="
        + REGISTRY_USER
        + ", trust store="
        + trustStore
        + "}";
  }
}
