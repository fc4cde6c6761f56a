package io.inventory.events.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;

/** Turns a failed request into the exception type and message a person can act on. */
final class RegistryErrors {
  private RegistryErrors() {}

  static SchemaRegistryException refused(
      URI base, String method, String path, String subject, HttpResponse<String> response) {
    int status = response.statusCode();
    int errorCode = -1;
    String detail = response.body();
    try {
      JsonNode error = RegistryHttp.JSON.readTree(response.body());
      errorCode = error.path("error_code").asInt(-1);
      detail = error.path("message").asText(detail);
    } catch (IOException | RuntimeException notJson) {
      // Keep the raw body as the detail.
    }
    if (detail.endsWith(".")) {
      detail = detail.substring(0, detail.length() - 1);
    }
    String url = RegistryUrls.redact(base);
    String message =
        "Schema registry at "
            + url
            + " refused "
            + method
            + " "
            + path
            + (subject == null ? "" : " for subject \"" + subject + "\"")
            + ": HTTP "
            + status
            + (errorCode < 0 ? "" : " error_code " + errorCode)
            + ": "
            + detail
            + hint(status, errorCode);
    if (status == 404) {
      return new SchemaNotFoundException(message, url, subject, status, errorCode);
    }
    if (status == 409) {
      return new IncompatibleSchemaException(message, url, subject, status, errorCode);
    }
    if (status >= 500) {
      return new RegistryUnavailableException(message, url, subject, status, null);
    }
    return new SchemaRegistryException(message, url, subject, status, errorCode, null);
  }

  static RegistryUnavailableException unreachable(
      URI base, String method, String path, String subject, int attempts, IOException cause) {
    String url = RegistryUrls.redact(base);
    return new RegistryUnavailableException(
        "Schema registry at "
            + url
            + " did not answer "
            + method
            + " "
            + path
            + " after "
            + attempts
            + (attempts == 1 ? " attempt (" : " attempts (")
            + cause
            + "). Check the registry URL and that the registry is up.",
        url,
        subject,
        -1,
        cause);
  }

  static RegistryUnavailableException interrupted(
      URI base, String method, String path, String subject, InterruptedException cause) {
    String url = RegistryUrls.redact(base);
    return new RegistryUnavailableException(
        "Interrupted while calling " + method + " " + path + " on the schema registry at " + url,
        url,
        subject,
        -1,
        cause);
  }

  private static String hint(int status, int errorCode) {
    if (errorCode == 40401 || errorCode == 40403) {
      return ". Register the schema first (inventory-events register, or"
          + " auto.register.schemas=true in dev and tests).";
    }
    if (status == 409) {
      return ". The schema breaks the subject's compatibility rule; run the compatibility gate to"
          + " see which field and rule.";
    }
    if (status == 401 || status == 403) {
      return ". Check the registry credentials (basic.auth.user.info).";
    }
    if (status == 422) {
      return ". The registry could not parse the schema; check it with the compatibility gate.";
    }
    return ".";
  }
}
