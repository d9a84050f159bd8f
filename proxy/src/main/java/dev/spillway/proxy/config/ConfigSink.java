package dev.spillway.proxy.config;

import dev.spillway.config.RouterConfig;

/**
 * Takes a new, already valid config and makes it the one in force, atomically: in-flight requests
 * finish on the snapshot they started with.
 */
@FunctionalInterface
public interface ConfigSink {
  void accept(RouterConfig config);
}
