package dev.spillway.proxy.cli;

import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.ConfigCompiler;
import dev.spillway.compiler.LoadedResources;
import dev.spillway.compiler.Problem;
import dev.spillway.compiler.ResourceSet;
import dev.spillway.compiler.SecretCatalog;
import dev.spillway.config.RouterConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compiles resource YAML the way the operator does: one compile per namespace (resources without
 * one count as {@value #UNSET_NAMESPACE}, where {@code kubectl apply} would put them), with the
 * same compiler. Secrets are usually not in the repository (sealed, external, created by hand), so
 * a referenced Secret missing from the input is assumed to exist unless {@code requireSecrets}.
 */
final class Validation {
  static final String UNSET_NAMESPACE = "default";

  private Validation() {}

  /** One problem and where it is: {@code file:line} of the resource's document, if known. */
  record Finding(String location, String namespace, Problem problem) {
    /** {@code file:line: Kind/name spec.field: message}. */
    @Override
    public String toString() {
      return (location == null ? "" : location + ": ") + problem;
    }
  }

  /** Per namespace: the config version it compiles to, or null when it has problems. */
  record Outcome(Map<String, String> versions, List<Finding> findings) {
    boolean valid() {
      return findings.isEmpty();
    }
  }

  /** One namespace's config, or null with the findings that keep it from compiling. */
  record Compiled(RouterConfig config, List<Finding> findings) {}

  static Outcome run(LoadedResources loaded, boolean requireSecrets) {
    List<Finding> findings = new ArrayList<>();
    loaded.problems().forEach(p -> findings.add(found(loaded, null, p)));
    ResourceSet all = loaded.toResourceSet(requireSecrets ? SecretCatalog.empty() : anySecret());
    Map<String, String> versions = new TreeMap<>();
    for (String namespace : namespaces(all)) {
      Compiled compiled = compile(loaded, all, namespace);
      versions.put(namespace, compiled.config() == null ? null : compiled.config().version());
      findings.addAll(compiled.findings());
    }
    return new Outcome(versions, findings);
  }

  /** The resources of one namespace, compiled (Secrets assumed to exist, as in {@link #run}). */
  static Compiled compile(LoadedResources loaded, String namespace) {
    List<Finding> findings = new ArrayList<>();
    loaded.problems().forEach(p -> findings.add(found(loaded, null, p)));
    Compiled compiled = compile(loaded, loaded.toResourceSet(anySecret()), namespace);
    findings.addAll(compiled.findings());
    return new Compiled(findings.isEmpty() ? compiled.config() : null, findings);
  }

  private static Compiled compile(LoadedResources loaded, ResourceSet all, String namespace) {
    ResourceSet one = new ResourceSet(namespace, in(all.accounts(), namespace), in(all.models(), namespace),
        in(all.policies(), namespace), all.secrets());
    CompileResult result = new ConfigCompiler().compile(one);
    return new Compiled(result.config(), result.problems().stream().map(p -> found(loaded, namespace, p)).toList());
  }

  private static Finding found(LoadedResources loaded, String namespace, Problem problem) {
    return new Finding(loaded.location(problem.kind(), problem.name()).orElse(null), namespace, problem);
  }

  private static TreeSet<String> namespaces(ResourceSet all) {
    TreeSet<String> namespaces = new TreeSet<>();
    Stream.of(all.accounts(), all.models(), all.policies())
        .flatMap(List::stream)
        .map(r -> namespaceOf((HasMetadata) r))
        .forEach(namespaces::add);
    if (namespaces.isEmpty()) {
      namespaces.add(UNSET_NAMESPACE); // an empty input compiles (to the default policy) or says why not
    }
    return namespaces;
  }

  private static <R extends HasMetadata> List<R> in(List<R> resources, String namespace) {
    return resources.stream().filter(r -> namespaceOf(r).equals(namespace)).toList();
  }

  private static String namespaceOf(HasMetadata resource) {
    String namespace = resource.getMetadata().getNamespace();
    return namespace == null || namespace.isBlank() ? UNSET_NAMESPACE : namespace;
  }

  private static SecretCatalog anySecret() {
    return new SecretCatalog() {
      @Override
      public boolean has(String name, String key) {
        return true;
      }

      @Override
      public boolean hasSecret(String name) {
        return true;
      }
    };
  }
}
