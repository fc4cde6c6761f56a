package io.inventory.events.registry;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map that holds at most {@code capacity} entries: when full, an arbitrary entry makes
 * room. Reads take no lock. Values are computed by the caller outside the map, so a slow registry
 * call never blocks readers of other keys (unlike {@code computeIfAbsent}).
 */
final class BoundedCache<K, V> {
  private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
  private final int capacity;

  BoundedCache(int capacity) {
    this.capacity = capacity;
  }

  V get(K key) {
    return entries.get(key);
  }

  /** Stores {@code value} unless another thread stored one first; returns the stored value. */
  V put(K key, V value) {
    if (entries.size() >= capacity) {
      Iterator<K> keys = entries.keySet().iterator();
      if (keys.hasNext()) {
        entries.remove(keys.next());
      }
    }
    V previous = entries.putIfAbsent(key, value);
    return previous == null ? value : previous;
  }

  int size() {
    return entries.size();
  }
}
