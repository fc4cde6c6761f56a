package io.inventory.events.stack;

import io.inventory.events.registry.RegistrySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Kafka broker and schema registry for tests and local development: either an embedded
 * stack (Apache Kafka in KRaft mode inside this JVM, Apicurio Registry as a child process on a Java
 * 21+ runtime, both on free 127.0.0.1 ports, data under {@code target/inventory-stack}) or, when
 * the environment variables {@code KAFKA_BOOTSTRAP_SERVERS} and {@code SCHEMA_REGISTRY_URL} are
 * both set, those external servers. Either way the registry's global compatibility is set (default
 * {@code FULL_TRANSITIVE}) and {@link #createTopic(int)} returns only topics whose every partition
 * has a leader. Instances are thread-safe; {@link #close()} stops what was started, and a shutdown
 * hook does so if the JVM exits first. In JUnit 5 tests use {@link InventoryStackExtension}, which
 * shares one stack per test JVM. For fault tests, {@link Builder#brokers(int) brokers(3)} starts a
 * dedicated KRaft controller and three brokers instead of one node, whose brokers {@link
 * #cluster()} stops, halts and restarts. A third mode, {@code testcontainers} (both servers in
 * containers, from {@code inventory-events-testcontainers}), is chosen with {@code
 * -Dinventory.stack.mode=testcontainers} or {@link Builder#mode(String)}; see {@link #mode()}.
 *
 * <pre>{@code
 * try (InventoryStack stack = InventoryStack.builder().compatibility("FULL_TRANSITIVE").start()) {
 *     String topic = stack.createTopic(6);
 *     Properties producer = new Properties();
 *     producer.put("bootstrap.servers", stack.bootstrapServers());
 *     // the registry's Confluent-compatible API, e.g. http://127.0.0.1:41234/apis/ccompat/v7
 *     URI registry = URI.create(stack.schemaRegistryUrl());
 * }
 * }</pre>
 */
public final class InventoryStack implements AutoCloseable {
  /**
   * Environment variable naming external Kafka bootstrap servers; with {@link
   * #SCHEMA_REGISTRY_URL_ENV} it selects external mode.
   */
  public static final String BOOTSTRAP_SERVERS_ENV = "KAFKA_BOOTSTRAP_SERVERS";

  /** Environment variable naming an external registry's Confluent-compatible API base URL. */
  public static final String SCHEMA_REGISTRY_URL_ENV = "SCHEMA_REGISTRY_URL";

  /** The contract's compatibility rule, set on the registry unless the builder says otherwise. */
  public static final String DEFAULT_COMPATIBILITY = "FULL_TRANSITIVE";

  /**
   * System property choosing the mode: {@code embedded}, {@code external} (needs both variables),
   * or the name of a {@link StackProvider} on the class path, for example {@code testcontainers}.
   * Unset: external when both variables are set, else embedded.
   */
  public static final String MODE_PROPERTY = "inventory.stack.mode";

  static final String COMPATIBILITY_PROPERTY = "inventory.stack.compatibility";
  static final String STARTUP_TIMEOUT_PROPERTY = "inventory.stack.startup-timeout-seconds";
  private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(120);
  private static final Logger LOG = LoggerFactory.getLogger(InventoryStack.class);
  private static final AtomicInteger TOPICS = new AtomicInteger();

  private final StackMode mode;
  private final KafkaBackend kafka;
  private final Optional<BrokerCluster> cluster;
  private final RegistryBackend registry;
  private final String compatibility;
  private final KafkaTopics topics;
  private final StackResources resources;
  private final boolean secured;

  private InventoryStack(
      StackMode mode,
      StackMode.Backends backends,
      String compatibility,
      KafkaTopics topics,
      StackResources resources) {
    this.mode = mode;
    this.secured = mode instanceof EmbeddedMode embedded && embedded.secured();
    this.kafka = backends.kafka();
    this.cluster = kafka.brokerControl().map(BrokerCluster::new);
    this.registry = backends.registry();
    this.compatibility = compatibility;
    this.topics = topics;
    this.resources = resources;
  }

  /**
   * A builder with the defaults: auto mode (external when both variables are set), FULL_TRANSITIVE,
   * 120 s.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a stack with the defaults; same as {@code builder().start()}.
   *
   * @throws MissingPrerequisiteException if no Java 21+ runtime or registry distribution is found
   * @throws StackStartException if the broker or the registry does not come up before the deadline
   */
  public static InventoryStack start() {
    return builder().start();
  }

  /**
   * Kafka's {@code bootstrap.servers}, for example {@code 127.0.0.1:40123}; with {@link
   * Builder#brokers(int) brokers(3)} all three brokers' addresses, comma-separated.
   */
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /**
   * The registry's Confluent-compatible REST API base URL, without a trailing slash, for example
   * {@code http://127.0.0.1:41234/apis/ccompat/v7} (external mode: {@code SCHEMA_REGISTRY_URL} as
   * given).
   */
  public String schemaRegistryUrl() {
    return registry.confluentApiUrl();
  }

  /**
   * Everything a Kafka client needs to reach this stack's cluster: {@code bootstrap.servers}, and
   * on a {@link Builder#secured() secured} stack the app user's SASL_SSL settings ({@code
   * security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code
   * ssl.truststore.*}). Hand it to any producer, consumer or admin client, or to the client's
   * builders with {@code properties(...)}. Passwords are Kafka {@link
   * org.apache.kafka.common.config.types.Password} values, which Kafka's clients accept and whose
   * {@code toString()} is {@code [hidden]}, so the map can be printed safely. A new modifiable map
   * on each call.
   */
  public Map<String, Object> clientProperties() {
    return new LinkedHashMap<>(kafka.clientProperties());
  }

  /**
   * The serde settings that reach this stack's registry: {@code schema.registry.url} ({@link
   * #schemaRegistryUrl()}), and on a {@link Builder#secured() secured} stack {@code
   * basic.auth.credentials.source=USER_INFO}, {@code basic.auth.user.info} and {@code
   * schema.registry.ssl.truststore.*}, passwords as Kafka {@link
   * org.apache.kafka.common.config.types.Password} values. A new modifiable map on each call.
   */
  public Map<String, Object> registryProperties() {
    return new LinkedHashMap<>(registry.serdeProperties());
  }

  /**
   * How the shared registry client reaches this stack's registry: its URL, and on a {@link
   * Builder#secured() secured} stack the basic-auth credentials and the trust store. Its {@code
   * toString()} names no secret.
   */
  public RegistrySettings registrySettings() {
    return registry.clientSettings(3);
  }

  /**
   * True when this stack was started with {@link Builder#secured()}: Kafka over SASL_SSL only and
   * the registry over HTTPS with basic auth only.
   */
  public boolean isSecured() {
    return secured;
  }

  /**
   * The global compatibility level this stack set on the registry, for example {@code
   * FULL_TRANSITIVE}.
   */
  public String compatibility() {
    return compatibility;
  }

  /** True when this JVM started the broker and the registry; false in external mode. */
  public boolean isEmbedded() {
    return mode instanceof EmbeddedMode;
  }

  /**
   * How this stack got its servers: {@code embedded}, {@code external}, or a provided mode's name
   * such as {@code testcontainers}.
   */
  public String mode() {
    return mode.name();
  }

  /**
   * The handle that stops, halts and restarts single brokers of a stack started with {@link
   * Builder#brokers(int) brokers(3)}.
   *
   * @throws IllegalStateException if this stack runs one combined Kafka node, or uses an external
   *     cluster it does not control
   */
  public BrokerCluster cluster() {
    return cluster.orElseThrow(
        () ->
            new IllegalStateException(
                isEmbedded()
                    ? "This stack runs one combined Kafka node: start it with"
                        + " InventoryStack.builder().brokers(3) to stop and restart brokers."
                    : "This stack uses the Kafka cluster at "
                        + bootstrapServers()
                        + ", which it does not control: start an embedded one with"
                        + " InventoryStack.builder().embedded().brokers(3) to stop and restart"
                        + " brokers."));
  }

  /**
   * Creates a topic with a fresh unique name ({@code stack-test-N-RANDOM}) and returns it once
   * every partition has a leader. Its replication factor is the cluster's default: 1, or 3 with
   * {@link Builder#brokers(int) brokers(3)}.
   *
   * @throws IllegalArgumentException if {@code partitions < 1}
   * @throws TopicNotReadyException if the broker refuses it or a partition has no leader within 30
   *     s
   */
  public String createTopic(int partitions) {
    String name =
        "stack-test-"
            + TOPICS.incrementAndGet()
            + "-"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
    createTopic(name, partitions);
    return name;
  }

  /**
   * Creates the named topic (or accepts an existing one with the same partition count) and returns
   * once every partition has a leader.
   *
   * @throws IllegalArgumentException if {@code partitions < 1}
   * @throws TopicNotReadyException if it exists with another partition count, the broker refuses
   *     it, or a partition has no leader within 30 s
   */
  public void createTopic(String name, int partitions) {
    if (name == null) throw new NullPointerException("name == null");
    if (partitions < 1) throw new IllegalArgumentException("partitions < 1: " + partitions);
    if (resources.isClosed()) throw new IllegalStateException("This stack is closed");
    topics.create(name, partitions, Deadline.after(KafkaTopics.defaultTimeout()));
  }

  /**
   * Stops the registry process and the broker and deletes their data; idempotent. External servers
   * are left alone.
   */
  @Override
  public void close() {
    resources.close();
  }

  // ---- for this module's tests and the local stack command ----

  OptionalLong registryPid() {
    return registry().map(process -> OptionalLong.of(process.pid())).orElse(OptionalLong.empty());
  }

  List<Integer> boundPorts() {
    List<Integer> ports = new ArrayList<>(kafka.ports());
    ports.addAll(registry.ports());
    return ports;
  }

  Optional<RegistryProcess> registry() {
    return registry.process();
  }

  String modeName() {
    return mode.name();
  }

  @Override
  public String toString() {
    return "InventoryStack{"
        + mode.name()
        + ", kafka="
        + bootstrapServers()
        + ", registry="
        + schemaRegistryUrl()
        + ", compatibility="
        + compatibility
        + "}";
  }

  /**
   * Starts the mode's servers, sets the registry's compatibility rule and opens the topic admin; on
   * any failure stops whatever had started.
   */
  private static InventoryStack start(StackMode mode, StackSettings settings) {
    StackResources resources = new StackResources();
    try {
      StackMode.Backends backends = mode.start(settings, resources);
      new RegistryAdmin(backends.registry()).putGlobalCompatibility(settings.compatibility());
      settings.progress().accept("  Registry compatibility set to " + settings.compatibility());
      KafkaTopics topics = resources.add(new KafkaTopics(backends.kafka().adminProperties()));
      return new InventoryStack(mode, backends, settings.compatibility(), topics, resources);
    } catch (RuntimeException e) {
      try {
        resources.close();
      } catch (RuntimeException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
  }

  /**
   * Configures and starts an {@link InventoryStack}. Defaults: external mode when both {@code
   * KAFKA_BOOTSTRAP_SERVERS} and {@code SCHEMA_REGISTRY_URL} are set, else embedded; compatibility
   * {@code FULL_TRANSITIVE} (or system property {@code inventory.stack.compatibility}); work
   * directory {@code target/inventory-stack} (or {@code inventory.stack.work-dir}); startup
   * deadline 120 s; one combined Kafka node. Not thread-safe; {@link #start()} may be called more
   * than once, each call starting a new stack.
   */
  public static final class Builder {
    private StackMode mode;
    private String modeName;
    private Path workDir;
    private String compatibility;
    private Duration startupTimeout;
    private int brokers = 1;
    private boolean secured;
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private StackEnvironment environment = StackEnvironment.system();
    private Consumer<String> progress = LOG::info;

    private Builder() {}

    /**
     * Where broker data, the registry log and the unpacked registry go; default {@code
     * target/inventory-stack}.
     */
    public Builder workDir(Path workDir) {
      if (workDir == null) throw new NullPointerException("workDir == null");
      this.workDir = workDir.toAbsolutePath().normalize();
      return this;
    }

    /**
     * The registry's global compatibility level (NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD,
     * FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE); default FULL_TRANSITIVE. Set in external mode
     * too.
     *
     * @throws IllegalArgumentException for any other value
     */
    public Builder compatibility(String level) {
      this.compatibility = RegistryAdmin.checkLevel(level);
      return this;
    }

    /** How long the broker and the registry together may take to become ready; default 120 s. */
    public Builder startupTimeout(Duration timeout) {
      if (timeout == null) throw new NullPointerException("timeout == null");
      if (timeout.isNegative() || timeout.isZero())
        throw new IllegalArgumentException("timeout <= 0: " + timeout);
      this.startupTimeout = timeout;
      return this;
    }

    /**
     * How many Kafka brokers the embedded stack runs. 1 (the default) is one combined broker and
     * controller node, every topic with one replica. 3 is a dedicated KRaft controller and three
     * brokers (node ids 1, 2, 3), every topic created with replication factor 3 and {@code
     * min.insync.replicas=2}, whose brokers {@link InventoryStack#cluster()} stops, halts and
     * restarts; it starts in a few seconds and takes a little under twice the heap of one node.
     * External mode ignores this: add {@link #embedded()} when a test must stop brokers.
     *
     * @throws IllegalArgumentException for any count but 1 and 3
     */
    public Builder brokers(int count) {
      if (count != 1 && count != 3) {
        throw new IllegalArgumentException(
            "brokers must be 1 (one combined node) or 3 (a controller and three brokers): "
                + count);
      }
      this.brokers = count;
      return this;
    }

    /**
     * An extra {@code server.properties} entry for every embedded broker, applied after the stack's
     * own, for tests of broker behaviour; for example {@code
     * brokerProperty("auto.create.topics.enable", "false")} makes a write to a missing topic fail
     * instead of creating it. External mode ignores it.
     */
    public Builder brokerProperty(String key, String value) {
      if (key == null) throw new NullPointerException("key == null");
      if (value == null) throw new NullPointerException("value == null");
      brokerProperties.put(key, value);
      return this;
    }

    /** Uses these servers instead of starting any, whatever the environment says. */
    public Builder external(String bootstrapServers, String schemaRegistryUrl) {
      if (bootstrapServers == null) throw new NullPointerException("bootstrapServers == null");
      if (schemaRegistryUrl == null) throw new NullPointerException("schemaRegistryUrl == null");
      this.mode = new ExternalMode(bootstrapServers, schemaRegistryUrl);
      return this;
    }

    /**
     * Starts an embedded stack secured as production is: Kafka listens for SASL_SSL only
     * (SCRAM-SHA-512, a self-signed certificate for {@code 127.0.0.1} and {@code localhost}, ACLs
     * enforced), and the registry is reached only over HTTPS with basic auth, through a small front
     * in this JVM (Apicurio's own authentication needs an OIDC server). Key store, trust store,
     * users and random passwords are made fresh for each start, under the run directory in {@code
     * target/}, and deleted with it. Clients get the settings from {@link
     * InventoryStack#clientProperties()}, {@link InventoryStack#registryProperties()} and {@link
     * InventoryStack#registrySettings()}: a SCRAM user that may read, write and describe topics
     * named {@code inventory.*} and {@code stack-test-*} and read any group. Implies {@link
     * #embedded()}, with one combined Kafka node.
     */
    public Builder secured() {
      this.secured = true;
      return this;
    }

    /** Starts the embedded broker and registry even when the external-mode variables are set. */
    public Builder embedded() {
      this.mode = new EmbeddedMode();
      return this;
    }

    /**
     * Chooses the mode by name, as {@code -Dinventory.stack.mode} does: {@code embedded}, {@code
     * external} (from the two environment variables), or a {@link StackProvider}'s mode such as
     * {@code testcontainers} (Kafka and Apicurio Registry in containers; needs {@code
     * inventory-events-testcontainers} on the class path and a Docker Engine).
     *
     * @throws MissingPrerequisiteException (from {@link #start()}) if no provider has that name
     */
    public Builder mode(String name) {
      if (name == null) throw new NullPointerException("name == null");
      this.modeName = name.trim();
      return this;
    }

    Builder environment(StackEnvironment environment) {
      this.environment = environment;
      return this;
    }

    Builder progress(Consumer<String> progress) {
      this.progress = progress;
      return this;
    }

    /**
     * Starts (or, in external mode, connects to and checks) the broker and the registry.
     *
     * @throws MissingPrerequisiteException if no Java 21+ runtime or registry distribution is found
     * @throws StackStartException if a component does not come up before the deadline, or only one
     *     of the two external-mode variables is set; whatever had started is stopped again
     */
    public InventoryStack start() {
      String level =
          compatibility != null
              ? compatibility
              : RegistryAdmin.checkLevel(
                  environment.property(COMPATIBILITY_PROPERTY).orElse(DEFAULT_COMPATIBILITY));
      Duration timeout =
          startupTimeout != null
              ? startupTimeout
              : environment
                  .property(STARTUP_TIMEOUT_PROPERTY)
                  .map(s -> Duration.ofSeconds(Long.parseLong(s)))
                  .orElse(DEFAULT_STARTUP_TIMEOUT);
      StackMode chosen;
      if (secured) {
        boolean otherMode = modeName != null && !modeName.equalsIgnoreCase("embedded");
        if (brokers != 1 || mode instanceof ExternalMode || otherMode) {
          throw new IllegalStateException(
              "secured() starts one embedded Kafka node; remove brokers(3), external(...) and"
                  + " mode(...), or drop secured() to use them.");
        }
        chosen = new EmbeddedMode(true);
      } else {
        chosen = mode != null ? mode : modeByName();
      }
      StackSettings settings =
          new StackSettings(
              environment,
              progress,
              level,
              Deadline.after(timeout),
              brokers,
              Optional.ofNullable(workDir),
              Map.copyOf(brokerProperties));
      return InventoryStack.start(chosen, settings);
    }

    /** The builder's or the system property's mode name, else the environment decides. */
    private StackMode modeByName() {
      String name = modeName != null ? modeName : environment.property(MODE_PROPERTY).orElse("");
      switch (name.toLowerCase(java.util.Locale.ROOT)) {
        case "":
          return modeFromEnvironment();
        case "embedded":
          return new EmbeddedMode();
        case "external":
          if (environment.env(BOOTSTRAP_SERVERS_ENV).isEmpty()
              || environment.env(SCHEMA_REGISTRY_URL_ENV).isEmpty()) {
            throw new StackStartException(
                "Mode external needs both "
                    + BOOTSTRAP_SERVERS_ENV
                    + " and "
                    + SCHEMA_REGISTRY_URL_ENV
                    + " to be set.");
          }
          return modeFromEnvironment();
        default:
          return ProvidedMode.named(name);
      }
    }

    /** External when both variables are set, embedded when neither is. */
    private StackMode modeFromEnvironment() {
      Optional<String> bootstrap = environment.env(BOOTSTRAP_SERVERS_ENV);
      Optional<String> registryUrl = environment.env(SCHEMA_REGISTRY_URL_ENV);
      if (bootstrap.isPresent() != registryUrl.isPresent()) {
        throw new StackStartException(
            "Only "
                + (bootstrap.isPresent() ? BOOTSTRAP_SERVERS_ENV : SCHEMA_REGISTRY_URL_ENV)
                + " is set: set both "
                + BOOTSTRAP_SERVERS_ENV
                + " and "
                + SCHEMA_REGISTRY_URL_ENV
                + " to use an external stack, or neither to start the embedded one.");
      }
      return bootstrap.isPresent()
          ? new ExternalMode(bootstrap.get(), registryUrl.get())
          : new EmbeddedMode();
    }
  }
}
