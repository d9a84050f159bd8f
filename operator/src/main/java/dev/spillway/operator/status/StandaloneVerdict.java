package dev.spillway.operator.status;

import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.RoutingPolicy;
import dev.spillway.compiler.ConfigCompiler;
import dev.spillway.compiler.Problem;
import dev.spillway.compiler.ResourceSet;
import dev.spillway.compiler.SecretCatalog;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * The verdict on a resource no Router has compiled in its current generation (its namespace has no
 * Router, or the Router has not caught up with an edit): the resource is compiled on its own, so
 * every rule about the resource alone is checked and named at once ({@code kubectl apply} of a
 * broken policy says which field at once); references are left Unknown, as only a compile of the
 * whole namespace can resolve them.
 */
public final class StandaloneVerdict {
  private final ConfigCompiler compiler = new ConfigCompiler();

  /**
   * @param programmedReason why the resource is not (yet) live, e.g. {@link Conditions.Reason#NO_ROUTER}
   * @param programmedMessage the same in words
   */
  public Verdict of(HasMetadata resource, String programmedReason, String programmedMessage) {
    Long generation = resource.getMetadata().getGeneration();
    ResourceSet alone = new ResourceSet(resource.getMetadata().getNamespace(),
        resource instanceof ProviderAccount account ? List.of(account) : List.of(),
        resource instanceof LogicalModel model ? List.of(model) : List.of(),
        resource instanceof RoutingPolicy policy ? List.of(policy) : List.of(),
        SecretCatalog.empty());
    List<Problem> invalid = ResourceVerdicts.own(compiler.compile(alone).problems(), resource).stream()
        .filter(p -> !RefProblems.isUnresolvedRef(p))
        .toList();
    return new Verdict(List.of(
        ResourceVerdicts.accepted(invalid, generation),
        Conditions.unknown(Conditions.RESOLVED_REFS, programmedReason,
            "References are resolved when a Router compiles namespace " + resource.getMetadata().getNamespace(),
            generation),
        Conditions.of(Conditions.PROGRAMMED, false, programmedReason, programmedMessage, generation)));
  }
}
