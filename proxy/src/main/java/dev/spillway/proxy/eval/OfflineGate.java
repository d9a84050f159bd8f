package dev.spillway.proxy.eval;

import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.ConfigCompiler;
import dev.spillway.compiler.LoadedResources;
import dev.spillway.compiler.Problem;
import dev.spillway.compiler.ResourceYaml;
import dev.spillway.compiler.RolloutCompileResult;
import dev.spillway.compiler.RolloutCompiler;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.rollout.RolloutConfig;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.credentials.EnvCredentials;
import dev.spillway.proxy.credentials.FirstFoundCredentials;
import dev.spillway.proxy.credentials.FolderCredentials;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderAdapters;
import dev.spillway.proxy.providers.ProviderContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The eval gate without a cluster: compiles a folder of resource YAML with the shared compilers
 * (the same files a cluster would get), calls incumbent and candidate with the folder's or the
 * environment's credentials, and reports. What a pull request that swaps a model runs in CI.
 */
public final class OfflineGate {
  private OfflineGate() {}

  /** Either the report or why the gate could not run (every problem, one line each). */
  public record Outcome(EvalReport report, List<String> problems) {
    public Outcome {
      problems = List.copyOf(problems);
    }
  }

  public static Outcome run(Path folder, String rolloutName, Map<String, String> env, Duration timeout)
      throws InterruptedException {
    LoadedResources loaded = ResourceYaml.readFolder(folder);
    EnvCredentials envCredentials = new EnvCredentials(env);
    CompileResult compiled = new ConfigCompiler().compile(loaded.toResourceSet(envCredentials.catalog()));
    List<String> problems = new ArrayList<>();
    loaded.problems().forEach(problem -> problems.add(problem.toString()));
    compiled.problems().forEach(problem -> problems.add(problem.toString()));
    if (!problems.isEmpty()) {
      return new Outcome(null, problems);
    }
    RouterConfig config = compiled.config();
    RolloutCompileResult rollouts = new RolloutCompiler().compile(loaded.rollouts(), config);
    Optional<RolloutConfig> rollout = rollouts.rollout(rolloutName);
    if (rollout.isEmpty()) {
      List<Problem> own = rollouts.problemsOf("ModelRollout", rolloutName);
      if (own.isEmpty() && loaded.rollouts().rollouts().stream()
          .noneMatch(r -> rolloutName.equals(r.getMetadata().getName()))) {
        return new Outcome(null, List.of("ModelRollout/" + rolloutName + ": not found in " + folder));
      }
      own.forEach(problem -> problems.add(problem.toString()));
      loaded.rollouts().rollouts().stream()
          .filter(r -> rolloutName.equals(r.getMetadata().getName()) && r.getSpec() != null)
          .flatMap(r -> rollouts.problemsOf("EvalSet", String.valueOf(r.getSpec().evalSet)).stream())
          .forEach(problem -> problems.add(problem.toString()));
      return new Outcome(null, problems);
    }
    FolderCredentials folderCredentials = new FolderCredentials();
    folderCredentials.replace(loaded.secrets());
    return new Outcome(evaluate(config, rollout.get(), rollouts, new FirstFoundCredentials(folderCredentials,
        envCredentials), timeout), List.of());
  }

  private static EvalReport evaluate(RouterConfig config, RolloutConfig rollout, RolloutCompileResult rollouts,
      FirstFoundCredentials credentials, Duration timeout) throws InterruptedException {
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("spillway-eval-timer"));
    ExecutorService callbacks = Executors.newFixedThreadPool(2, daemon("spillway-eval"));
    ProviderContext context = new ProviderContext(Json.MAPPER, timers, callbacks, Clock.systemUTC());
    Map<String, ProviderAdapter> adapters = new HashMap<>();
    for (AccountConfig account : config.accounts().values()) {
      adapters.put(account.name(), ProviderAdapters.create(account, context));
    }
    Snapshot snapshot = new Snapshot(config, adapters);
    try {
      TargetCaller caller = new SnapshotCaller(() -> Optional.of(snapshot), credentials, System::nanoTime,
          EvalCallObserver.NONE);
      return new EvalRunner(config, caller, Json.MAPPER, EvalRunner.DEFAULT_MAX_IN_FLIGHT)
          .run(rollout, rollouts.evalSets().get(rollout.evalSet()))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException failed) {
      throw new IllegalStateException(failed.getCause().getMessage(), failed.getCause());
    } catch (TimeoutException late) {
      throw new IllegalStateException("the eval run did not finish within " + timeout.toSeconds() + " s", late);
    } finally {
      adapters.values().forEach(ProviderAdapter::close);
      timers.shutdownNow();
      callbacks.shutdownNow();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
