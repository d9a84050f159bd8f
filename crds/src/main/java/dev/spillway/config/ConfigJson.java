package dev.spillway.config;

/**
 * JSON form of {@link RouterConfig}: what the operator writes into the ConfigMap and the proxy
 * reads back. One shared, configured ObjectMapper.
 */
public final class ConfigJson {
  private ConfigJson() {}

  public static String write(RouterConfig config) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public static RouterConfig read(String json) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
