package dev.spillway.operator.status;

import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.Problem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns one compile of a namespace into each resource's conditions. Problems are mapped to the
 * resource they name; a reference that points nowhere is a ResolvedRefs problem, anything else an
 * Accepted one. Programmed says whether the resource's current generation is live: only when the
 * whole namespace compiled, because a rejected config is never published.
 */
public final class ResourceVerdicts {
  private final CompileResult result;
  private final String servingVersion;

  /**
   * @param servingVersion the version the proxies are serving (the last published), or null
   */
  public ResourceVerdicts(CompileResult result, String servingVersion) {
    this.result = result;
    this.servingVersion = servingVersion;
  }

  public Verdict of(HasMetadata resource) {
    Long generation = resource.getMetadata().getGeneration();
    List<Problem> own = own(result.problems(), resource);
    List<Problem> refs = own.stream().filter(RefProblems::isUnresolvedRef).toList();
    List<Problem> invalid = own.stream().filter(p -> !RefProblems.isUnresolvedRef(p)).toList();
    return new Verdict(List.of(
        accepted(invalid, generation),
        refs.isEmpty()
            ? Conditions.of(Conditions.RESOLVED_REFS, true, Conditions.Reason.RESOLVED,
                "All references resolved", generation)
            : Conditions.of(Conditions.RESOLVED_REFS, false, RefProblems.reason(refs), describe(refs), generation),
        programmed(own, generation)));
  }

  static List<Problem> own(List<Problem> problems, HasMetadata resource) {
    return problems.stream()
        .filter(p -> p.kind().equals(resource.getKind()) && p.name().equals(resource.getMetadata().getName()))
        .toList();
  }

  static io.fabric8.kubernetes.api.model.Condition accepted(List<Problem> invalid, Long generation) {
    return invalid.isEmpty()
        ? Conditions.of(Conditions.ACCEPTED, true, Conditions.Reason.VALID, "Valid", generation)
        : Conditions.of(Conditions.ACCEPTED, false, Conditions.Reason.INVALID, describe(invalid), generation);
  }

  private io.fabric8.kubernetes.api.model.Condition programmed(List<Problem> own, Long generation) {
    if (result.ok()) {
      return Conditions.of(Conditions.PROGRAMMED, true, Conditions.Reason.PUBLISHED,
          "In config " + result.config().version() + ", published to the proxies", generation);
    }
    String serving = servingVersion == null
        ? "no config has been published yet"
        : "the proxies keep serving config " + servingVersion;
    String why = own.isEmpty()
        ? "The namespace's config was rejected because of " + culprits() + "; " + serving
        : "Config rejected because of this resource; " + serving;
    return Conditions.of(Conditions.PROGRAMMED, false, Conditions.Reason.CONFIG_REJECTED, why, generation);
  }

  private String culprits() {
    return result.problems().stream().map(p -> p.kind() + "/" + p.name()).distinct()
        .collect(Collectors.joining(", "));
  }

  /** Each problem as {@code field: message}; the field names what to fix. */
  private static String describe(List<Problem> problems) {
    return problems.stream()
        .map(p -> p.field().isEmpty() ? p.message() : p.field() + ": " + p.message())
        .collect(Collectors.joining("; "));
  }
}
