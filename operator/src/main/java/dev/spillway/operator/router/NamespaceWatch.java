package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.Consumer;
import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.ModelRollout;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.SecretContents;
import dev.spillway.operator.SecretScope;
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
 * RoutingPolicies, Consumers and the Secrets they reference — each mapped to the Routers serving
 * that namespace, so any relevant change reconciles them. Spec edits only (generation changes): the
 * operator's own status writes must not loop back. For an account's Secret only the set of keys
 * matters to the compiler (a rotated credential reaches the proxies through the mounted files); a
 * Consumer's key is digested into the config, so its Secret's values are read, and a rotated one
 * republishes the config. Secrets are watched only where {@link SecretScope} allows: labelled, in
 * the granted namespaces.
 */
public final class NamespaceWatch implements NamespaceSource {
  private final SecretScope secretScope;
  private InformerEventSource<LogicalModel, Router> models;
  private InformerEventSource<ProviderAccount, Router> accounts;
  private InformerEventSource<RoutingPolicy, Router> policies;
  private InformerEventSource<Consumer, Router> consumers;
  private InformerEventSource<Secret, Router> secrets;
  private InformerEventSource<ModelRollout, Router> rollouts;
  private NamespaceRollouts rolloutStages;

  public NamespaceWatch(SecretScope secretScope) {
    this.secretScope = secretScope;
  }

  @Override
  public RouterConfig staged(String namespace, RouterConfig config) {
    return rolloutStages == null ? config : rolloutStages.staged(namespace, config);
  }

  @Override
  public List<EventSource<?, Router>> eventSources(EventSourceContext<Router> context) {
    rolloutStages = new NamespaceRollouts(context.getClient(), secretScope);
    accounts = new InformerEventSource<>(specChanges(ProviderAccount.class, context), context);
    models = new InformerEventSource<>(specChanges(LogicalModel.class, context), context);
    policies = new InformerEventSource<>(specChanges(RoutingPolicy.class, context), context);
    consumers = new InformerEventSource<>(specChanges(Consumer.class, context), context);
    InformerEventSourceConfiguration.Builder<Secret> secretInformer =
        InformerEventSourceConfiguration.from(Secret.class, Router.class).withLabelSelector(SecretScope.SELECTOR);
    if (!secretScope.namespaces().isEmpty()) {
      secretInformer.withNamespaces(secretScope.namespaces());
    }
    secrets = new InformerEventSource<>(
        secretInformer
            .withSecondaryToPrimaryMapper(secret -> referenced((Secret) secret)
                ? servingRouters(context, secret.getMetadata().getNamespace())
                : Set.of())
            .withOnUpdateFilter((now, before) -> !SecretContents.keys(now).equals(SecretContents.keys(before))
                || clientKeys(now) && !SecretContents.values(now).equals(SecretContents.values(before)))
            .build(),
        context);
    // A rollout's phase or canary step (its status) changes what is published, as does its spec.
    rollouts = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(ModelRollout.class, Router.class)
            .withSecondaryToPrimaryMapper(rollout -> servingRouters(context, rollout.getMetadata().getNamespace()))
            .withOnUpdateFilter((now, before) -> !Objects.equals(stage(now), stage(before)))
            .build(),
        context);
    return List.of(accounts, models, policies, consumers, secrets, rollouts);
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
    return clientKeys(secret) || accounts.list(namespace).anyMatch(account -> account.getSpec() != null
        && account.getSpec().credentialsSecretRef != null
        && name.equals(account.getSpec().credentialsSecretRef.name));
  }

  /** Whether a Consumer of the Secret's namespace takes keys from it. */
  private boolean clientKeys(Secret secret) {
    return consumerSecrets(secret.getMetadata().getNamespace()).contains(secret.getMetadata().getName());
  }

  private Set<String> consumerSecrets(String namespace) {
    Set<String> names = new HashSet<>();
    consumers.list(namespace).forEach(consumer -> {
      if (consumer.getSpec() != null && consumer.getSpec().keys != null) {
        consumer.getSpec().keys.stream()
            .filter(key -> key != null && key.secretRef != null && key.secretRef.name != null)
            .forEach(key -> names.add(key.secretRef.name));
      }
    });
    return names;
  }

  /** What the compiler reads for one namespace, from the informers' caches. */
  @Override
  public ResourceSet resourceSet(String namespace) {
    Map<String, Set<String>> secretKeys = new HashMap<>();
    Map<String, Map<String, String>> clientKeys = new HashMap<>();
    Set<String> consumerSecrets = consumerSecrets(namespace);
    secrets.list(namespace).forEach(secret -> {
      String name = secret.getMetadata().getName();
      secretKeys.put(name, SecretContents.keys(secret));
      if (consumerSecrets.contains(name)) {
        clientKeys.put(name, SecretContents.values(secret));
      }
    });
    return new ResourceSet(namespace,
        accounts.list(namespace).toList(),
        models.list(namespace).toList(),
        policies.list(namespace).toList(),
        consumers.list(namespace).toList(),
        SecretCatalog.withValues(clientKeys).or(SecretCatalog.of(secretKeys))
            .explaining(secretScope.absenceHint(namespace)));
  }
}
