package dev.spillway.proxy.shared;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Marks with an end time that every replica honours: an open circuit, a target resting after a
 * 429, an account whose credential was refused, a raised drift alarm. One sorted set per kind
 * (member: the target or account, score: until when, epoch ms). Raising one writes through
 * asynchronously; reads come from a cache the shared state's tick refreshes every {@link
 * SharedState#TICK_MS} ms, so another replica's mark is seen within well under a second and a read
 * never touches the network.
 */
public final class SharedMarks {
  /** What a mark says. */
  public enum Kind {
    CIRCUIT_OPEN("circuit-open"),
    RATE_LIMITED("rate-limited"),
    CREDENTIAL_REFUSED("credential-refused"),
    DRIFTING("drifting");

    private final String key;

    Kind(String key) {
      this.key = key;
    }
  }

  private final SharedState state;
  private final Map<Kind, Map<String, Long>> cache = new EnumMap<>(Kind.class);

  SharedMarks(SharedState state) {
    this.state = state;
    for (Kind kind : Kind.values()) {
      cache.put(kind, new ConcurrentHashMap<>());
    }
  }

  /** Raises (or extends: an earlier end never shortens a later one) the mark until {@code untilMs}. */
  public void raise(Kind kind, String id, long untilMs) {
    cache.get(kind).merge(id, untilMs, Math::max);
    state.send(redis -> redis.zadd(state.key("marks", kind.key), ZAddArgs.Builder.gt(), (double) untilMs, id));
  }

  /** Lowers the mark everywhere; a no-op (no write) when no replica raised it. */
  public void clear(Kind kind, String id) {
    if (cache.get(kind).remove(id) != null) {
      state.send(redis -> redis.zrem(state.key("marks", kind.key), id));
    }
  }

  /** Until when the mark holds (epoch ms), 0 when it does not hold now. */
  public long until(Kind kind, String id, long nowMs) {
    Long until = cache.get(kind).get(id);
    return until != null && until > nowMs ? until : 0;
  }

  /** Replaces the cache with the marks that still hold, and drops the expired ones from the server. */
  void refresh(RedisAsyncCommands<String, String> redis, long nowMs) throws Exception {
    Map<Kind, io.lettuce.core.RedisFuture<List<ScoredValue<String>>>> pending = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      String key = state.key("marks", kind.key);
      redis.zremrangebyscore(key, Range.create(Double.NEGATIVE_INFINITY, (double) nowMs));
      pending.put(kind, redis.zrangebyscoreWithScores(key, Range.create((double) nowMs, Double.POSITIVE_INFINITY)));
    }
    for (Kind kind : Kind.values()) {
      Map<String, Long> fresh = new HashMap<>();
      for (ScoredValue<String> mark : pending.get(kind).get(SharedState.TICK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        fresh.put(mark.getValue(), (long) mark.getScore());
      }
      Map<String, Long> cached = cache.get(kind);
      cached.keySet().retainAll(fresh.keySet());
      cached.putAll(fresh);
    }
  }
}
