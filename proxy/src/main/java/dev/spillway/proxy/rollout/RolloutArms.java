package dev.spillway.proxy.rollout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.config.rollout.ActiveRollout;
import dev.spillway.config.rollout.RolloutPhase;
import dev.spillway.proxy.config.ConfigSink;
import dev.spillway.proxy.eval.Arm;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.failover.ForwardingGate;
import dev.spillway.proxy.failover.TargetGate;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.quality.QualitySignal;
import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestFacts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollouts' seam in the request path, wrapped around the gate: where a plan is arranged, a
 * canary's candidate is put first for its share of calls and taken out of the others (and out of
 * all, once rolled back); where outcomes are recorded, both arms' statistics grow and the guards
 * are checked, so a breach takes the candidate out of the very next plan. In shadow, a share of the
 * served calls is mirrored to the candidate after the answer is served. Without active rollouts
 * every method is one map check and a delegation.
 */
public final class RolloutArms extends ForwardingGate implements ConfigSink {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutArms.class);

  private final Clock clock;
  private final DoubleSupplier random;
  private final QualitySignal drift;
  private final ShadowMirror mirror;
  private final RolloutTelemetry metrics;
  private final PendingShadows pending = new PendingShadows();
  private volatile Map<String, RolloutState> states = Map.of();

  /** @param random uniform in [0, 1): which calls the candidate gets, which are mirrored */
  public RolloutArms(TargetGate next, Clock clock, DoubleSupplier random, QualitySignal drift, ShadowMirror mirror,
      RolloutTelemetry metrics) {
    super(next);
    this.clock = clock;
    this.random = random;
    this.drift = drift;
    this.mirror = mirror;
    this.metrics = metrics;
  }

  /** Keeps the state of each rollout revision still in the config; a new revision starts afresh. */
  @Override
  public synchronized void accept(RouterConfig config) {
    Map<String, RolloutState> kept = new HashMap<>();
    for (ActiveRollout active : config.rollouts().values()) {
      RolloutState state = states.get(active.rollout().name());
      if (state != null && state.active().revision().equals(active.revision())) {
        state.update(active);
      } else {
        state = new RolloutState(active);
      }
      kept.put(active.rollout().name(), state);
    }
    states = Map.copyOf(kept);
  }

  /** Each active rollout's state on this replica, for the admin endpoint. */
  public List<RolloutReport> reports() {
    List<RolloutReport> reports = new ArrayList<>();
    states.values().forEach(state -> reports.add(RolloutReport.of(state)));
    return reports;
  }

  @Override
  public Plan arrange(Plan plan, RequestFacts facts, ObjectNode body) {
    Plan arranged = next.arrange(plan, facts, body);
    Map<String, RolloutState> now = states;
    if (now.isEmpty()) {
      return arranged;
    }
    for (RolloutState state : now.values()) {
      if (state.active().phase() == RolloutPhase.CANARY) {
        arranged = split(arranged, state);
      }
    }
    // After every split: the pending mirror is keyed by the very plan the call goes on with.
    for (RolloutState state : now.values()) {
      if (state.active().phase() == RolloutPhase.SHADOWING && state.rolledBack().isEmpty()
          && contains(arranged, state.incumbentId()) && random.getAsDouble() * 100 < state.active().percent()) {
        pending.put(arranged, new PendingShadows.Shadow(state, body));
      }
    }
    return arranged;
  }

  /** The candidate first for its share of calls, absent from the rest (and from all once rolled back). */
  private Plan split(Plan plan, RolloutState state) {
    String candidateId = state.candidateId();
    if (!contains(plan, candidateId)) {
      return plan;
    }
    boolean candidateArm = state.rolledBack().isEmpty() && random.getAsDouble() * 100 < state.active().percent();
    List<Candidate> order = new ArrayList<>();
    for (Candidate candidate : plan.candidates()) {
      if (candidate.id().equals(candidateId)) {
        if (candidateArm) {
          order.add(0, candidate);
        }
      } else {
        order.add(candidate);
      }
    }
    metrics.canaryCall(state.active().rollout().name(), candidateArm);
    return plan.onRolloutArm(order, new Plan.RolloutMark(state.active().rollout().name(),
        (candidateArm ? Arm.CANDIDATE : Arm.INCUMBENT).wireName()));
  }

  private static boolean contains(Plan plan, String targetId) {
    for (Candidate candidate : plan.candidates()) {
      if (candidate.id().equals(targetId)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void succeeded(Plan plan, TargetConfig target, long latencyNanos, Usage usage) {
    next.succeeded(plan, target, latencyNanos, usage);
    if (states.isEmpty()) {
      return;
    }
    record(target.id(), outcome -> outcome.succeeded(TimeUnit.NANOSECONDS.toMillis(latencyNanos)));
    pending.take(plan).filter(shadow -> shadow.state().tryStartShadow()).ifPresent(shadow -> mirror(plan, shadow));
  }

  @Override
  public void failed(Plan plan, TargetConfig target, long elapsedNanos, FailureClass failureClass,
      ProviderFailure failure) {
    next.failed(plan, target, elapsedNanos, failureClass, failure);
    // A failure the request causes says nothing about the model serving it.
    if (states.isEmpty() || failureClass == FailureClass.TERMINAL || failureClass == FailureClass.REJECTED
        || failureClass == FailureClass.CONTEXT_LENGTH) {
      return;
    }
    record(target.id(), outcome -> outcome.failed(failure.kind() == ProviderFailure.Kind.QUALITY));
  }

  private void record(String targetId, Consumer<ArmStats> outcome) {
    for (RolloutState state : states.values()) {
      boolean candidateArm = targetId.equals(state.candidateId());
      // In shadow the candidate never serves: its outcomes come from the mirror.
      if (candidateArm ? state.active().phase() == RolloutPhase.CANARY : targetId.equals(state.incumbentId())) {
        outcome.accept(state.arm(candidateArm));
        checkGuards(state);
      }
    }
  }

  private void mirror(Plan plan, PendingShadows.Shadow shadow) {
    RolloutState state = shadow.state();
    mirror.mirror(state, shadow.body(), plan.policy().qualityOrDefaults(), result -> {
      state.shadowDone(result.answer().costUsd());
      ArmStats candidate = state.arm(true);
      if (!result.answer().ok()) {
        candidate.failed(false);
      } else if (result.checkFailure().isPresent()) {
        candidate.failed(true);
      } else {
        candidate.succeeded(result.answer().latencyMs());
      }
      metrics.shadowCall(state.active().rollout().name(), state.candidateId(), result);
      checkGuards(state);
    });
  }

  private void checkGuards(RolloutState state) {
    if (state.rolledBack().isPresent()) {
      return;
    }
    Optional<String> breach = Guards.breach(state.guards(), state.arm(false).snapshot(), state.arm(true).snapshot(),
        drift.driftSigma(state.candidateId()));
    if (breach.isPresent() && state.rollBack(breach.get(), clock.instant())) {
      LOG.warn("rollout {} (revision {}): candidate {} rolled back: {}", state.active().rollout().name(),
          state.active().revision(), state.candidateId(), breach.get());
      metrics.rolledBack(state.active().rollout().name());
    }
  }
}
