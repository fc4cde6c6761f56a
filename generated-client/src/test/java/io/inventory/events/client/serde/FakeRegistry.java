package io.inventory.events.client.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal in-memory registry speaking the Confluent REST subset the serde uses, for unit tests
 * that need no broker: register, look up, get by id. It records every request and can be told to
 * fail the next N requests with a status.
 */
final class FakeRegistry implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final AtomicInteger failNext = new AtomicInteger();
  volatile int failStatus = 503;

  private final Map<String, Integer> ids = new ConcurrentHashMap<>();
  private final Map<Integer, String> schemas = new ConcurrentHashMap<>();
  private final Map<String, Integer> subjectIds = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(1);
  private final HttpServer server;

  FakeRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int register(String subject, String schema) {
    int id = ids.computeIfAbsent(schema, s -> nextId.getAndIncrement());
    schemas.put(id, schema);
    subjectIds.put(subject + "\n" + schema, id);
    return id;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    requests.add(method + " " + path);
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth != null) {
      authorizations.add(auth);
    }
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      reply(exchange, failStatus, "{\"error_code\":50001,\"message\":\"injected failure\"}");
      return;
    }
    if (method.equals("GET") && path.startsWith("/schemas/ids/")) {
      String schema = schemas.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
      if (schema == null) {
        reply(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
      } else {
        reply(exchange, 200, JSON.createObjectNode().put("schema", schema).toString());
      }
      return;
    }
    if (method.equals("POST") && path.startsWith("/subjects/")) {
      String rest = path.substring("/subjects/".length());
      String schema = JSON.readTree(body).path("schema").asText();
      if (rest.endsWith("/versions")) {
        int id = register(rest.substring(0, rest.length() - "/versions".length()), schema);
        reply(exchange, 200, "{\"id\":" + id + "}");
        return;
      }
      Integer id = subjectIds.get(rest + "\n" + schema);
      if (id == null) {
        reply(
            exchange,
            404,
            "{\"error_code\":40401,\"message\":\"Subject '" + rest + "' not found.\"}");
      } else {
        reply(exchange, 200, "{\"subject\":\"" + rest + "\",\"id\":" + id + ",\"version\":1}");
      }
      return;
    }
    reply(exchange, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
