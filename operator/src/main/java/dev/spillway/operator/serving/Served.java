package dev.spillway.operator.serving;

import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.ResourceSet;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.stats.LiveNumbers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One pass of the Router that serves a namespace.
 *
 * @param router the serving Router
 * @param compiledGenerations {@code Kind/name@generation} of every resource the pass compiled
 * @param result the compile
 * @param serving the config the proxies serve (the last published one when {@code result} failed),
 *     or null when nothing ever compiled
 * @param window live numbers since the Router's previous pass
 */
public record Served(ResourceID router, Set<String> compiledGenerations, CompileResult result,
    RouterConfig serving, LiveNumbers window) {

  public Served {
    compiledGenerations = Set.copyOf(compiledGenerations);
  }

  public static Served of(ResourceID router, ResourceSet compiled, CompileResult result, RouterConfig serving,
      LiveNumbers window) {
    Set<String> generations = new HashSet<>();
    Stream.of(compiled.accounts(), compiled.models(), compiled.policies())
        .flatMap(list -> list.stream().map(r -> (HasMetadata) r))
        .forEach(resource -> generations.add(key(resource)));
    return new Served(router, generations, result, serving, window);
  }

  /**
   * Whether this pass compiled the resource's current generation. A resource edited after the
   * pass must not be judged by it: its conditions would claim the new generation is valid.
   */
  public boolean covers(HasMetadata resource) {
    return compiledGenerations.contains(key(resource));
  }

  private static String key(HasMetadata resource) {
    return resource.getKind() + "/" + resource.getMetadata().getName() + "@" + resource.getMetadata().getGeneration();
  }
}
