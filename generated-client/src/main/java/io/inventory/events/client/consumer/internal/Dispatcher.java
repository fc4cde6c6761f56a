package io.inventory.events.client.consumer.internal;

import io.inventory.events.client.UnknownEvent;
import io.inventory.events.client.consumer.ContextualEventHandler;
import io.inventory.events.client.consumer.EventContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the handler of a decoded event: the one registered for its exact class, else the first one
 * registered for a supertype (so {@code SpecificRecord.class} works as a catch-all).
 */
public final class Dispatcher {
  private final Map<Class<?>, ContextualEventHandler<Object>> registered;
  private final ContextualEventHandler<UnknownEvent> unknownHandler;
  private final Map<Class<?>, ContextualEventHandler<Object>> resolved = new HashMap<>();

  public Dispatcher(
      Map<Class<?>, ContextualEventHandler<Object>> registered,
      ContextualEventHandler<UnknownEvent> unknownHandler) {
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
    if (event instanceof UnknownEvent) {
      unknownHandler.handle((UnknownEvent) event, context);
      return Outcome.UNKNOWN;
    }
    ContextualEventHandler<Object> handler =
        resolved.computeIfAbsent(event.getClass(), this::resolve);
    if (handler == NONE) {
      return Outcome.SKIPPED;
    }
    handler.handle(event, context);
    return Outcome.PROCESSED;
  }

  private static final ContextualEventHandler<Object> NONE = (event, context) -> {};

  private ContextualEventHandler<Object> resolve(Class<?> type) {
    ContextualEventHandler<Object> exact = registered.get(type);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<Class<?>, ContextualEventHandler<Object>> entry : registered.entrySet()) {
      if (entry.getKey().isAssignableFrom(type)) {
        return entry.getValue();
      }
    }
    return NONE;
  }
}
