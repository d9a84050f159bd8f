package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.RegionsSpec;
import dev.spillway.config.RegionsConfig;
import java.util.List;
import java.util.regex.Pattern;

/** A policy's {@code regions} block: names that can be regions, and preferences the allow set permits. */
final class RegionsCompiler {
  /** Cloud region names: lower-case words and digits joined by dashes (eu-west-1, europe-west4, eastus2). */
  private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private RegionsCompiler() {}

  static RegionsConfig compile(RegionsSpec spec, FieldChecker check) {
    if (spec == null) {
      return null;
    }
    List<String> allow = regions("spec.regions.allow", spec.allow, check);
    if (spec.allow != null && spec.allow.isEmpty()) {
      check.report("spec.regions.allow", "needs at least one region; leave it out to allow every region");
    }
    List<String> prefer = spec.prefer == null ? List.of(RegionsConfig.LOCAL) : regions("spec.regions.prefer", spec.prefer, check);
    for (int i = 0; i < prefer.size(); i++) {
      String region = prefer.get(i);
      if (!region.equals(RegionsConfig.LOCAL) && !allow.isEmpty() && !allow.contains(region)) {
        check.report("spec.regions.prefer[" + i + "]", "region \"" + region + "\" is not in spec.regions.allow "
            + allow + ": a call could never be served there");
      }
    }
    return new RegionsConfig(prefer, allow);
  }

  private static List<String> regions(String field, List<String> values, FieldChecker check) {
    List<String> words = check.words(field, values);
    if (words == null) {
      return List.of();
    }
    for (int i = 0; i < words.size(); i++) {
      if (!REGION.matcher(words.get(i)).matches()) {
        check.report(field + "[" + i + "]", "\"" + words.get(i) + "\" is not a region name (lower-case letters,"
            + " digits and dashes, e.g. eu-west-1)");
      }
    }
    return words;
  }
}
