package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.ModelRollout;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.rollout.NamespaceRollouts;
import dev.spillway.api.v1alpha1.ModelRolloutStatus;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.RoutingPolicy;
import dev.spillway.compiler.ResourceSet;
import dev.spillway.compiler.SecretCatalog;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Informers on what a Router's config is compiled from — LogicalModels, ProviderAccounts,
 * RoutingPolicies and the Secrets they reference — each mapped to the Routers serving that
 * namespace, so any relevant change reconciles them. Spec edits only (generation changes): the
 * operator's own status writes must not loop back. For Secrets only the set of keys matters to the
 * compiler; a rotated value reaches the proxies through the mounted files.
 */
public final class NamespaceWatch implements NamespaceSource {
  private InformerEventSource<LogicalModel, Router> models;
  private InformerEventSource<ProviderAccount, Router> accounts;
  private InformerEventSource<RoutingPolicy, Router> policies;
  private InformerEventSource<Secret, Router> secrets;
  private InformerEventSource<ModelRollout, Router> rollouts;
  private NamespaceRollouts rolloutStages;

  @Override
  public RouterConfig staged(String namespace, RouterConfig config) {
    return rolloutStages == null ? config : rolloutStages.staged(namespace, config);
  }

  @Override
  public List<EventSource<?, Router>> eventSources(EventSourceContext<Router> context) {
    rolloutStages = new NamespaceRollouts(context.getClient());
    accounts = new InformerEventSource<>(specChanges(ProviderAccount.class, context), context);
    models = new InformerEventSource<>(specChanges(LogicalModel.class, context), context);
    policies = new InformerEventSource<>(specChanges(RoutingPolicy.class, context), context);
    secrets = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Secret.class, Router.class)
            .withSecondaryToPrimaryMapper(secret -> referenced((Secret) secret)
                ? servingRouters(context, secret.getMetadata().getNamespace())
                : Set.of())
            .withOnUpdateFilter((now, before) -> !keys(now).equals(keys(before)))
            .build(),
        context);
    // A rollout's phase or canary step (its status) changes what is published, as does its spec.
    rollouts = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(ModelRollout.class, Router.class)
            .withSecondaryToPrimaryMapper(rollout -> servingRouters(context, rollout.getMetadata().getNamespace()))
            .withOnUpdateFilter((now, before) -> !Objects.equals(stage(now), stage(before)))
            .build(),
        context);
    return List.of(accounts, models, policies, secrets, rollouts);
  }

  private static List<Object> stage(ModelRollout rollout) {
    ModelRolloutStatus status = rollout.getStatus();
    return Arrays.asList(rollout.getMetadata().getGeneration(), status == null ? null : status.phase,
        status == null ? null : status.step);
  }

  private static <R extends HasMetadata> InformerEventSourceConfiguration<R> specChanges(
      Class<R> kind, EventSourceContext<Router> context) {
    SecondaryToPrimaryMapper<R> toRouters =
        resource -> servingRouters(context, resource.getMetadata().getNamespace());
    return InformerEventSourceConfiguration.from(kind, Router.class)
        .withSecondaryToPrimaryMapper(toRouters)
        .withOnUpdateFilter((now, before) ->
            !Objects.equals(now.getMetadata().getGeneration(), before.getMetadata().getGeneration()))
        .build();
  }

  private static Set<ResourceID> servingRouters(EventSourceContext<Router> context, String namespace) {
    return context.getPrimaryCache().list()
        .filter(router -> namespace.equals(NamespaceOwner.servedNamespace(router)))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private boolean referenced(Secret secret) {
    String namespace = secret.getMetadata().getNamespace();
    String name = secret.getMetadata().getName();
    return accounts.list(namespace).anyMatch(account -> account.getSpec() != null
        && account.getSpec().credentialsSecretRef != null
        && name.equals(account.getSpec().credentialsSecretRef.name));
  }

  private static Set<String> keys(Secret secret) {
    Set<String> keys = new HashSet<>();
    if (secret.getData() != null) {
      keys.addAll(secret.getData().keySet());
    }
    if (secret.getStringData() != null) {
      keys.addAll(secret.getStringData().keySet());
    }
    return keys;
  }

  /** What the compiler reads for one namespace, from the informers' caches. */
  @Override
  public ResourceSet resourceSet(String namespace) {
    Map<String, Set<String>> secretKeys = new HashMap<>();
    secrets.list(namespace).forEach(secret -> secretKeys.put(secret.getMetadata().getName(), keys(secret)));
    return new ResourceSet(namespace,
        accounts.list(namespace).toList(),
        models.list(namespace).toList(),
        policies.list(namespace).toList(),
        SecretCatalog.of(secretKeys));
  }
}
