package dev.spillway.proxy.shared;

import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Budget spend and in-flight reservations kept in Redis, one hash per owner and period
 * ({@code spent}, {@code reserved}, {@code alerted}), so a blocking budget is never overspent
 * beyond the calls in flight, however many replicas take calls. A reservation waits for its answer
 * (boundedly, see {@link SharedState#await}); settling does not, and the script itself says which
 * alert thresholds the settled spend crossed first, so every alert is raised once, by one replica.
 */
public final class SharedSpend {
  // KEYS: ledger. ARGV: amount, estimate, blocks (1/0), ttl ms. Returns {admitted 1/0, spent, reserved}.
  private static final LuaScript RESERVE = LuaScript.of("""
      local spent = tonumber(redis.call('HGET', KEYS[1], 'spent') or '0')
      local reserved = tonumber(redis.call('HGET', KEYS[1], 'reserved') or '0')
      local estimate = tonumber(ARGV[2])
      if ARGV[3] == '1' and spent + reserved + estimate > tonumber(ARGV[1]) then
        return {0, tostring(spent), tostring(reserved)}
      end
      reserved = tonumber(redis.call('HINCRBYFLOAT', KEYS[1], 'reserved', ARGV[2]))
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      return {1, tostring(spent), tostring(reserved)}
      """);

  // KEYS: ledger. ARGV: amount, estimate, actual, ttl ms, thresholds ascending...
  // Returns {spent, thresholds newly crossed...}.
  private static final LuaScript SETTLE = LuaScript.of("""
      local reserved = tonumber(redis.call('HGET', KEYS[1], 'reserved') or '0')
      redis.call('HSET', KEYS[1], 'reserved', tostring(math.max(0, reserved - tonumber(ARGV[2]))))
      local spent = tonumber(redis.call('HINCRBYFLOAT', KEYS[1], 'spent', ARGV[3]))
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      local amount = tonumber(ARGV[1])
      local percent = 100
      if amount > 0 then percent = spent * 100 / amount end
      local alerted = tonumber(redis.call('HGET', KEYS[1], 'alerted') or '0')
      local answer = {tostring(spent)}
      for i = 5, #ARGV do
        local threshold = tonumber(ARGV[i])
        if threshold > alerted and percent >= threshold then
          alerted = threshold
          answer[#answer + 1] = tostring(threshold)
        end
      end
      redis.call('HSET', KEYS[1], 'alerted', tostring(alerted))
      return answer
      """);

  // KEYS: ledger. ARGV: spent to add, reserved to release, ttl ms.
  private static final LuaScript RECONCILE = LuaScript.of("""
      local reserved = tonumber(redis.call('HGET', KEYS[1], 'reserved') or '0')
      redis.call('HSET', KEYS[1], 'reserved', tostring(math.max(0, reserved - tonumber(ARGV[2]))))
      redis.call('HINCRBYFLOAT', KEYS[1], 'spent', ARGV[1])
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      return 0
      """);

  private final SharedState state;
  private final String scope;

  /** @param scope whose budgets: {@code account} or {@code consumer}, so names never collide */
  public SharedSpend(SharedState state, String scope) {
    this.state = state;
    this.scope = scope;
  }

  public SharedState state() {
    return state;
  }

  /** The hash of one owner's budget in the period starting at {@code periodStartEpochSecond}. */
  public String ledger(String owner, String period, long periodStartEpochSecond) {
    return state.key("budgets", scope, owner, period, Long.toString(periodStartEpochSecond));
  }

  /** What the shared ledger said to a reservation, with the spend it knew of. */
  public record Reservation(boolean admitted, double spentUsd, double reservedUsd) {}

  /** Reserves {@code estimateUsd} unless a blocking budget would go past its amount; null when shared state is off or late. */
  public Reservation reserve(String ledger, double amountUsd, double estimateUsd, boolean blocks, long ttlMs) {
    List<Object> answer = state.await(redis -> SharedState.<List<Object>>eval(redis, RESERVE, ScriptOutputType.MULTI,
        new String[] {ledger}, Double.toString(amountUsd), Double.toString(estimateUsd), blocks ? "1" : "0",
        Long.toString(ttlMs)));
    return answer == null ? null
        : new Reservation(((Number) answer.get(0)).longValue() == 1, Double.parseDouble(answer.get(1).toString()),
            Double.parseDouble(answer.get(2).toString()));
  }

  /** A settlement's answer: the spend now, and the alert thresholds this settlement crossed first. */
  public record Settled(double spentUsd, List<Integer> crossed) {}

  /**
   * Settles without waiting: null when shared state is off (settle locally instead), else the
   * answer to come, which fails when Redis does (then the settlement is the replica's to reconcile).
   *
   * @param thresholds the alert thresholds in percent, ascending
   */
  public CompletionStage<Settled> settle(String ledger, double amountUsd, double estimateUsd, double actualUsd,
      long ttlMs, List<Integer> thresholds) {
    if (!state.up()) {
      return null;
    }
    String[] args = new String[4 + thresholds.size()];
    args[0] = Double.toString(amountUsd);
    args[1] = Double.toString(estimateUsd);
    args[2] = Double.toString(actualUsd);
    args[3] = Long.toString(ttlMs);
    for (int i = 0; i < thresholds.size(); i++) {
      args[4 + i] = Integer.toString(thresholds.get(i));
    }
    return state.<List<Object>>send(redis -> SharedState.eval(redis, SETTLE, ScriptOutputType.MULTI,
            new String[] {ledger}, args))
        .thenApply(answer -> {
          List<Integer> crossed = new ArrayList<>();
          for (int i = 1; i < answer.size(); i++) {
            crossed.add(Integer.parseInt(answer.get(i).toString()));
          }
          return new Settled(Double.parseDouble(answer.get(0).toString()), crossed);
        });
  }

  /**
   * Reconciliation after an outage: spend made while shared state was off, and reservations whose
   * settlement never reached Redis (released), without waiting.
   */
  public void reconcile(String ledger, double spentUsd, double releasedUsd, long ttlMs) {
    state.send(redis -> SharedState.eval(redis, RECONCILE, ScriptOutputType.INTEGER, new String[] {ledger},
        Double.toString(spentUsd), Double.toString(releasedUsd), Long.toString(ttlMs)));
  }
}
