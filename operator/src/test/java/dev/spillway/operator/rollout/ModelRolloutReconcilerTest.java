package dev.spillway.operator.rollout;

import dev.spillway.operator.SecretScope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.api.v1alpha1.ModelRollout;
import dev.spillway.api.v1alpha1.ModelRolloutStatus;
import dev.spillway.config.ConfigJson;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.rollout.RolloutPhase;
import dev.spillway.operator.testing.MockCluster;
import dev.spillway.operator.testing.RepoPaths;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ModelRollout controller's phases, reconcile by reconcile against the mock API server, with the
 * proxies' admin endpoints played by the test and the step durations on a clock the test moves.
 */
class ModelRolloutReconcilerTest {
  static final String NS = "team";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MockCluster cluster;
  private KubernetesClient client;
  private final MovableClock clock = new MovableClock();
  private final FakeAdmin admin = new FakeAdmin();
  private ModelRolloutReconciler reconciler;

  @BeforeEach
  void start() throws Exception {
    cluster = new MockCluster();
    client = cluster.client();
    cluster.namespace(NS);
    cluster.applyFolder(RepoPaths.samples().resolve("rollout"), NS);
    cluster.applyEvalSets(RepoPaths.samples().resolve("rollout"), NS);
    cluster.router(NS, "edge");
    client.resource(new PodBuilder().withNewMetadata().withName("edge-proxy-0").withNamespace(NS)
        .withLabels(dev.spillway.operator.dependents.ProxyNames.selector(client.resources(
            dev.spillway.api.v1alpha1.Router.class).inNamespace(NS).withName("edge").get()))
        .endMetadata().build()).create();
    Pod pod = client.pods().inNamespace(NS).withName("edge-proxy-0").get();
    pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").withPodIP("127.0.0.1").build());
    client.resource(pod).updateStatus();
    reconciler = new ModelRolloutReconciler(client, SecretScope.everyNamespace(), admin, clock);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aBetterCandidateIsPromotedStepByStep() throws Exception {
    create("support-better");
    admin.report = passing();

    reconcile("support-better");
    ModelRolloutStatus status = status("support-better");
    assertThat(status.phase).isEqualTo("Shadowing");
    assertThat(status.candidateScore).isEqualTo(1.0);
    assertThat(status.incumbentScore).isEqualTo(0.857);
    assertThat(status.tags).extracting(t -> t.tag).contains("units");
    assertThat(status.differences).singleElement().satisfies(d -> {
      assertThat(d.name).isEqualTo("parcel-weight");
      assertThat(d.lowerSide).isEqualTo("incumbent");
      assertThat(d.reason).isEqualTo("wrongAnswer");
    });
    assertThat(admin.evalRequests).singleElement().satisfies(request ->
        assertThat(request.path("rollout").path("candidate").path("id").asText()).isEqualTo("sim-better/support-v2"));
    assertThat(published("support-better").rollouts().get("support-better").phase()).isEqualTo(RolloutPhase.SHADOWING);

    reconcile("support-better");
    assertThat(status("support-better").phase).as("the shadow lasts 30s on the clock").isEqualTo("Shadowing");
    List<String> steps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofSeconds(30));
      reconcile("support-better");
      status = status("support-better");
      steps.add(status.phase + (status.step == null ? "" : " " + status.step + " " + status.trafficPercent));
      if (status.step != null) {
        assertThat(published("support-better").rollouts().get("support-better").percent()).isEqualTo(status.trafficPercent);
      }
    }
    assertThat(steps).containsExactly("Canary 1 5.0", "Canary 2 25.0", "Canary 3 100.0", "Promoted");
    assertThat(condition("support-better", "Ready")).isEqualTo("True");
    RouterConfig promoted = published("support-better");
    assertThat(promoted.models().get("support").targets()).extracting(t -> t.id()).containsExactly("sim-better/support-v2");
    assertThat(events()).contains("Evaluating", "GatePassed", "Shadowing", "Canary", "Promoted");
    assertThat(admin.evalRequests).as("the eval runs once per revision").hasSize(1);
    var evalSet = client.resources(dev.spillway.api.v1alpha1.EvalSet.class).inNamespace(NS).withName("support-evals").get();
    assertThat(evalSet.getStatus().cases).isEqualTo(6);
    assertThat(evalSet.getStatus().conditions.get(0).getStatus()).isEqualTo("True");
  }

  @Test
  void aWorseCandidateIsRejectedWithPerCaseReasons() throws Exception {
    create("support-worse");
    admin.report = report("support-worse");

    reconcile("support-worse");

    ModelRolloutStatus status = status("support-worse");
    assertThat(status.phase).isEqualTo("Rejected");
    assertThat(status.reason).isEqualTo("candidate scores 0.371, below the incumbent's 0.857 minus tolerance 0.000");
    assertThat(status.differences).extracting(d -> d.name + ":" + d.reason + ":" + d.lowerSide).containsExactly(
        "capital:wrongAnswer:candidate", "order-json:codeFence:candidate", "refund-policy:refusal:candidate",
        "motto:escaping:candidate", "parcel-weight:wrongAnswer:incumbent");
    assertThat(condition("support-worse", "Ready")).isEqualTo("False");
    assertThat(events()).contains("Rejected");
    assertThat(published("support-worse").models().get("support").targets()).extracting(t -> t.id())
        .containsExactly("sim-current/support-v1");
  }

  @Test
  void aReplicasRollbackEndsTheCanaryAndTheCandidateLeavesTheConfig() throws Exception {
    create("support-degrading");
    admin.report = passing();
    reconcile("support-degrading");
    assertThat(status("support-degrading").phase).isEqualTo("Canary");
    assertThat(published("support-degrading").models().get("support").targets()).extracting(t -> t.id())
        .contains("sim-degrading/support-v3");

    ModelRollout rollout = client.resources(ModelRollout.class).inNamespace(NS).withName("support-degrading").get();
    admin.rollouts = List.of(JSON.createObjectNode().put("name", "support-degrading")
        .put("revision", rollout.getMetadata().getUid() + "/" + rollout.getMetadata().getGeneration())
        .put("rolledBackReason", "error rate 100.0% vs incumbent 0.0% (max +5.0%)"));
    reconcile("support-degrading");

    ModelRolloutStatus status = status("support-degrading");
    assertThat(status.phase).isEqualTo("RolledBack");
    assertThat(status.reason).isEqualTo("rolled back by the proxies in Canary step 1: error rate 100.0% vs incumbent 0.0% (max +5.0%)");
    assertThat(events()).contains("RolledBack");
    assertThat(published("support-degrading").models().get("support").targets()).extracting(t -> t.id())
        .containsExactly("sim-current/support-v1");
    assertThat(published("support-degrading").rollouts()).isEmpty();
  }

  @Test
  void aBadRolloutIsNotAcceptedAndNamesTheField() {
    cluster.applyRollout(RepoPaths.samples().resolve("rollout"), "support-better", NS,
        rollout -> rollout.getSpec().replaces = "sim-current/nothing");

    reconcile("support-better");

    assertThat(condition("support-better", "Accepted")).isEqualTo("False");
    ModelRollout read = client.resources(ModelRollout.class).inNamespace(NS).withName("support-better").get();
    assertThat(read.getStatus().conditions.get(0).getMessage())
        .startsWith("ModelRollout/support-better spec.replaces: \"sim-current/nothing\" is not a target");
    assertThat(admin.evalRequests).isEmpty();
  }

  private JsonNode passing() throws Exception {
    return report("support-better");
  }

  /** A report in the shape the proxy's POST /v1/spillway/evals answers (see the proxy's EvalHandlerTest). */
  private static JsonNode report(String name) throws Exception {
    try (var in = ModelRolloutReconcilerTest.class.getResourceAsStream("/rollout/" + name + "-report.json")) {
      return JSON.readTree(in);
    }
  }

  private void create(String name) {
    cluster.applyRollout(RepoPaths.samples().resolve("rollout"), name, NS, rollout -> {});
  }

  private void reconcile(String name) {
    reconciler.reconcile(client.resources(ModelRollout.class).inNamespace(NS).withName(name).get(), null);
  }

  private ModelRolloutStatus status(String name) {
    return client.resources(ModelRollout.class).inNamespace(NS).withName(name).get().getStatus();
  }

  private String condition(String name, String type) {
    return status(name).conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow().getStatus();
  }

  /** What the Router controller would publish now. */
  private RouterConfig published(String name) {
    NamespaceRollouts rollouts = new NamespaceRollouts(client, SecretScope.everyNamespace());
    RouterConfig base = rollouts.compile(NS).router().config();
    return ConfigJson.read(ConfigJson.write(rollouts.staged(NS, base)));
  }

  private List<String> events() {
    return client.v1().events().inNamespace(NS).list().getItems().stream().map(Event::getReason).toList();
  }

  /** The proxies' admin side, played by the test. */
  static final class FakeAdmin implements ProxyAdmin {
    volatile JsonNode report;
    volatile List<JsonNode> rollouts = List.of();
    final List<JsonNode> evalRequests = new ArrayList<>();

    @Override
    public EvalOutcome runEval(Pod replica, JsonNode request) {
      evalRequests.add(request);
      return new EvalOutcome(report, report == null ? "no report" : null);
    }

    @Override
    public List<JsonNode> rollouts(List<Pod> replicas) {
      return rollouts;
    }
  }

  /** A clock the test moves: canary steps pass without waiting. */
  static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    void advance(Duration by) {
      now.updateAndGet(instant -> instant.plus(by));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
