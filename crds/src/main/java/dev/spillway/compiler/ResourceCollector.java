package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.EvalSet;
import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.ModelRollout;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.RoutingPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers what the documents of a folder hold. A name defined twice for one kind is reported here,
 * where both files are known, and only the first definition is kept.
 */
final class ResourceCollector {
  private final List<ProviderAccount> accounts = new ArrayList<>();
  private final List<LogicalModel> models = new ArrayList<>();
  private final List<RoutingPolicy> policies = new ArrayList<>();
  private final List<Router> routers = new ArrayList<>();
  private final List<EvalSet> evalSets = new ArrayList<>();
  private final List<ModelRollout> rollouts = new ArrayList<>();
  private final Map<String, Map<String, String>> secrets = new TreeMap<>();
  private final Map<String, Map<String, String>> configMaps = new TreeMap<>();
  private final List<Problem> problems = new ArrayList<>();
  /** "Kind/name" → where it was first defined. */
  private final Map<String, DocumentLocation> firstSeen = new HashMap<>();
  /** "Kind/name" → file:line of its first document, readable or not (for problem reports). */
  private final Map<String, String> locations = new HashMap<>();

  List<Problem> problems() {
    return problems;
  }

  /** Notes where a document naming this resource starts, before it is read. */
  void locate(String kind, String name, DocumentLocation location) {
    locations.putIfAbsent(kind + "/" + name, location.fileAndLine());
  }

  void add(HasMetadata resource, DocumentLocation location) {
    if (!claimName(resource.getKind(), resource.getMetadata().getName(), location)) {
      return;
    }
    if (resource instanceof ProviderAccount) {
      accounts.add((ProviderAccount) resource);
    } else if (resource instanceof LogicalModel) {
      models.add((LogicalModel) resource);
    } else if (resource instanceof RoutingPolicy) {
      policies.add((RoutingPolicy) resource);
    } else if (resource instanceof Router) {
      routers.add((Router) resource);
    } else if (resource instanceof EvalSet evalSet) {
      evalSets.add(evalSet);
    } else if (resource instanceof ModelRollout rollout) {
      rollouts.add(rollout);
    } else {
      throw new IllegalArgumentException("not a Spillway resource: " + resource.getKind());
    }
  }

  void addData(DataDocument kind, String name, Map<String, String> values, DocumentLocation location) {
    if (claimName(kind.kind(), name, location)) {
      (kind == DataDocument.SECRET ? secrets : configMaps).put(name, values);
    }
  }

  private boolean claimName(String kind, String name, DocumentLocation location) {
    DocumentLocation earlier = firstSeen.putIfAbsent(kind + "/" + name, location);
    if (earlier != null) {
      problems.add(new Problem(kind, name, "metadata.name", "duplicate name: " + kind + " \"" + name
          + "\" in " + location + " is already defined in " + earlier));
      return false;
    }
    return true;
  }

  LoadedResources build(String source) {
    return new LoadedResources(source, accounts, models, policies, routers, secrets, problems,
        new RolloutResources(evalSets, rollouts, configMaps), locations);
  }
}
