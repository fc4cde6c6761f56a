package io.inventory.events.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.inventory.events.client.testing.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/**
 * The benchmarks' own set-up, checked by every build without running a benchmark: the event types
 * they claim to measure, and the proxy that counts registry requests.
 */
class BenchmarkSetupTest {

  @Test
  void serdeBenchmarkMeasuresTheSeedsEventAndTheSampleWithTheLargestEncoding() throws Exception {
    String[] measured =
        SerdeBenchmark.class.getField("eventType").getAnnotation(Param.class).value();
    SpecificRecord largest =
        SampleEvents.all().stream()
            .max(Comparator.comparingInt(BenchmarkSetupTest::encodedSize))
            .orElseThrow();

    assertThat(measured).containsExactly("StockLevelChanged", largest.getSchema().getName());
  }

  @Test
  void proxyForwardsRequestsAndCountsThemPerApi() throws Exception {
    HttpServer registry =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestURI().getPath().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    registry.start();
    String ccompat = "http://127.0.0.1:" + registry.getAddress().getPort() + "/apis/ccompat/v7";
    try (CountingRegistryProxy proxy = CountingRegistryProxy.inFrontOf(ccompat)) {
      HttpClient client = HttpClient.newHttpClient();

      String ours = get(client, proxy.confluentApiUrl(ccompat) + "/schemas/ids/1");
      String theirs = get(client, proxy.nativeApiUrl() + "/ids/contentIds/1");
      get(client, proxy.nativeApiUrl() + "/ids/contentIds/2");

      assertThat(ours).isEqualTo("/apis/ccompat/v7/schemas/ids/1");
      assertThat(theirs).isEqualTo("/apis/registry/v3/ids/contentIds/1");
      assertThat(proxy.confluentApiRequests()).isEqualTo(1);
      assertThat(proxy.nativeApiRequests()).isEqualTo(2);
    } finally {
      registry.stop(0);
    }
  }

  private static String get(HttpClient client, String url) throws Exception {
    return client
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int encodedSize(SpecificRecord event) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new SpecificDatumWriter<SpecificRecord>(
              event.getSchema(), SpecificData.getForClass(event.getClass()))
          .write(event, encoder);
      encoder.flush();
      return out.size();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
