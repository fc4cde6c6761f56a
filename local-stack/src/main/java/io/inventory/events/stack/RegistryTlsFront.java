package io.inventory.events.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.inventory.events.registry.RegistrySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The secured stack's registry as clients see it: an HTTPS server on a free 127.0.0.1 port, with
 * the stack's certificate, that answers 401 to any request without the stack's basic-auth
 * credentials and forwards every other one to Apicurio's plain HTTP port on loopback. Apicurio's
 * own authentication needs an OIDC server, which the stack does not run; its plain port stays an
 * internal detail no client is given.
 */
final class RegistryTlsFront implements RegistryBackend {
  private static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Content-Type", "Accept");
  private static final List<String> FORWARDED_RESPONSE_HEADERS =
      List.of("Content-Type", "Location");

  private final RegistryProcess registry;
  private final StackSecurity security;
  private final HttpsServer server;
  private final ExecutorService executor;
  private final HttpClient client;
  private final byte[] expectedAuthorization;
  private boolean closed;

  private RegistryTlsFront(
      RegistryProcess registry,
      StackSecurity security,
      HttpsServer server,
      ExecutorService executor) {
    this.registry = registry;
    this.security = security;
    this.server = server;
    this.executor = executor;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.expectedAuthorization = security.registryAuthorization().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Opens the front for {@code registry} on a free loopback port.
   *
   * @throws StackStartException if the key store cannot be read or no port can be bound
   */
  static RegistryTlsFront start(RegistryProcess registry, StackSecurity security) {
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, "inventory-stack-registry-front");
              thread.setDaemon(true);
              return thread;
            });
    try {
      HttpsServer server = HttpsServer.create(new InetSocketAddress(LoopbackPorts.HOST, 0), 50);
      server.setHttpsConfigurator(new HttpsConfigurator(sslContext(security)));
      server.setExecutor(executor);
      RegistryTlsFront front = new RegistryTlsFront(registry, security, server, executor);
      server.createContext("/", front::handle);
      server.start();
      return front;
    } catch (IOException | GeneralSecurityException e) {
      executor.shutdownNow();
      throw new StackStartException("Could not open the registry's TLS front: " + e, e);
    }
  }

  private static SSLContext sslContext(StackSecurity security)
      throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance(StackSecurity.STORE_TYPE);
    try (InputStream in = Files.newInputStream(security.keyStore())) {
      keys.load(in, security.storePassword());
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, security.storePassword());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return context;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        reply(
            exchange,
            401,
            "{\"error_code\":401,\"message\":\"Unauthorized: this registry needs HTTP basic auth\"}",
            Map.of("WWW-Authenticate", "Basic realm=\"inventory-stack registry\""));
        return;
      }
      forward(exchange);
    }
  }

  /** Constant-time comparison, so the time of a refusal says nothing about the credentials. */
  private boolean authorized(String authorization) {
    return authorization != null
        && MessageDigest.isEqual(
            expectedAuthorization, authorization.getBytes(StandardCharsets.UTF_8));
  }

  private void forward(HttpExchange exchange) throws IOException {
    URI target =
        URI.create(
            registry.baseUrl()
                + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                    ? ""
                    : "?" + exchange.getRequestURI().getRawQuery()));
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(30))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : FORWARDED_REQUEST_HEADERS) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) request.header(header, value);
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      reply(exchange, 502, "{\"error_code\":502,\"message\":\"registry unreachable\"}", Map.of());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply(exchange, 503, "{\"error_code\":503,\"message\":\"interrupted\"}", Map.of());
      return;
    }
    for (String header : FORWARDED_RESPONSE_HEADERS) {
      response
          .headers()
          .firstValue(header)
          .ifPresent(v -> exchange.getResponseHeaders().set(header, v));
    }
    byte[] answer = response.body();
    exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private static void reply(
      HttpExchange exchange, int status, String json, Map<String, String> headers)
      throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** {@code https://127.0.0.1:PORT}: the front's root, where Apicurio's paths continue. */
  String baseUrl() {
    return "https://" + LoopbackPorts.HOST + ":" + port();
  }

  @Override
  public String confluentApiUrl() {
    return baseUrl() + RegistryProcess.CONFLUENT_API_PATH;
  }

  @Override
  public List<Integer> ports() {
    List<Integer> ports = new ArrayList<>(registry.ports());
    ports.add(port());
    return ports;
  }

  @Override
  public Optional<RegistryProcess> process() {
    return Optional.of(registry);
  }

  @Override
  public RegistrySettings clientSettings(int retries) {
    return security.registrySettings(confluentApiUrl(), retries);
  }

  @Override
  public Map<String, Object> serdeProperties() {
    return security.registryClient(confluentApiUrl());
  }

  /** Stops the front only; the registry process is a resource of its own. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
