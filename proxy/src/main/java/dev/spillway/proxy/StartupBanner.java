package dev.spillway.proxy;

import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.standalone.StandaloneProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The lines printed once the proxy listens: where it is and a request to paste. */
final class StartupBanner {
  private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

  private StartupBanner() {}

  static void log(String host, StandaloneProxy proxy) {
    String shownHost = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    String url = "http://" + shownHost + ":" + proxy.port();
    log.info("Spillway proxy listening on {}/v1 (OpenAI-compatible)", url);
    log.info("try: {}", curl(url, proxy.config()));
  }

  static String curl(String url, RouterConfig config) {
    String model = config.models().keySet().stream().findFirst().orElse("your-model");
    return "curl -s " + url + "/v1/chat/completions -H 'content-type: application/json' -d '{\"model\":\""
        + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'";
  }
}
