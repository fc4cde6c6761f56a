package io.inventory.events.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP proxy in front of the real registry that counts every request it forwards, per API: the
 * Confluent-compatible one our serde uses ({@code /apis/ccompat/...}) and Apicurio's native one its
 * serde uses ({@code /apis/registry/...}). Both serdes talk to the registry only through it, so "no
 * registry request in steady state" is a number read off these counters, not an assumption.
 */
final class CountingRegistryProxy implements AutoCloseable {
  private static final Set<String> NOT_FORWARDED =
      Set.of("connection", "content-length", "host", "expect", "upgrade", "keep-alive");

  private final URI target;
  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicLong confluentApi = new AtomicLong();
  private final AtomicLong nativeApi = new AtomicLong();

  private CountingRegistryProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::forward);
    server.setExecutor(Executors.newFixedThreadPool(2, daemon()));
    server.start();
  }

  /** A proxy for the registry whose Confluent API is at {@code ccompatUrl}. */
  static CountingRegistryProxy inFrontOf(String ccompatUrl) {
    URI url = URI.create(ccompatUrl);
    try {
      return new CountingRegistryProxy(URI.create(url.getScheme() + "://" + url.getAuthority()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String base() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  /** Our serde's URL: the same path as the real one, through the proxy. */
  String confluentApiUrl(String realCcompatUrl) {
    return base() + URI.create(realCcompatUrl).getRawPath();
  }

  /** Apicurio's serde's URL: its native v3 API, through the proxy. */
  String nativeApiUrl() {
    return base() + "/apis/registry/v3";
  }

  long confluentApiRequests() {
    return confluentApi.get();
  }

  long nativeApiRequests() {
    return nativeApi.get();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      String pathAndQuery = exchange.getRequestURI().getRawPath();
      if (exchange.getRequestURI().getRawQuery() != null) {
        pathAndQuery += "?" + exchange.getRequestURI().getRawQuery();
      }
      (pathAndQuery.startsWith("/apis/ccompat") ? confluentApi : nativeApi).incrementAndGet();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target.resolve(pathAndQuery))
              .method(
                  exchange.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
        if (!NOT_FORWARDED.contains(header.getKey().toLowerCase())) {
          header.getValue().forEach(value -> request.header(header.getKey(), value));
        }
      }
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
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
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "counting-registry-proxy");
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
