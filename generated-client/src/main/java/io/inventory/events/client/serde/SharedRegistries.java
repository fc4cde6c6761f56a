package io.inventory.events.client.serde;

import io.inventory.events.registry.RegistrySettings;
import io.inventory.events.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigException;

/**
 * One registry client per distinct registry setting in the process, so every serializer and
 * deserializer shares one cache: after the first use of a schema or id, none of them asks the
 * registry again, however many producers and consumers the application builds.
 */
final class SharedRegistries {
  private static final Map<RegistrySettings, SchemaRegistryClient> CLIENTS =
      new ConcurrentHashMap<>();

  private SharedRegistries() {}

  /**
   * @throws ConfigException if the settings' TLS stores cannot be loaded
   */
  static SchemaRegistryClient forSettings(RegistrySettings settings) {
    SchemaRegistryClient client = CLIENTS.get(settings);
    if (client != null) {
      return client;
    }
    try {
      // Building a client does no I/O beyond reading the TLS stores.
      SchemaRegistryClient created = new SchemaRegistryClient(settings);
      SchemaRegistryClient raced = CLIENTS.putIfAbsent(settings, created);
      return raced == null ? created : raced;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
