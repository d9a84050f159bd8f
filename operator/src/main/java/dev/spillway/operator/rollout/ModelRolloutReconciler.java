package dev.spillway.operator.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.api.v1alpha1.EvalSet;
import dev.spillway.api.v1alpha1.EvalSetStatus;
import dev.spillway.api.v1alpha1.ModelRollout;
import dev.spillway.api.v1alpha1.ModelRolloutStatus;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.compiler.Problem;
import dev.spillway.config.ConfigJson;
import dev.spillway.config.rollout.EvalSetConfig;
import dev.spillway.config.rollout.RolloutConfig;
import dev.spillway.config.rollout.RolloutPhase;
import dev.spillway.operator.dependents.ProxyNames;
import dev.spillway.operator.status.Conditions;
import dev.spillway.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import dev.spillway.operator.SecretScope;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drives a ModelRollout: Evaluating (one proxy replica runs the EvalSet on both sides) → Rejected,
 * or Shadowing → Canary step by step → Promoted; at any point in shadow or canary a replica's
 * rollback (decided by its guards, at once) becomes RolledBack here. Step durations run on the
 * injected clock; the reconcile is rescheduled to poll the replicas meanwhile. A spec edit is a new
 * attempt from Evaluating, under a new revision.
 */
@ControllerConfiguration(name = "modelrollout")
public final class ModelRolloutReconciler implements Reconciler<ModelRollout> {
  static final Duration POLL = Duration.ofSeconds(2);
  static final Duration RETRY = Duration.ofSeconds(15);
  static final String READY_REASON_NO_PROXY = "NoProxy";
  static final String READY_REASON_EVAL_FAILED = "EvalFailed";

  private final KubernetesClient client;
  private final NamespaceRollouts namespaces;
  private final ProxyAdmin admin;
  private final StatusWriter statusWriter;
  private final EventRecorder events;
  private final Clock clock;

  public ModelRolloutReconciler(KubernetesClient client, SecretScope secretScope, ProxyAdmin admin, Clock clock) {
    this.client = client;
    this.namespaces = new NamespaceRollouts(client, secretScope);
    this.admin = admin;
    this.statusWriter = new StatusWriter(client, clock);
    this.events = new EventRecorder(client, clock);
    this.clock = clock;
  }

  @Override
  public UpdateControl<ModelRollout> reconcile(ModelRollout rollout, Context<ModelRollout> context) {
    String namespace = rollout.getMetadata().getNamespace();
    ModelRolloutStatus previous = rollout.getStatus();
    boolean fresh = previous == null || previous.observedGeneration == null
        || !previous.observedGeneration.equals(rollout.getMetadata().getGeneration());
    ModelRolloutStatus status = fresh ? new ModelRolloutStatus()
        : Serialization.jsonMapper().convertValue(previous, ModelRolloutStatus.class);
    NamespaceRollouts.Compiled compiled = namespaces.compile(namespace);
    if (rollout.getSpec() != null) {
      reportEvalSet(namespace, rollout.getSpec().evalSet, compiled);
    }
    Optional<RolloutConfig> config = compiled.rollouts() == null ? Optional.empty()
        : compiled.rollouts().rollout(rollout.getMetadata().getName());
    if (config.isEmpty()) {
      return invalid(rollout, status, compiled);
    }
    if (fresh || status.phase == null) {
      status.phase = RolloutPhase.EVALUATING.wireName();
      status.phaseStartedAt = clock.instant().toString();
      events.normal(rollout, "Evaluating", "Running EvalSet " + config.get().evalSet() + " on incumbent "
          + config.get().incumbent() + " and candidate " + config.get().candidate().id());
    }
    List<Condition> conditions = new ArrayList<>();
    conditions.add(Conditions.of(Conditions.ACCEPTED, true, Conditions.Reason.VALID, "", rollout.getMetadata().getGeneration()));
    Duration next = step(rollout, status, config.get(), compiled, conditions);
    RolloutPhase phase = RolloutPhase.of(status.phase).orElseThrow();
    if (Conditions.find(conditions, Conditions.READY) == null) {
      conditions.add(Conditions.of(Conditions.READY, phase == RolloutPhase.PROMOTED,
          phase.wireName(), message(status, phase), rollout.getMetadata().getGeneration()));
    }
    status.conditions = conditions;
    statusWriter.write(rollout, status);
    return next == null ? UpdateControl.noUpdate() : UpdateControl.<ModelRollout>noUpdate().rescheduleAfter(next);
  }

  /** Runs the phase in force; the delay until the next look, or null when nothing more happens. */
  private Duration step(ModelRollout rollout, ModelRolloutStatus status, RolloutConfig config,
      NamespaceRollouts.Compiled compiled, List<Condition> conditions) {
    RolloutPhase phase = RolloutPhase.of(status.phase).orElseThrow();
    if (phase.finished()) {
      return null;
    }
    List<Pod> replicas = replicas(rollout.getMetadata().getNamespace());
    if (replicas.isEmpty()) {
      conditions.add(Conditions.of(Conditions.READY, false, READY_REASON_NO_PROXY, "no running proxy replica serves"
          + " namespace " + rollout.getMetadata().getNamespace() + ": evals and guards run on the proxies",
          rollout.getMetadata().getGeneration()));
      return RETRY;
    }
    if (phase == RolloutPhase.EVALUATING) {
      return evaluate(rollout, status, config, compiled, replicas.get(0), conditions);
    }
    String revision = NamespaceRollouts.revision(rollout.getMetadata().getUid(), rollout.getMetadata().getGeneration());
    for (JsonNode report : admin.rollouts(replicas)) {
      if (config.name().equals(report.path("name").asText()) && revision.equals(report.path("revision").asText())
          && report.path("rolledBackReason").isTextual()) {
        status.reason = "rolled back by the proxies in " + phase.wireName()
            + (status.step == null ? "" : " step " + status.step) + ": " + report.path("rolledBackReason").asText();
        enter(rollout, status, RolloutPhase.ROLLED_BACK, null);
        events.warning(rollout, "RolledBack", status.reason);
        return null;
      }
    }
    long durationMs = phase == RolloutPhase.SHADOWING ? config.shadow().durationMs()
        : config.canary().steps().get(status.step - 1).durationMs();
    long remainingMs = durationMs - Duration.between(Instant.parse(status.phaseStartedAt), clock.instant()).toMillis();
    if (remainingMs > 0) {
      return remainingMs < POLL.toMillis() ? Duration.ofMillis(remainingMs) : POLL;
    }
    advance(rollout, status, config);
    return RolloutPhase.of(status.phase).orElseThrow().finished() ? null : POLL;
  }

  private Duration evaluate(ModelRollout rollout, ModelRolloutStatus status, RolloutConfig config,
      NamespaceRollouts.Compiled compiled, Pod replica, List<Condition> conditions) {
    ObjectNode request = ConfigJson.mapper().createObjectNode();
    request.set("rollout", ConfigJson.mapper().valueToTree(config));
    request.set("evalSet", ConfigJson.mapper().valueToTree(compiled.rollouts().evalSets().get(config.evalSet())));
    ProxyAdmin.EvalOutcome outcome = admin.runEval(replica, request);
    if (outcome.report() == null) {
      conditions.add(Conditions.of(Conditions.READY, false, READY_REASON_EVAL_FAILED, outcome.failure(),
          rollout.getMetadata().getGeneration()));
      events.warning(rollout, READY_REASON_EVAL_FAILED, outcome.failure());
      return RETRY;
    }
    RolloutStatusBuilder.scores(status, outcome.report());
    if (!RolloutStatusBuilder.passed(outcome.report())) {
      status.reason = RolloutStatusBuilder.verdict(outcome.report());
      enter(rollout, status, RolloutPhase.REJECTED, null);
      events.warning(rollout, "Rejected", "Gate failed: " + status.reason + differences(status));
      return null;
    }
    events.normal(rollout, "GatePassed", "Candidate scores " + status.candidateScore + ", incumbent "
        + status.incumbentScore);
    advance(rollout, status, config);
    return RolloutPhase.of(status.phase).orElseThrow().finished() ? null : POLL;
  }

  /** The next phase: shadow, the canary's next step, or promotion. */
  private void advance(ModelRollout rollout, ModelRolloutStatus status, RolloutConfig config) {
    RolloutPhase phase = RolloutPhase.of(status.phase).orElseThrow();
    if (phase == RolloutPhase.EVALUATING && config.shadow() != null) {
      enter(rollout, status, RolloutPhase.SHADOWING, null);
    } else if (config.canary() != null && phase != RolloutPhase.CANARY) {
      enter(rollout, status, RolloutPhase.CANARY, 1);
    } else if (phase == RolloutPhase.CANARY && status.step < config.canary().steps().size()) {
      enter(rollout, status, RolloutPhase.CANARY, status.step + 1);
    } else {
      enter(rollout, status, RolloutPhase.PROMOTED, null);
    }
    RolloutPhase now = RolloutPhase.of(status.phase).orElseThrow();
    if (now == RolloutPhase.CANARY) {
      status.trafficPercent = config.canary().steps().get(status.step - 1).percent();
    }
    events.normal(rollout, now.wireName(), message(status, now));
  }

  private void enter(ModelRollout rollout, ModelRolloutStatus status, RolloutPhase phase, Integer step) {
    status.phase = phase.wireName();
    status.step = step;
    status.phaseStartedAt = clock.instant().toString();
    // Set for each canary step by advance(); 100 once promoted; none otherwise.
    status.trafficPercent = phase == RolloutPhase.PROMOTED ? Double.valueOf(100) : null;
  }

  private static String message(ModelRolloutStatus status, RolloutPhase phase) {
    return switch (phase) {
      case EVALUATING -> "running the EvalSet on both sides";
      case SHADOWING -> "mirroring live calls to the candidate";
      case CANARY -> "step " + status.step + ": the candidate serves " + status.trafficPercent + " % of calls";
      case PROMOTED -> "the candidate serves the model";
      case REJECTED, ROLLED_BACK -> status.reason;
    };
  }

  private static String differences(ModelRolloutStatus status) {
    if (status.differences == null || status.differences.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("; differing cases:");
    status.differences.stream().limit(5).forEach(d -> text.append(' ').append(d.name).append(" (")
        .append(d.reason).append(", ").append(d.lowerSide).append(')'));
    return text.toString();
  }

  private UpdateControl<ModelRollout> invalid(ModelRollout rollout, ModelRolloutStatus status,
      NamespaceRollouts.Compiled compiled) {
    List<Problem> problems = compiled.rollouts() == null ? compiled.router().problems()
        : compiled.rollouts().problemsOf("ModelRollout", rollout.getMetadata().getName());
    String message = problems.isEmpty() ? "does not compile" : problems.get(0).toString();
    Condition before = rollout.getStatus() == null ? null
        : Conditions.find(rollout.getStatus().conditions, Conditions.ACCEPTED);
    if (before == null || !message.equals(before.getMessage())) {
      events.warning(rollout, Conditions.Reason.INVALID, message);
    }
    status.conditions = List.of(Conditions.of(Conditions.ACCEPTED, false, Conditions.Reason.INVALID, message,
        rollout.getMetadata().getGeneration()));
    statusWriter.write(rollout, status);
    // The namespace's own problems may be fixed without touching this rollout: look again later.
    return compiled.rollouts() == null ? UpdateControl.<ModelRollout>noUpdate().rescheduleAfter(RETRY)
        : UpdateControl.noUpdate();
  }

  /** The status of the EvalSet a rollout uses: whether it compiles (naming the field) and its case count. */
  private void reportEvalSet(String namespace, String name, NamespaceRollouts.Compiled compiled) {
    EvalSet set = name == null || compiled.rollouts() == null ? null
        : client.resources(EvalSet.class).inNamespace(namespace).withName(name).get();
    if (set == null) {
      return;
    }
    List<Problem> problems = compiled.rollouts().problemsOf("EvalSet", name);
    EvalSetConfig compiledSet = compiled.rollouts().evalSets().get(name);
    EvalSetStatus status = new EvalSetStatus();
    status.cases = compiledSet == null ? null : compiledSet.cases().size();
    status.conditions = List.of(problems.isEmpty()
        ? Conditions.of(Conditions.ACCEPTED, true, Conditions.Reason.VALID, "", set.getMetadata().getGeneration())
        : Conditions.of(Conditions.ACCEPTED, false, Conditions.Reason.INVALID, problems.get(0).toString(),
            set.getMetadata().getGeneration()));
    statusWriter.write(set, status);
  }

  /** Running proxy pods of the Routers serving this namespace. */
  private List<Pod> replicas(String namespace) {
    List<Pod> pods = new ArrayList<>();
    for (Router router : client.resources(Router.class).inAnyNamespace().list().getItems()) {
      String served = router.getSpec() == null || router.getSpec().watchNamespace == null
          || router.getSpec().watchNamespace.isBlank() ? router.getMetadata().getNamespace() : router.getSpec().watchNamespace;
      if (!served.equals(namespace)) {
        continue;
      }
      client.pods().inNamespace(router.getMetadata().getNamespace()).withLabels(ProxyNames.selector(router)).list()
          .getItems().stream()
          .filter(pod -> pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
              && pod.getStatus().getPodIP() != null)
          .forEach(pods::add);
    }
    return pods;
  }
}
