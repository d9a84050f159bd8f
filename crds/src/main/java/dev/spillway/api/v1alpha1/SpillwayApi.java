package dev.spillway.api.v1alpha1;

/** Constants of the API group. */
public final class SpillwayApi {
  public static final String GROUP = "spillway.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  private SpillwayApi() {}
}
