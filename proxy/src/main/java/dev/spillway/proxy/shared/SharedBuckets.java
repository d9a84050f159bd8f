package dev.spillway.proxy.shared;

import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;

/**
 * Requests-per-minute and tokens-per-minute buckets kept in Redis, the same greedy-refill token
 * buckets as the local Bucket4j ones, so the limit is exact across replicas: a call takes one
 * request and its tokens from both buckets in one atomic script, or from neither.
 *
 * <p>Own Lua scripts rather than Bucket4j's Redis integration: its artifacts do not resolve from
 * the Maven mirror this project builds against, and its proxy manager consumes from one bucket per
 * call, while a call here must take from two buckets (requests and tokens) atomically. Time comes
 * from the replica's clock (as Bucket4j's proxies do), so tests drive it.
 */
public final class SharedBuckets {
  /** A bucket idle this long has refilled completely: the key can go. */
  private static final long IDLE_TTL_MS = 120_000;

  // KEYS: requests bucket, tokens bucket. ARGV: now ms, requests/min, tokens/min, tokens, ttl ms.
  // Each bucket is a hash {a: available, t: last refill ms}. Returns {wait ms, headroom permille}.
  private static final LuaScript TAKE = LuaScript.of("""
      local now = tonumber(ARGV[1])
      local function level(key, cap)
        local v = redis.call('HMGET', key, 'a', 't')
        local a, t = tonumber(v[1]), tonumber(v[2])
        if a == nil then return cap end
        if now > t then a = math.min(cap, a + (now - t) * cap / 60000) end
        return a
      end
      local caps = {tonumber(ARGV[2]), tonumber(ARGV[3])}
      local want = {1, tonumber(ARGV[4])}
      local levels = {}
      local wait = 0
      for i = 1, 2 do
        if caps[i] > 0 then
          levels[i] = level(KEYS[i], caps[i])
          if levels[i] < want[i] then
            wait = math.max(wait, math.ceil((want[i] - levels[i]) * 60000 / caps[i]))
          end
        end
      end
      local headroom = 1000
      for i = 1, 2 do
        if caps[i] > 0 then
          if wait == 0 then levels[i] = levels[i] - want[i] end
          redis.call('HSET', KEYS[i], 'a', tostring(levels[i]), 't', ARGV[1])
          redis.call('PEXPIRE', KEYS[i], ARGV[5])
          headroom = math.min(headroom, math.floor(math.max(0, levels[i]) * 1000 / caps[i]))
        end
      end
      return {wait, headroom}
      """);

  // KEYS: tokens bucket. ARGV: now ms, tokens/min, difference (positive: take more; negative: give back), ttl ms.
  private static final LuaScript ADJUST = LuaScript.of("""
      local now, cap, diff = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
      local v = redis.call('HMGET', KEYS[1], 'a', 't')
      local a, t = tonumber(v[1]), tonumber(v[2])
      if a == nil then a = cap; t = now end
      if now > t then a = math.min(cap, a + (now - t) * cap / 60000) end
      a = math.min(cap, a - diff)
      redis.call('HSET', KEYS[1], 'a', tostring(a), 't', tostring(math.max(now, t)))
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      return 0
      """);

  private final SharedState state;
  private final String scope;

  /** @param scope whose buckets: {@code account} or {@code consumer}, so names never collide */
  public SharedBuckets(SharedState state, String scope) {
    this.state = state;
    this.scope = scope;
  }

  public SharedState state() {
    return state;
  }

  /** What the shared buckets said: {@code retryIn} zero when admitted; {@code headroom} 0 to 1 after it. */
  public record Answer(Duration retryIn, double headroom) {}

  /** Takes a request and {@code tokens}, or nothing: null when shared state is off or late. */
  public Answer take(String name, int requestsPerMinute, int tokensPerMinute, long tokens) {
    List<Long> answer = state.await(redis -> SharedState.<List<Long>>eval(redis, TAKE, ScriptOutputType.MULTI,
        new String[] {key(name, "requests"), key(name, "tokens")},
        Long.toString(state.nowMs()), Integer.toString(requestsPerMinute), Integer.toString(tokensPerMinute),
        Long.toString(tokens), Long.toString(IDLE_TTL_MS)));
    return answer == null ? null : new Answer(Duration.ofMillis(answer.get(0)), answer.get(1) / 1000.0);
  }

  /** Charges {@code difference} more tokens (or gives them back when negative), without waiting. */
  public void adjust(String name, int tokensPerMinute, long difference) {
    state.send(redis -> SharedState.eval(redis, ADJUST, ScriptOutputType.INTEGER, new String[] {key(name, "tokens")},
        Long.toString(state.nowMs()), Integer.toString(tokensPerMinute), Long.toString(difference),
        Long.toString(IDLE_TTL_MS)));
  }

  private String key(String name, String bucket) {
    return state.key("limits", scope, name, bucket);
  }
}
