package dev.spillway.proxy.standalone;

import dev.spillway.compiler.Problem;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.config.ConfigSink;
import dev.spillway.proxy.credentials.FolderCredentials;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the folder into the config in force: a valid folder replaces the folder's credentials and
 * then pushes the config; an invalid one is logged problem by problem and the last good config
 * stays; an unchanged one (same version) pushes nothing.
 */
final class ConfigReloader {
  private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);

  enum Outcome {
    LOADED,
    UNCHANGED,
    REJECTED
  }

  private final FolderConfigLoader loader;
  private final FolderCredentials credentials;
  private ConfigSink sink = config -> {};
  private RouterConfig current;

  ConfigReloader(FolderConfigLoader loader, FolderCredentials credentials) {
    this.loader = loader;
    this.credentials = credentials;
  }

  /** The first load: there is no last good config to keep, so problems end the start. */
  synchronized RouterConfig loadInitial() throws ConfigRejectedException {
    FolderLoad load = loader.load();
    if (!load.ok()) {
      logRejected(load);
      throw new ConfigRejectedException(loader.folder(), load.problems());
    }
    accept(load);
    return current;
  }

  /** Sends the config in force to the sink, then every later valid change. */
  synchronized void connect(ConfigSink target) {
    this.sink = Objects.requireNonNull(target);
    if (current != null) {
      target.accept(current);
    }
  }

  synchronized Outcome reload() {
    FolderLoad load = loader.load();
    if (!load.ok()) {
      logRejected(load);
      return Outcome.REJECTED;
    }
    if (current != null && current.version().equals(load.config().version())) {
      // Secrets are not part of the config's version: a rotated key in the folder lands here.
      credentials.replace(load.secrets());
      return Outcome.UNCHANGED;
    }
    accept(load);
    sink.accept(current);
    return Outcome.LOADED;
  }

  synchronized RouterConfig current() {
    return current;
  }

  private void accept(FolderLoad load) {
    // Credentials first, so a new account finds its key on its first call.
    credentials.replace(load.secrets());
    current = load.config();
    log.info("config {} loaded from {}: {} accounts, {} models, {} policies", current.version(),
        loader.folder(), current.accounts().size(), current.models().size(), current.policies().size());
  }

  private void logRejected(FolderLoad load) {
    for (Problem problem : load.problems()) {
      log.error("config rejected: {}", problem);
    }
    if (load.problems().stream().anyMatch(ConfigReloader::aboutCredentials)) {
      log.info("standalone, a Secret key comes from a Secret manifest in the folder or from the variable"
          + " SPILLWAY_SECRET_<SECRET>_<KEY>, e.g. SPILLWAY_SECRET_OPENAI_API_KEY for secret openai,"
          + " key api-key");
    }
    if (current != null) {
      log.warn("still serving config {}: fix the {} above and save again", current.version(),
          load.problems().size() == 1 ? "problem" : load.problems().size() + " problems");
    }
  }

  private static boolean aboutCredentials(Problem problem) {
    return problem.field().startsWith("spec.credentialsSecretRef");
  }
}
