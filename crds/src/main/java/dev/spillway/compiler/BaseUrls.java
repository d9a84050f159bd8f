package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.ProviderKind;
import java.net.URI;
import java.net.URISyntaxException;

/** The base URL of an account: the provider's public endpoint unless one is given. */
final class BaseUrls {
  static final String OPENAI = "https://api.openai.com/v1";
  static final String ANTHROPIC = "https://api.anthropic.com";
  static final String GEMINI = "https://generativelanguage.googleapis.com/v1beta";
  private static final String FIELD = "spec.baseUrl";

  private BaseUrls() {}

  /** The resolved URL without a trailing slash, or null when missing or invalid (reported). */
  static String resolve(String account, ProviderKind provider, String region, String given, FieldChecker check) {
    if (given == null) {
      String fallback = defaultFor(account, provider, region);
      // Without a region the missing region is the problem, reported on spec.region.
      if (fallback == null && !(provider.requiresRegion() && region == null)) {
        check.report(FIELD, "is required for provider " + provider.wireName()
            + ": the server's API root, e.g. http://vllm:8000/v1");
      }
      return fallback;
    }
    if (!isAbsoluteHttp(given)) {
      check.report(FIELD, "\"" + given + "\" is not an absolute http(s) URL, e.g. https://host/v1");
      return null;
    }
    return stripTrailingSlashes(given);
  }

  private static String defaultFor(String account, ProviderKind provider, String region) {
    switch (provider) {
      case BEDROCK:
        return region == null ? null : "https://bedrock-runtime." + region + ".amazonaws.com";
      case VERTEX:
        if (region == null) {
          return null;
        }
        return "global".equals(region) ? "https://aiplatform.googleapis.com/v1" : "https://" + region + "-aiplatform.googleapis.com/v1";
      case OPENAI:
        return OPENAI;
      case ANTHROPIC:
        return ANTHROPIC;
      case GEMINI:
        return GEMINI;
      case SIMULATED:
        return "simulated://" + account;
      default:
        return null;
    }
  }

  private static boolean isAbsoluteHttp(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String stripTrailingSlashes(String url) {
    String result = url;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }
}
