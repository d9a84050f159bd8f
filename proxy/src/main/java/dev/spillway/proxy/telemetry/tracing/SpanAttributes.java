package dev.spillway.proxy.telemetry.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The attributes of a span or event while a call records it, and as the exporter reads them: two
 * parallel arrays in the order set, a later value for the same key replacing the earlier one, null
 * values ignored (as the SDK does). The SDK's own attribute map is a hash map with limits, copied
 * and sorted into an immutable {@link Attributes} when the span ends; a call's ~40 attributes are
 * set once each, so a linear scan over an array does the same for a fraction of the work
 * (docs/benchmarks.md, Tracing).
 */
final class SpanAttributes implements Attributes {
  private AttributeKey<?>[] keys;
  private Object[] values;
  private int size;
  /**
   * One bit per key set so far, chosen by its hash: a key whose bit is clear was not set before, so
   * it is appended without comparing it with every key already set. That scan was a tenth of what
   * tracing cost the IO threads under the bench's load (JFR, docs/benchmarks.md, Tracing); with ~20
   * keys in 64 bits most new keys skip it. Equal keys have equal hashes, so a set bit only means
   * "perhaps": then the keys are compared.
   */
  private long keyBits;

  SpanAttributes(int capacity) {
    keys = new AttributeKey<?>[capacity];
    values = new Object[capacity];
  }

  <T> SpanAttributes put(AttributeKey<T> key, T value) {
    if (value == null) {
      return this;
    }
    long bit = bit(key);
    if ((keyBits & bit) != 0) {
      int at = indexOf(key);
      if (at >= 0) {
        values[at] = value;
        return this;
      }
    }
    keyBits |= bit;
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = key;
    values[size] = value;
    size++;
    return this;
  }

  /** The key's bit in {@link #keyBits}: its hash folded so names that differ near the end spread too. */
  private static long bit(AttributeKey<?> key) {
    int hash = key.hashCode();
    return 1L << (hash ^ (hash >>> 6) ^ (hash >>> 12)); // a long shift uses the low 6 bits
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(AttributeKey<T> key) {
    int at = indexOf(key);
    return at < 0 ? null : (T) values[at];
  }

  /**
   * Where {@code key} is, or -1: the key's cached hash compared first, {@code equals} (type, then
   * name) only when the hashes agree.
   */
  private int indexOf(AttributeKey<?> key) {
    int hash = key.hashCode();
    for (int i = 0; i < size; i++) {
      AttributeKey<?> k = keys[i];
      if (k == key || (k.hashCode() == hash && k.equals(key))) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void forEach(BiConsumer<? super AttributeKey<?>, ? super Object> consumer) {
    for (int i = 0; i < size; i++) {
      consumer.accept(keys[i], values[i]);
    }
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public Map<AttributeKey<?>, Object> asMap() {
    Map<AttributeKey<?>, Object> map = new LinkedHashMap<>();
    forEach(map::put);
    return map;
  }

  @Override
  public AttributesBuilder toBuilder() {
    return Attributes.builder().putAll(this);
  }

  @Override
  public String toString() {
    return asMap().toString();
  }
}
