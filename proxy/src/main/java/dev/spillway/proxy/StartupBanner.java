package dev.spillway.proxy;

import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.auth.AuthMode;
import dev.spillway.proxy.standalone.StandaloneProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The lines printed once the proxy listens: where it is, who may call, and a request to paste. */
final class StartupBanner {
  private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

  private StartupBanner() {}

  static void log(String host, StandaloneProxy proxy) {
    String shownHost = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    String url = "http://" + shownHost + ":" + proxy.port();
    log.info("Spillway proxy listening on {}/v1 (OpenAI-compatible); metrics and stats on port {}", url,
        proxy.adminPort());
    boolean required = proxy.authMode() == AuthMode.REQUIRED;
    if (required) {
      log.info("auth: required; call with a Consumer's key ('Authorization: Bearer <key>' or 'x-api-key')");
    } else {
      log.warn("auth: open; anyone who can reach port {} can call every configured provider. Define a Consumer"
          + " (or pass --auth required) to require keys", proxy.port());
    }
    log.info("try: {}", curl(url, proxy.config(), required));
  }

  static String curl(String url, RouterConfig config, boolean withKey) {
    String model = config.models().keySet().stream().findFirst().orElse("your-model");
    return "curl -s " + url + "/v1/chat/completions -H 'content-type: application/json'"
        + (withKey ? " -H \"authorization: Bearer $SPILLWAY_API_KEY\"" : "")
        + " -d '{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'";
  }
}
