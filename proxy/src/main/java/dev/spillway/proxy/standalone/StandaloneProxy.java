package dev.spillway.proxy.standalone;

import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.auth.AuthMode;
import dev.spillway.proxy.credentials.EnvCredentials;
import dev.spillway.proxy.credentials.FirstFoundCredentials;
import dev.spillway.proxy.credentials.FolderCredentials;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The proxy serving a folder of resource YAML: credentials from the folder's Secrets, then the
 * environment; the config compiled from the folder and reloaded whenever it changes validly.
 */
public final class StandaloneProxy implements AutoCloseable {
  private final ProxyServer server;
  private final FolderWatcher watcher;
  private final ConfigReloader reloader;

  private StandaloneProxy(ProxyServer server, FolderWatcher watcher, ConfigReloader reloader) {
    this.server = server;
    this.watcher = watcher;
    this.reloader = reloader;
  }

  /**
   * Loads the folder and starts serving it.
   *
   * @param env the environment, for {@code SPILLWAY_SECRET_*} credentials
   * @throws ConfigRejectedException when the folder does not compile (each problem is logged)
   */
  public static StandaloneProxy start(ProxyOptions options, Path folder, Map<String, String> env)
      throws ConfigRejectedException {
    FolderCredentials folderCredentials = new FolderCredentials();
    EnvCredentials envCredentials = new EnvCredentials(env);
    ConfigReloader reloader =
        new ConfigReloader(new FolderConfigLoader(folder, envCredentials.catalog()), folderCredentials);
    // Fingerprint before the first load, so an edit made while starting is not missed.
    FolderWatcher watcher = new FolderWatcher(folder, reloader::reload, FolderWatcher.DEBOUNCE);
    ProxyServer server = null;
    try {
      reloader.loadInitial();
      server = new ProxyServer(options, new FirstFoundCredentials(folderCredentials, envCredentials));
      reloader.connect(server.configSink());
      server.start();
      watcher.startWatchingEvents();
      watcher.startPolling(FolderWatcher.POLL_EVERY);
      return new StandaloneProxy(server, watcher, reloader);
    } catch (ConfigRejectedException | RuntimeException failed) {
      watcher.close();
      if (server != null) {
        server.close();
      }
      throw failed;
    }
  }

  public int port() {
    return server.port();
  }

  public int adminPort() {
    return server.adminPort();
  }

  /** Whether calls need a key now (auto resolved against the config's consumers). */
  public AuthMode authMode() {
    return server.authenticator().effectiveMode();
  }

  /** The config in force. */
  public RouterConfig config() {
    return reloader.current();
  }

  @Override
  public void close() {
    watcher.close();
    server.close();
  }
}
