package dev.spillway.proxy.live;

import dev.spillway.proxy.telemetry.AttemptRecord;
import dev.spillway.proxy.telemetry.AttemptRecord.Outcome;
import dev.spillway.proxy.telemetry.CallSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns finished calls into log lines: a model's failover when its calls move off its primary (once
 * per move, not once per call), its recovery when the primary serves again ({@link
 * #RECOVERY_STREAK} calls in a row), hedges won and calls no
 * one served (at most one line per model per {@link #QUIET_MS}, saying how many were folded in).
 * Used by the feed's one thread only, so it keeps plain maps.
 */
final class CallEvents {
  /** Per-call lines repeat at most this often per model; the next one says how many it stands for. */
  static final long QUIET_MS = 5_000;
  /**
   * A model has recovered once its primary served this many of its calls in a row: a circuit's
   * recovery ramp lets a few calls through to the primary long before it takes them all back.
   */
  static final int RECOVERY_STREAK = 5;

  /** A line before the feed numbers it. */
  record Draft(LiveEventKind kind, String model, String target, String message, CallSummary call) {}

  /** Where a model's calls went while off its primary. */
  private static final class Away {
    String target;
    long calls;
    int primaryStreak;

    Away(String target) {
      this.target = target;
    }
  }

  private static final class Quiet {
    long lastMs = Long.MIN_VALUE;
    long folded;
  }

  private final Map<String, Away> away = new HashMap<>();
  private final Map<String, Quiet> quiet = new HashMap<>();

  /** @param routed where the call was routed ({@link RoutedCall#of}), or null */
  List<Draft> of(CallSummary call, RoutedCall routed, long nowMs) {
    List<Draft> drafts = new ArrayList<>(1);
    if (routed == null) {
      return drafts;
    }
    AttemptRecord served = call.servedBy();
    if (served != null) {
      serving(call, routed, served.target().id(), drafts);
    }
    if (served != null) {
      for (AttemptRecord attempt : call.attempts()) {
        if (attempt.outcome() == Outcome.OVERTAKEN) {
          quietly(drafts, call, routed.model(), nowMs, LiveEventKind.HEDGE_WON, served.target().id(),
              "hedge on " + served.target().id() + " answered before " + attempt.target().id());
          break;
        }
      }
    } else if (call.status() >= 500) {
      quietly(drafts, call, routed.model(), nowMs, LiveEventKind.CALL_FAILED, null, routed.model() + ": no candidate served (HTTP "
          + call.status() + (call.fallbackReason() == null ? "" : ": " + call.fallbackReason()) + ")");
    }
    return drafts;
  }

  private void serving(CallSummary call, RoutedCall routed, String target, List<Draft> drafts) {
    String model = routed.model();
    String primary = routed.primary();
    Away off = away.get(model);
    if (target.equals(primary)) {
      if (off != null && ++off.primaryStreak >= RECOVERY_STREAK) {
        away.remove(model);
        drafts.add(new Draft(LiveEventKind.RECOVERED, model, primary, "✓ recovered: " + primary
            + " serves " + model + " again (" + off.calls + " calls served by fallbacks meanwhile)", call));
      }
      return;
    }
    if (off == null || !off.target.equals(target)) {
      // The fallback reason names the targets that failed; a decision's reason says why the
      // primary was not chosen first (a demotion, an open circuit, a better score).
      String why = call.fallbackReason() != null ? call.fallbackReason()
          : "primary " + primary + " not chosen: " + (routed.decision() != null ? routed.decision().reason() : "passed over");
      drafts.add(new Draft(LiveEventKind.FAILOVER, model, target, "failover → " + target + " (" + why + ")", call));
      if (off == null) {
        off = new Away(target);
        away.put(model, off);
      }
      off.target = target;
    }
    off.calls++;
    off.primaryStreak = 0;
  }

  private void quietly(List<Draft> drafts, CallSummary call, String model, long nowMs, LiveEventKind kind,
      String target, String message) {
    Quiet state = quiet.computeIfAbsent(kind.name() + '\n' + model, key -> new Quiet());
    if (state.lastMs != Long.MIN_VALUE && nowMs - state.lastMs < QUIET_MS) {
      state.folded++;
      return;
    }
    String more = state.folded > 0 ? " (+" + state.folded + " more since the last line)" : "";
    state.lastMs = nowMs;
    state.folded = 0;
    drafts.add(new Draft(kind, model, target, message + more, call));
  }

  /** A new config may have removed models: forget their state. */
  void retain(Set<String> models) {
    away.keySet().retainAll(models);
    quiet.keySet().removeIf(key -> !models.contains(key.substring(key.indexOf('\n') + 1)));
  }
}
