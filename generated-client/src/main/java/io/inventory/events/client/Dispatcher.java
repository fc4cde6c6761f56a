package io.inventory.events.client;

import io.inventory.events.client.serde.UnknownEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the handler of a decoded event: the one registered for its exact class, else the first one
 * registered for a supertype (so {@code SpecificRecord.class} works as a catch-all).
 */
final class Dispatcher {
  private static final EventHandler<Object> NONE = (event, context) -> {};

  private final Map<Class<?>, EventHandler<Object>> registered;
  private final EventHandler<UnknownEvent> unknownHandler;
  private final Map<Class<?>, EventHandler<Object>> resolved = new HashMap<>();

  Dispatcher(
      Map<Class<?>, EventHandler<Object>> registered, EventHandler<UnknownEvent> unknownHandler) {
    this.registered = new LinkedHashMap<>(registered);
    this.unknownHandler = Objects.requireNonNull(unknownHandler, "unknownHandler == null");
  }

  /** What became of the event. */
  enum Outcome {
    PROCESSED,
    UNKNOWN,
    SKIPPED
  }

  /** Called on the poll thread only; the cache needs no lock. */
  Outcome dispatch(Object event, EventContext context) throws Exception {
    if (event == null) {
      return Outcome.SKIPPED;
    }
    if (event instanceof UnknownEvent unknown) {
      unknownHandler.handle(unknown, context);
      return Outcome.UNKNOWN;
    }
    EventHandler<Object> handler = resolved.computeIfAbsent(event.getClass(), this::resolve);
    if (handler == NONE) {
      return Outcome.SKIPPED;
    }
    handler.handle(event, context);
    return Outcome.PROCESSED;
  }

  private EventHandler<Object> resolve(Class<?> type) {
    EventHandler<Object> exact = registered.get(type);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<Class<?>, EventHandler<Object>> entry : registered.entrySet()) {
      if (entry.getKey().isAssignableFrom(type)) {
        return entry.getValue();
      }
    }
    return NONE;
  }
}
