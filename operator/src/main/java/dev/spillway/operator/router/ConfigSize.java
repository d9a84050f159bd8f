package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.Problem;
import dev.spillway.config.PublishedConfig;
import java.util.List;

/**
 * Refuses a config too large for its ConfigMap before the API server does: its refusal would be an
 * error on every pass, while this is a rejection like any other — the last good config keeps
 * serving, and the Router and every resource say why.
 */
final class ConfigSize {
  private ConfigSize() {}

  /** @param limit most bytes the compressed config may take in the ConfigMap */
  static CompileResult checked(CompileResult result, Router router, int limit) {
    if (!result.ok()) {
      return result;
    }
    int size = PublishedConfig.encodedSize(PublishedConfig.compress(result.config()));
    if (size <= limit) {
      return result;
    }
    return CompileResult.failure(List.of(new Problem(router.getKind(), router.getMetadata().getName(), "",
        "the compiled config of namespace " + result.config().source() + " takes " + size / 1024
            + " KiB compressed, more than the " + limit / 1024 + " KiB a ConfigMap can hold;"
            + " split its resources over several namespaces, each with its own Router")));
  }
}
