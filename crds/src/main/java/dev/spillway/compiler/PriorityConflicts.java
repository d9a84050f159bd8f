package dev.spillway.compiler;

import dev.spillway.config.PolicyConfig;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Policies are tried by priority and the first match wins, so two policies with one priority would
 * make the choice between them arbitrary: each offender is reported, naming the others.
 */
final class PriorityConflicts {
  private PriorityConflicts() {}

  static void report(Collection<PolicyConfig> policies, ProblemLog log) {
    Map<Integer, List<String>> namesByPriority = policies.stream()
        .collect(Collectors.groupingBy(PolicyConfig::priority, TreeMap::new,
            Collectors.mapping(PolicyConfig::name, Collectors.toList())));
    namesByPriority.forEach((priority, names) -> {
      if (names.size() < 2) {
        return;
      }
      for (String name : names) {
        String others = names.stream().filter(other -> !other.equals(name))
            .map(other -> "RoutingPolicy \"" + other + "\"").collect(Collectors.joining(", "));
        log.checker(ProblemLog.ROUTING_POLICY, name).report("spec.priority",
            "duplicate priority " + priority + ", also used by " + others + ": priorities must be unique");
      }
    });
  }
}
