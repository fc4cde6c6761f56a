package io.inventory.events.conformance.serde;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A counting HTTP proxy on 127.0.0.1 in front of the real registry: the honest way to prove that a
 * client makes no registry call, since it sees every request on the wire. {@link #close()} shuts
 * it, so that the registry looks down to everything configured with {@link #url()}.
 */
public final class CountingRegistryProxy implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "content-length",
          "host",
          "transfer-encoding",
          "upgrade",
          "keep-alive",
          "expect");

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final URI upstream;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final HttpServer server;

  /**
   * @param registryUrl the real registry's base URL, e.g. http://127.0.0.1:8080/apis/ccompat/v7
   */
  public CountingRegistryProxy(String registryUrl) throws IOException {
    URI url = URI.create(registryUrl);
    this.upstream = URI.create(url.getScheme() + "://" + url.getRawAuthority());
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::forward);
    server.start();
  }

  /** {@code registryUrl} with the proxy's host and port. */
  public String url(String registryUrl) {
    URI url = URI.create(registryUrl);
    return "http://127.0.0.1:" + server.getAddress().getPort() + url.getRawPath();
  }

  /** Every request seen so far, as "METHOD /path". */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  public int requestCount() {
    return requests.size();
  }

  private void forward(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestURI().toString();
    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(upstream.resolve(target))
            .timeout(Duration.ofSeconds(30))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
              }
            });
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(502, -1);
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
