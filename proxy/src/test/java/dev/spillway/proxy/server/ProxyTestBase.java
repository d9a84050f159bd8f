package dev.spillway.proxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.SecretRef;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.MutableClock;
import dev.spillway.proxy.testing.ProxyClient;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A proxy on an ephemeral port in front of two scriptable providers, and a client. */
abstract class ProxyTestBase {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Map<SecretRef, String> SECRETS = Map.of(new SecretRef("keys", "primary"), "sk-primary-secret-0123456789");

  LoopbackHttpServer primary;
  LoopbackHttpServer backup;
  ProxyServer proxy;
  ProxyClient client;
  /** On the admin port: metrics, stats, quality. */
  ProxyClient admin;
  final MutableClock clock = new MutableClock();

  @BeforeEach
  void startServers() {
    primary = LoopbackHttpServer.start();
    backup = LoopbackHttpServer.start();
    proxy = new ProxyServer(options(), ref -> Optional.ofNullable(SECRETS.get(ref)), clock);
    proxy.start();
    client = new ProxyClient(proxy.port());
    admin = new ProxyClient(proxy.adminPort());
  }

  @AfterEach
  void stopServers() {
    proxy.close();
    primary.close();
    backup.close();
  }

  /** Open (no keys needed); tests of authentication override this. */
  ProxyOptions options() {
    return new ProxyOptions("127.0.0.1", 0, 64 * 1024);
  }

  void load(RouterConfig config) {
    proxy.configSink().accept(config);
  }

  static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

}
