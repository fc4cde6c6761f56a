package io.inventory.events.registry;

import java.nio.file.Path;
import java.util.Objects;

/** A key or trust store on disk; {@code toString} hides the passwords. */
record TlsStore(Path location, String password, String type, String keyPassword) {
  TlsStore {
    Objects.requireNonNull(location, "location == null");
    type = type == null ? "PKCS12" : type;
  }

  char[] passwordChars() {
    return password == null ? null : password.toCharArray();
  }

  char[] keyPasswordChars() {
    return keyPassword == null ? passwordChars() : keyPassword.toCharArray();
  }

  @Override
  public String toString() {
    return "TlsStore{" + location + ", " + type + "}";
  }
}
