package io.inventory.events.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/** Parsing and printing registry base URLs: one place that keeps user info out of messages. */
final class RegistryUrls {
  private RegistryUrls() {}

  static List<URI> parse(String urls) {
    if (urls == null || urls.isBlank()) {
      throw new IllegalArgumentException(
          "No schema registry URL given: set one, e.g. http://localhost:8081 or Apicurio's"
              + " http://localhost:8080/apis/ccompat/v7.");
    }
    List<URI> parsed = new ArrayList<>();
    for (String url : urls.split(",")) {
      parsed.add(parseOne(url.trim()));
    }
    return parsed;
  }

  private static URI parseOne(String url) {
    try {
      URI uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      String scheme = uri.getScheme();
      if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
        throw new IllegalArgumentException(
            "Schema registry URL \""
                + redact(uri)
                + "\" is not an absolute http(s) URL; expected e.g. http://localhost:8081.");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "Schema registry URL is not a valid URL: " + e.getReason() + ".", e);
    }
  }

  /** The URL as it may be printed: user info (a password) removed. */
  static String redact(URI url) {
    if (url.getRawUserInfo() == null) {
      return url.toString();
    }
    return url.toString().replace(url.getRawUserInfo() + "@", "***@");
  }
}
