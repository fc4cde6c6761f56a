package io.inventory.events.conformance.secured;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.cli.InventoryEventsCli;
import io.inventory.events.client.ConsumerMetrics;
import io.inventory.events.client.DeadLetterPublisher;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventSerializer;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.compatibility.CompatibilityGate;
import io.inventory.events.compatibility.Report;
import io.inventory.events.conformance.CapturedLogs;
import io.inventory.events.conformance.ContractFiles;
import io.inventory.events.stack.InventoryStack;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The contract's clients on a cluster secured as production is ({@code InventoryStack.builder()
 * .secured()}): Kafka over SASL_SSL with SCRAM-SHA-512 and ACLs, the registry over HTTPS with basic
 * auth. Every client is configured only through the settings the stack hands out. Everything logged
 * meanwhile (at INFO and up, Kafka's broker and clients included) and everything the CLI printed is
 * scanned for the secrets at the end.
 */
@DisplayName("On a secured cluster (SASL_SSL, SCRAM-SHA-512, ACLs; registry over TLS + basic auth)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredClusterTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String WRONG_PASSWORD = "Wr0ng-" + Long.toHexString(System.nanoTime());

  private static CapturedLogs logs;
  private static InventoryStack stack;
  private static final StringBuilder cliOutput = new StringBuilder();

  @BeforeAll
  static void startSecuredStack() {
    logs = CapturedLogs.start(Level.INFO);
    stack =
        InventoryStack.builder()
            .secured()
            .workDir(Path.of("target", "inventory-stack-secured"))
            .start();
  }

  @AfterAll
  static void stopSecuredStack() {
    try {
      if (stack != null) stack.close();
    } finally {
      if (logs != null) logs.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName(
      "the publisher and the consumer carry every event type with the stack's settings only")
  void everyEventTypeRoundTrips() throws Exception {
    String topic = stack.createTopic(3);
    List<SpecificRecord> events = SampleEvents.all();
    try (InventoryEventPublisher publisher = publisher(topic, secured())) {
      for (SpecificRecord event : events) publisher.publish(event).get(30, TimeUnit.SECONDS);
    }

    Queue<SpecificRecord> received = new ConcurrentLinkedQueue<>();
    try (InventoryEventConsumer consumer =
        consumer(topic).on(SpecificRecord.class, (event, context) -> received.add(event)).build()) {
      consumer.start();
      await("all " + events.size() + " events consumed", () -> received.size() >= events.size());
    }

    assertThat(received).containsExactlyInAnyOrderElementsOf(events);
  }

  @Test
  @Order(2)
  @DisplayName("a poison record reaches the dead-letter topic through the consumer's own producer")
  void poisonRecordIsDeadLettered() throws Exception {
    String topic = stack.createTopic(3);
    String deadLetterTopic = DeadLetterPublisher.topicFor(topic);
    stack.createTopic(deadLetterTopic, 3);
    byte[] poison = "not an Avro frame".getBytes(UTF_8);
    RecordMetadata poisoned;
    try (KafkaProducer<String, byte[]> producer = rawProducer();
        InventoryEventSerializer serializer = serializer()) {
      send(
          producer,
          topic,
          "PROD-1",
          serializer.serialize(topic, SampleEvents.numbered("PROD-1", 1)));
      poisoned = send(producer, topic, "PROD-1", poison);
      send(
          producer,
          topic,
          "PROD-1",
          serializer.serialize(topic, SampleEvents.numbered("PROD-1", 2)));
    }

    try (InventoryEventConsumer consumer =
        consumer(topic).on(SpecificRecord.class, (event, context) -> {}).build()) {
      consumer.start();
      await(
          "two events processed and one dead-lettered",
          () -> consumer.metrics().equals(new ConsumerMetrics(2, 0, 1, 0, 0)));
    }

    List<ConsumerRecord<byte[], byte[]>> dead = readAll(deadLetterTopic, 3, 1);
    assertThat(dead)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.value()).isEqualTo(poison);
              assertThat(record.partition()).isEqualTo(poisoned.partition());
              assertThat(header(record, DeadLetterPublisher.ORIGINAL_TOPIC_HEADER))
                  .isEqualTo(topic);
              assertThat(header(record, DeadLetterPublisher.ORIGINAL_OFFSET_HEADER))
                  .isEqualTo(Long.toString(poisoned.offset()));
            });
  }

  @Test
  @Order(3)
  @DisplayName("a plaintext publisher is refused: nothing is sent")
  void plaintextPublisherIsRefused() {
    String topic = stack.createTopic(1);
    Map<String, Object> plaintext = new HashMap<>(stack.registryProperties());
    plaintext.put("bootstrap.servers", stack.bootstrapServers());
    plaintext.put("max.block.ms", 3_000);

    try (InventoryEventPublisher publisher = publisher(topic, plaintext)) {
      assertThatThrownBy(
              () -> publisher.publish(SampleEvents.stockLevelChanged()).get(30, TimeUnit.SECONDS))
          .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }
    assertThat(readAll(topic, 1, 0)).isEmpty();
  }

  @Test
  @Order(4)
  @DisplayName("a wrong password is refused with Kafka's authentication error, which omits it")
  void wrongPasswordIsRefused() {
    String topic = stack.createTopic(1);
    Map<String, Object> wrong = secured();
    wrong.put(
        "sasl.jaas.config",
        new Password(
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"inventory-app\" password=\""
                + WRONG_PASSWORD
                + "\";"));

    try (InventoryEventPublisher publisher = publisher(topic, wrong)) {
      assertThatThrownBy(
              () -> publisher.publish(SampleEvents.stockLevelChanged()).get(30, TimeUnit.SECONDS))
          .hasRootCauseInstanceOf(SaslAuthenticationException.class)
          .hasStackTraceContaining(
              "Authentication failed during authentication due to invalid credentials with SASL"
                  + " mechanism SCRAM-SHA-512")
          .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(WRONG_PASSWORD));
    }
  }

  @Test
  @Order(5)
  @DisplayName("a registry call without credentials is refused with 401 and a hint, nothing sent")
  void registryWithoutCredentialsIsRefused() {
    String topic = stack.createTopic(1);
    Map<String, Object> anonymous = secured();
    anonymous.remove(EventSerdeConfig.BASIC_AUTH_USER_INFO_CONFIG);
    anonymous.remove(EventSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG);

    try (InventoryEventPublisher publisher = publisher(topic, anonymous)) {
      assertThatThrownBy(
              () -> publisher.publish(SampleEvents.stockAdjusted()).get(30, TimeUnit.SECONDS))
          .hasStackTraceContaining("401")
          .hasStackTraceContaining("Check the registry credentials (basic.auth.user.info)");
    }
    assertThat(readAll(topic, 1, 0)).isEmpty();
  }

  @Test
  @Order(6)
  @DisplayName("the CLI registers, checks, produces and consumes with options and -X settings only")
  void cliWorksWithOptionsOnly() {
    List<String> registryAccess =
        List.of(
            "--registry", stack.schemaRegistryUrl(),
            "--registry-user", registryUser(),
            "--registry-password", registryPassword(),
            "--registry-truststore",
                string(stack.registryProperties().get("schema.registry.ssl.truststore.location")),
            "--registry-truststore-password",
                string(stack.registryProperties().get("schema.registry.ssl.truststore.password")));
    Path schemas = ContractFiles.root().resolve("schemas");

    CliRun register = cli("", concat(List.of("register", "--env", "dev"), registryAccess));
    assertThat(register.exitCode()).as(register.toString()).isEqualTo(0);
    assertThat(register.out())
        .contains("inventory.dev.events-io.inventory.events.avro.StockLevelChanged");

    CliRun check =
        cli(
            "",
            concat(
                List.of(
                    "check",
                    "--schemas",
                    schemas.toString(),
                    "--releases",
                    schemas.resolve("releases").toString(),
                    "--subject-pattern",
                    "inventory\\.dev\\.events-.+"),
                registryAccess));
    assertThat(check.exitCode()).as(check.toString()).isEqualTo(0);

    String topic = stack.createTopic(3);
    CliRun samples = cli("", List.of("samples", "--count", "6", "--seed", "7"));
    List<String> clientSettings = new ArrayList<>();
    Map<String, Object> settings = secured();
    settings.remove("bootstrap.servers");
    settings.remove("schema.registry.url");
    settings.forEach(
        (key, value) -> clientSettings.addAll(List.of("-X", key + "=" + string(value))));
    List<String> channel =
        List.of(
            "--env",
            "dev",
            "--topic",
            topic,
            "--bootstrap-servers",
            stack.bootstrapServers(),
            "--registry",
            stack.schemaRegistryUrl());

    CliRun produce =
        cli(
            samples.out(),
            concat(List.of("produce", "-", "--auto-register"), channel, clientSettings));
    assertThat(produce.exitCode()).as(produce.toString()).isEqualTo(0);
    CliRun consume =
        cli(
            "",
            concat(
                List.of("consume", "--from-beginning", "--max", "6", "--timeout", "30"),
                channel,
                clientSettings));
    assertThat(consume.exitCode()).as(consume.toString()).isEqualTo(0);
    assertThat(eventIds(consume.out()))
        .hasSize(6)
        .containsExactlyInAnyOrderElementsOf(eventIds(samples.out()));
  }

  @Test
  @Order(7)
  @DisplayName(
      "the compatibility gate checks the registered versions with credentials and trust store")
  void gateChecksTheSecuredRegistry() {
    Path schemas = ContractFiles.root().resolve("schemas");
    Map<String, Object> registry = stack.registryProperties();

    Report report =
        CompatibilityGate.newBuilder()
            .schemas(schemas, "schemas")
            .registry(URI.create(stack.schemaRegistryUrl()))
            .registryCredentials(registryUser(), registryPassword())
            .registryTrustStore(
                Path.of(string(registry.get("schema.registry.ssl.truststore.location"))),
                string(registry.get("schema.registry.ssl.truststore.password")),
                "PKCS12")
            .subjectPattern("inventory\\.dev\\.events-.+")
            .build()
            .check();

    assertThat(report.passed()).as(report.render(Report.Format.TEXT)).isTrue();
    assertThat(report.registryVerdicts())
        .hasSize(SampleEvents.all().size())
        .allMatch(verdict -> verdict.contains(" accepts the working schema"));
  }

  @Test
  @Order(Integer.MAX_VALUE)
  @DisplayName(
      "no password, JAAS config or registry credential appears in anything logged or printed")
  void secretsAreNeverLoggedOrPrinted() {
    Map<String, Object> settings = secured();
    String jaas = string(settings.get("sasl.jaas.config"));
    Set<String> secrets =
        Set.of(
            jaasPassword(jaas),
            jaas,
            WRONG_PASSWORD,
            string(settings.get("ssl.truststore.password")),
            registryPassword(),
            registryUser() + ":" + registryPassword(),
            Base64.getEncoder()
                .encodeToString((registryUser() + ":" + registryPassword()).getBytes(UTF_8)));
    String everything = logs.text() + cliOutput + stack + settings + stack.registrySettings();

    assertThat(logs.lines()).as("lines captured").isGreaterThan(100);
    assertThat(everything).contains("sasl.jaas.config", "[hidden]");
    // the broker's own JAAS config (the admin user's password) is not handed out: match its shape
    assertThat(everything)
        .doesNotContainPattern("ScramLoginModule\\s+required[^;]*password=\"[^\"]+\"");
    for (String secret : secrets) {
      assertThat(everything.contains(secret))
          .as(
              "a secret of "
                  + secret.length()
                  + " characters appears in what was logged or printed")
          .isFalse();
    }
    System.out.printf(
        "Scanned %d log lines and %d characters of CLI output for %d secrets: none found.%n",
        logs.lines(), cliOutput.length(), secrets.size());
  }

  // ---- the stack's settings, as a team's code would use them ----

  /** Kafka client and serde settings together, as the client's builders take them. */
  private static Map<String, Object> secured() {
    Map<String, Object> settings = new HashMap<>(stack.clientProperties());
    settings.putAll(stack.registryProperties());
    return settings;
  }

  private static InventoryEventPublisher publisher(String topic, Map<String, Object> settings) {
    return InventoryEventPublisher.builder()
        .topic(topic)
        .properties(settings)
        .property(EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, true)
        .build();
  }

  private static InventoryEventConsumer.Builder consumer(String topic) {
    return InventoryEventConsumer.builder()
        .topic(topic)
        .groupId("secured-" + topic)
        .properties(secured())
        .pollTimeout(Duration.ofMillis(100));
  }

  private static InventoryEventSerializer serializer() {
    InventoryEventSerializer serializer = new InventoryEventSerializer();
    Map<String, Object> config = new HashMap<>(stack.registryProperties());
    config.put(EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, true);
    serializer.configure(config, false);
    return serializer;
  }

  private static KafkaProducer<String, byte[]> rawProducer() {
    Map<String, Object> config = stack.clientProperties();
    config.put("acks", "all");
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  private static RecordMetadata send(
      KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value)
      throws Exception {
    return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
  }

  /** Every record of {@code topic}, read from the start until {@code expected} arrived or 10 s. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(
      String topic, int partitions, int expected) {
    Map<String, Object> config = stack.clientProperties();
    config.put("enable.auto.commit", false);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> reader =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> all = new ArrayList<>();
      for (int p = 0; p < partitions; p++) all.add(new TopicPartition(topic, p));
      reader.assign(all);
      reader.seekToBeginning(all);
      long end = System.nanoTime() + Duration.ofSeconds(expected == 0 ? 3 : 10).toNanos();
      while (System.nanoTime() < end && (expected == 0 || records.size() < expected)) {
        reader.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), UTF_8);
  }

  private static void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("Not within " + DEADLINE + ": " + what);
      try {
        Thread.sleep(50); // polling interval, not synchronisation: the condition decides
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  private static String registryUser() {
    String userInfo = string(stack.registryProperties().get("basic.auth.user.info"));
    return userInfo.substring(0, userInfo.indexOf(':'));
  }

  private static String registryPassword() {
    String userInfo = string(stack.registryProperties().get("basic.auth.user.info"));
    return userInfo.substring(userInfo.indexOf(':') + 1);
  }

  /** A setting's value as text; a {@link Password}'s real value, which only a test may print. */
  private static String string(Object value) {
    return value instanceof Password password ? password.value() : String.valueOf(value);
  }

  private static String jaasPassword(String jaas) {
    Matcher matcher = Pattern.compile("password=\"([^\"]+)\"").matcher(jaas);
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  private static List<String> eventIds(String jsonLines) {
    Matcher matcher = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"").matcher(jsonLines);
    List<String> ids = new ArrayList<>();
    while (matcher.find()) ids.add(matcher.group(1));
    return ids;
  }

  private static String stackTrace(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    return Arrays.stream(parts).flatMap(List::stream).collect(Collectors.toList());
  }

  /** What one in-process CLI run printed and returned. */
  private record CliRun(int exitCode, String out, String err) {}

  private static CliRun cli(String stdin, List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        InventoryEventsCli.commandLine(
                new ByteArrayInputStream(stdin.getBytes(UTF_8)),
                new PrintWriter(out, true),
                new PrintWriter(err, true))
            .execute(args.toArray(String[]::new));
    synchronized (cliOutput) {
      cliOutput.append(out).append(err);
    }
    return new CliRun(exitCode, out.toString(), err.toString());
  }
}
