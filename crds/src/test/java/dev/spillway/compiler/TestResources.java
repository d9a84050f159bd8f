package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.Consumer;
import dev.spillway.api.v1alpha1.ConsumerKey;
import dev.spillway.api.v1alpha1.ConsumerSpec;
import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.LogicalModelSpec;
import dev.spillway.api.v1alpha1.ModelTarget;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.ProviderAccountSpec;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.api.v1alpha1.Route;
import dev.spillway.api.v1alpha1.RoutingPolicy;
import dev.spillway.api.v1alpha1.RoutingPolicySpec;
import dev.spillway.api.v1alpha1.SecretKeyRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Test resources, built in code: start from {@link #valid()} (a small set that compiles) and break
 * one field, or from {@link #empty()} and add what the test needs. Specs are mutable beans, so a
 * test reads as "this set, except that field".
 */
public final class TestResources {
  public static final String SECRET = "llm-keys";
  public static final String TEAM_A_KEY = "sk-team-a-0123456789abcdefghij";

  private final Map<String, ProviderAccount> accounts = new LinkedHashMap<>();
  private final Map<String, LogicalModel> models = new LinkedHashMap<>();
  private final Map<String, RoutingPolicy> policies = new LinkedHashMap<>();
  private final Map<String, Set<String>> secretKeys = new TreeMap<>();
  private final Map<String, Map<String, String>> clientKeys = new TreeMap<>();
  private final Map<String, Consumer> consumers = new LinkedHashMap<>();
  private final List<ProviderAccount> extraAccounts = new ArrayList<>();

  private TestResources() {}

  public static TestResources empty() {
    return new TestResources();
  }

  /**
   * Accounts openai, anthropic (both keyed in Secret llm-keys) and sim (simulated); models chat
   * (openai then anthropic, falling back to backup) and backup (sim); policy interactive (priority
   * 10, streaming calls to chat).
   */
  public static TestResources valid() {
    TestResources set = empty()
        .secret(SECRET, "openai", "anthropic")
        .account("openai", ProviderKind.OPENAI, new SecretKeyRef(SECRET, "openai"))
        .account("anthropic", ProviderKind.ANTHROPIC, new SecretKeyRef(SECRET, "anthropic"))
        .account("sim", ProviderKind.SIMULATED, null)
        .model("chat", target("openai", "gpt-4o-mini"), target("anthropic", "claude-haiku-4-5"))
        .model("backup", target("sim", "sim-1"))
        .policy("interactive", 10);
    set.modelSpec("chat").fallback = "backup";
    set.policySpec("interactive").route = route("chat");
    return set;
  }

  public TestResources secret(String name, String... keys) {
    secretKeys.computeIfAbsent(name, n -> new HashSet<>()).addAll(List.of(keys));
    return this;
  }

  /** A Secret key holding a consumer's API key (its value is read, to be digested). */
  public TestResources clientKey(String secret, String key, String value) {
    clientKeys.computeIfAbsent(secret, n -> new TreeMap<>()).put(key, value);
    return this;
  }

  public TestResources consumer(String name, ConsumerKey... keys) {
    Consumer consumer = named(new Consumer(), name);
    consumer.setSpec(new ConsumerSpec());
    consumer.getSpec().keys = new ArrayList<>(List.of(keys));
    consumers.put(name, consumer);
    return this;
  }

  /** Consumer team-a with key {@link #TEAM_A_KEY} in Secret team-a-keys, key current. */
  public TestResources withTeamA() {
    if (consumers.containsKey("team-a")) {
      return this;
    }
    return clientKey("team-a-keys", "current", TEAM_A_KEY)
        .consumer("team-a", new ConsumerKey(new SecretKeyRef("team-a-keys", "current"), null));
  }

  public ConsumerSpec consumerSpec(String name) {
    return consumers.get(name).getSpec();
  }

  public TestResources account(String name, ProviderKind provider, SecretKeyRef credentials) {
    ProviderAccount account = named(new ProviderAccount(), name);
    account.setSpec(new ProviderAccountSpec());
    account.getSpec().provider = provider;
    account.getSpec().credentialsSecretRef = credentials;
    accounts.put(name, account);
    return this;
  }

  /** A second account under a name already used, for duplicate-name tests. */
  public TestResources duplicateAccount(String name, ProviderKind provider) {
    ProviderAccount account = named(new ProviderAccount(), name);
    account.setSpec(new ProviderAccountSpec());
    account.getSpec().provider = provider;
    extraAccounts.add(account);
    return this;
  }

  public TestResources model(String name, ModelTarget... targets) {
    LogicalModel model = named(new LogicalModel(), name);
    model.setSpec(new LogicalModelSpec());
    model.getSpec().targets = new ArrayList<>(List.of(targets));
    models.put(name, model);
    return this;
  }

  public TestResources policy(String name, Integer priority) {
    RoutingPolicy policy = named(new RoutingPolicy(), name);
    policy.setSpec(new RoutingPolicySpec());
    policy.getSpec().priority = priority;
    policies.put(name, policy);
    return this;
  }

  public ProviderAccountSpec accountSpec(String name) {
    return accounts.get(name).getSpec();
  }

  public LogicalModelSpec modelSpec(String name) {
    return models.get(name).getSpec();
  }

  public ModelTarget target(String model, int index) {
    return modelSpec(model).targets.get(index);
  }

  public RoutingPolicySpec policySpec(String name) {
    return policies.get(name).getSpec();
  }

  public ProviderAccount accountResource(String name) {
    return accounts.get(name);
  }

  public RoutingPolicy policyResource(String name) {
    return policies.get(name);
  }

  public ResourceSet toSet() {
    List<ProviderAccount> allAccounts = new ArrayList<>(accounts.values());
    allAccounts.addAll(extraAccounts);
    return new ResourceSet("test", allAccounts, List.copyOf(models.values()),
        List.copyOf(policies.values()), List.copyOf(consumers.values()),
        SecretCatalog.of(secretKeys).or(SecretCatalog.withValues(clientKeys)));
  }

  public CompileResult compile() {
    return new ConfigCompiler().compile(toSet());
  }

  public static ModelTarget target(String account, String model) {
    ModelTarget target = new ModelTarget();
    target.account = account;
    target.model = model;
    return target;
  }

  public static Route route(String model, String... fallbacks) {
    Route route = new Route();
    route.model = model;
    route.fallbacks = fallbacks.length == 0 ? null : new ArrayList<>(List.of(fallbacks));
    return route;
  }

  private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> R named(R resource, String name) {
    resource.setMetadata(new ObjectMetaBuilder().withName(name).build());
    return resource;
  }
}
