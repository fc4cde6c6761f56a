package io.inventory.events.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context of a client from its settings' stores. */
final class TlsContexts {
  private TlsContexts() {}

  /** The context to use, or {@code null} for the JVM default. */
  static SSLContext of(RegistrySettings settings) {
    if (settings.sslContext() != null) {
      return settings.sslContext();
    }
    if (settings.trustStore() == null && settings.keyStore() == null) {
      return null;
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          settings.keyStore() == null ? null : keyManagers(settings.keyStore()),
          settings.trustStore() == null ? null : trustManagers(settings.trustStore()),
          null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "Could not load the schema registry's TLS stores ("
              + e.getMessage()
              + "). Check the store paths, types and passwords.",
          e);
    }
  }

  private static javax.net.ssl.KeyManager[] keyManagers(TlsStore store)
      throws GeneralSecurityException, IOException {
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(load(store), store.keyPasswordChars());
    return factory.getKeyManagers();
  }

  private static javax.net.ssl.TrustManager[] trustManagers(TlsStore store)
      throws GeneralSecurityException, IOException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(load(store));
    return factory.getTrustManagers();
  }

  private static KeyStore load(TlsStore store) throws GeneralSecurityException, IOException {
    KeyStore keyStore = KeyStore.getInstance(store.type());
    try (InputStream in = Files.newInputStream(store.location())) {
      keyStore.load(in, store.passwordChars());
    }
    return keyStore;
  }
}
