package dev.spillway.operator.rollout;

import dev.spillway.api.v1alpha1.EvalSet;
import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.ModelRollout;
import dev.spillway.api.v1alpha1.ModelRolloutStatus;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.RoutingPolicy;
import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.ConfigCompiler;
import dev.spillway.compiler.ResourceSet;
import dev.spillway.compiler.RolloutCompileResult;
import dev.spillway.compiler.RolloutCompiler;
import dev.spillway.compiler.RolloutResources;
import dev.spillway.compiler.RolloutStages;
import dev.spillway.compiler.SecretCatalog;
import dev.spillway.operator.SecretContents;
import dev.spillway.operator.SecretScope;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.rollout.RolloutPhase;
import dev.spillway.config.rollout.RolloutStage;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One namespace's rollouts, compiled with the shared compilers against the namespace's router config. */
public final class NamespaceRollouts {
  private final KubernetesClient client;
  private final SecretScope secretScope;

  public NamespaceRollouts(KubernetesClient client, SecretScope secretScope) {
    this.client = client;
    this.secretScope = secretScope;
  }

  /** The router config (or its problems) and the rollouts compiled against it (null when it does not compile). */
  public record Compiled(CompileResult router, RolloutCompileResult rollouts, List<ModelRollout> resources) {}

  public Compiled compile(String namespace) {
    Map<String, Set<String>> secretKeys = new HashMap<>();
    for (Secret secret : secretScope.list(client, namespace)) {
      secretKeys.put(secret.getMetadata().getName(), SecretContents.keys(secret));
    }
    CompileResult router = new ConfigCompiler().compile(new ResourceSet(namespace, list(ProviderAccount.class, namespace),
        list(LogicalModel.class, namespace), list(RoutingPolicy.class, namespace), SecretCatalog.of(secretKeys).explaining(secretScope.absenceHint(namespace))));
    List<ModelRollout> rollouts = list(ModelRollout.class, namespace);
    if (!router.ok()) {
      return new Compiled(router, null, rollouts);
    }
    Map<String, Map<String, String>> configMaps = new HashMap<>();
    for (ConfigMap configMap : client.configMaps().inNamespace(namespace).list().getItems()) {
      configMaps.put(configMap.getMetadata().getName(), configMap.getData() == null ? Map.of() : configMap.getData());
    }
    RolloutCompileResult compiled = new RolloutCompiler().compile(
        new RolloutResources(list(EvalSet.class, namespace), rollouts, configMaps), router.config());
    return new Compiled(router, compiled, rollouts);
  }

  /**
   * The Router controller's hook: the namespace's config with each rollout's current stage applied
   * (a canary's candidate among the targets, a shadow listed, a promotion for good).
   */
  public RouterConfig staged(String namespace, RouterConfig config) {
    List<ModelRollout> rollouts = list(ModelRollout.class, namespace);
    if (rollouts.isEmpty()) {
      return config;
    }
    Map<String, Map<String, String>> configMaps = new HashMap<>();
    client.configMaps().inNamespace(namespace).list().getItems().forEach(configMap ->
        configMaps.put(configMap.getMetadata().getName(), configMap.getData() == null ? Map.of() : configMap.getData()));
    RolloutCompileResult compiled = new RolloutCompiler().compile(
        new RolloutResources(list(EvalSet.class, namespace), rollouts, configMaps), config);
    return RolloutStages.apply(config, compiled.rollouts(), stages(rollouts));
  }

  /** Each rollout's stage as its status records it; rollouts without a phase yet have none. */
  static Map<String, RolloutStage> stages(List<ModelRollout> rollouts) {
    Map<String, RolloutStage> stages = new HashMap<>();
    for (ModelRollout rollout : rollouts) {
      ModelRolloutStatus status = rollout.getStatus();
      if (status == null || status.observedGeneration == null) {
        continue;
      }
      RolloutPhase.of(status.phase).ifPresent(phase -> stages.put(rollout.getMetadata().getName(), new RolloutStage(
          phase, status.step == null ? 0 : status.step - 1, revision(rollout.getMetadata().getUid(), status.observedGeneration))));
    }
    return stages;
  }

  /** Names one attempt at a rollout: a spec edit is a new attempt, and a new revision for the proxies. */
  static String revision(String uid, Long generation) {
    return uid + "/" + generation;
  }

  private <R extends HasMetadata> List<R> list(Class<R> kind, String namespace) {
    return client.resources(kind).inNamespace(namespace).list().getItems();
  }
}
