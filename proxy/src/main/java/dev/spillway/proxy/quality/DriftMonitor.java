package dev.spillway.proxy.quality;

import dev.spillway.config.QualityConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.providers.ProviderFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift detection for every target, and the {@link QualitySignal} routing reads. Each judged answer
 * goes to its target's {@link DriftDetector} (checks failing more often than they used to) and, when
 * it is prose, its form to the target's {@link FormDrift} (answers that pass every check but no
 * longer read like the target's answers); a raised alarm demotes the target (through the signal)
 * and counts as a failure toward its breaker (through {@link #onDriftChange}, which the
 * {@link QualityGuard} connects to the target gate). Keyed by target id,
 * so what was learned survives config reloads.
 *
 * <p>A target's verdicts are applied one at a time and no thread waits for another to apply them
 * ({@link Watched}); reads take no lock (each target publishes an immutable {@link DriftState}).
 */
public final class DriftMonitor implements QualitySignal {
  private static final Logger LOG = LoggerFactory.getLogger(DriftMonitor.class);

  private final List<QualityEvents> listeners = new CopyOnWriteArrayList<>();
  private final List<BiConsumer<TargetConfig, DriftState>> alarms = new CopyOnWriteArrayList<>();
  private final Map<String, Watched> targets = new ConcurrentHashMap<>();

  /** Told when a target's alarm is raised or cleared: how drift counts toward its breaker. */
  public void onDriftChange(BiConsumer<TargetConfig, DriftState> alarm) {
    alarms.add(alarm);
  }

  /** Reports check failures and drift changes to this listener too (metrics, tests). */
  public void subscribe(QualityEvents listener) {
    listeners.add(listener);
  }

  /** One judged answer of the target: passed, or the reason it failed. */
  public void record(TargetConfig target, Optional<String> failure, int minSamples) {
    record(target, failure, null, minSamples);
  }

  /** One judged answer of the target, with its form when it is prose (null otherwise). */
  void record(TargetConfig target, Optional<String> failure, AnswerForm form, int minSamples) {
    failure.ifPresent(reason -> listeners.forEach(l -> l.checkFailed(target.id(), reason)));
    learn(target, failure, form, minSamples, true);
  }

  /**
   * A probe's verdict: it informs drift detection like an answer (so a demoted target that gets no
   * traffic can recover) but is not user traffic, so listeners hear only of drift changes, and its
   * form never teaches the target's baseline (golden prompts are not what users ask).
   */
  public void recordProbe(TargetConfig target, Optional<String> failure, AnswerForm form, int minSamples) {
    learn(target, failure, form, minSamples, false);
  }

  private void learn(
      TargetConfig target, Optional<String> failure, AnswerForm form, int minSamples, boolean userTraffic) {
    Watched watched = targets.computeIfAbsent(target.id(), id -> new Watched());
    for (DriftState changed : watched.record(new Verdict(failure, form, minSamples, userTraffic))) {
      listeners.forEach(l -> l.driftChanged(target.id(), changed));
      alarms.forEach(alarm -> alarm.accept(target, changed));
      if (changed.drifting()) {
        LOG.warn("{} demoted: {}", target.id(), changed.reason());
      } else {
        LOG.info("{} no longer demoted: {}", target.id(), changed.reason());
      }
    }
  }

  /**
   * A judged answer: recorded for drift when the policy watches it, and turned into the failure
   * that reroutes the call when it failed a check.
   */
  public Optional<ProviderFailure> judged(TargetConfig target, Optional<CheckFailure> failure, QualityConfig quality) {
    return judged(target, failure, null, quality);
  }

  /** A judged chat answer, with its form when it is prose (null otherwise). */
  Optional<ProviderFailure> judged(
      TargetConfig target, Optional<CheckFailure> failure, AnswerForm form, QualityConfig quality) {
    if (failure.isPresent() && failure.get().requestCaused()) {
      // The request's own constraints failed it: no verdict on the target, for drift or anything else.
      listeners.forEach(l -> l.checkFailed(target.id(), failure.get().reason()));
    } else if (quality.driftEnabled()) {
      record(target, failure.map(CheckFailure::reason), form, quality.driftMinSamples());
    } else {
      failure.ifPresent(f -> listeners.forEach(l -> l.checkFailed(target.id(), f.reason())));
    }
    return failure.map(f -> ProviderFailure.quality(f.reason(), f.requestCaused()));
  }

  @Override
  public double score(String targetId) {
    Watched watched = targets.get(targetId);
    return watched == null ? 1.0 : watched.state.score();
  }

  @Override
  public double driftSigma(String targetId) {
    Watched watched = targets.get(targetId);
    return watched == null ? 0.0 : watched.state.sigma();
  }

  @Override
  public boolean drifting(String targetId) {
    Watched watched = targets.get(targetId);
    return watched != null && watched.state.drifting();
  }

  /** Every watched target's state, by target id: for status and the operator. */
  public Map<String, DriftState> states() {
    Map<String, DriftState> states = new TreeMap<>();
    targets.forEach((id, watched) -> states.put(id, watched.state));
    return states;
  }

  /** One answer's (or probe's) verdict, as {@link Watched} applies it. */
  private record Verdict(Optional<String> failure, AnswerForm form, int minSamples, boolean learn) {}

  /**
   * One target's detectors. Both IO threads judge the target's answers, so its verdicts arrive
   * concurrently; they are applied one at a time, but no thread ever waits for another: a thread
   * that finds them being applied leaves its verdict in {@link #pending} for the applying thread,
   * which takes every verdict queued before it lets go. Why not a lock each thread waits on: on two
   * cores an IO thread preempted while it held it stalled the other IO thread, and every connection
   * that thread serves, for a scheduler slice (a lock the answers of every call of the target take;
   * docs/benchmarks.md, "The tail at 75 % of saturation").
   */
  private static final class Watched {
    private final DriftDetector detector = new DriftDetector();
    private final FormDrift form = new FormDrift();
    private final ConcurrentLinkedQueue<Verdict> pending = new ConcurrentLinkedQueue<>();
    private final ReentrantLock applying = new ReentrantLock();
    /** Written only while {@link #applying} is held, as are the detectors. */
    private String lastFailure;
    private volatile DriftState state = DriftState.NONE;

    /**
     * Applies the verdict, now or — when another thread is applying verdicts — by that thread
     * before it returns.
     *
     * @return the states in which this call found the target's demotion changed (usually none):
     *     its own verdict's, and those of others' it applied
     */
    List<DriftState> record(Verdict verdict) {
      List<DriftState> changes = List.of();
      // Applied at once when no other thread is applying: the queue (a node made, and its tail and
      // head each moved by both IO threads) only for a verdict that would otherwise wait.
      if (applying.tryLock()) {
        try {
          changes = applied(verdict, changes);
        } finally {
          applying.unlock();
        }
      } else {
        pending.add(verdict);
      }
      // Whatever others queued meanwhile, checked again after letting go so none is left behind.
      while (!pending.isEmpty() && applying.tryLock()) {
        try {
          changes = drain(changes);
        } finally {
          applying.unlock();
        }
      }
      return changes;
    }

    /** Applies every verdict queued so far; {@link #applying} held. */
    private List<DriftState> drain(List<DriftState> changes) {
      for (Verdict next = pending.poll(); next != null; next = pending.poll()) {
        changes = applied(next, changes);
      }
      return changes;
    }

    /** Applies one verdict; {@link #applying} held. @return {@code changes}, with its change if it made one */
    private List<DriftState> applied(Verdict verdict, List<DriftState> changes) {
      DriftState changed = apply(verdict);
      if (changed == null) {
        return changes;
      }
      List<DriftState> more = changes.isEmpty() ? new ArrayList<>(1) : changes;
      more.add(changed);
      return more;
    }

    /** The new state when either alarm changed, else null. */
    private DriftState apply(Verdict verdict) {
      verdict.failure().ifPresent(reason -> lastFailure = reason);
      boolean wasDrifting = state.drifting();
      detector.record(verdict.failure().isEmpty(), verdict.minSamples());
      if (verdict.form() != null) {
        form.record(verdict.form(), verdict.minSamples(), verdict.learn());
      }
      FormStatistic worst = form.worst();
      state =
          new DriftState(
              detector.alarmed(), detector.sigma(), detector.score(), detector.baseline(),
              detector.recentFailureRate(), detector.seen(), lastFailure,
              form.alarmed(), form.sigma(), worst == null ? null : worst.label());
      // Callers hear of a change in whether the target is demoted, not of one alarm taking over
      // from the other while it stays demoted.
      return state.drifting() != wasDrifting ? state : null;
    }
  }
}
