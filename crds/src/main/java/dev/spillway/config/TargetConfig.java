package dev.spillway.config;

/**
 * One provider model behind a logical model.
 *
 * @param id {@code account/model}: names the target in headers, traces and stats
 * @param capabilities the logical model's capabilities with this target's overrides applied
 * @param pricing US dollars per million tokens; zeros when unpriced
 */
public record TargetConfig(
    String id,
    String account,
    String model,
    int tier,
    int weight,
    CapabilitySet capabilities,
    PricingConfig pricing) {

  public static String idOf(String account, String model) {
    return account + "/" + model;
  }
}
