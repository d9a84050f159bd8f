package dev.spillway.api.v1alpha1;

/** Constants of the API group. */
public final class SpillwayApi {
  public static final String GROUP = "spillway.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /**
   * What a duration looks like (250ms, 10s, 2m, 1h, 1m30s): checked by the API server through the
   * CRD schema and by the compiler, which shares this pattern.
   */
  public static final String DURATION_PATTERN = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

  /** A duration, or auto (derived from observed latency). */
  public static final String DURATION_OR_AUTO_PATTERN = "^(auto|([0-9]+(\\.[0-9]+)?(ms|s|m|h))+)$";

  private SpillwayApi() {}
}
