package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConfigSwapTest extends ProxyTestBase {

  private RouterConfig config(String version, String account) {
    return ConfigBuilder.create()
        .version(version)
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target(account, "model-" + version))
        .build();
  }

  @Test
  void concurrentRequestsAllSucceedWhileConfigsSwap() throws Exception {
    primary.always(Reply.json(200, completion("p")).after(Duration.ofMillis(20)));
    backup.always(Reply.json(200, completion("b")).after(Duration.ofMillis(20)));
    load(config("v0", "primary"));
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        responses.add(CompletableFuture.supplyAsync(() -> {
          try {
            return client.chat(chatBody("chat"));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, clients));
        if (i % 8 == 0) {
          load(config("v" + i, i % 16 == 0 ? "backup" : "primary"));
        }
      }
      for (CompletableFuture<HttpResponse<String>> response : responses) {
        HttpResponse<String> r = response.get(60, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-spillway-config-version").orElseThrow()).startsWith("v");
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(primary.requestCount() + backup.requestCount()).isEqualTo(80);
  }

  @Test
  void newRequestsUseTheNewConfigAtOnce() throws Exception {
    primary.always(Reply.json(200, completion("p")));
    backup.always(Reply.json(200, completion("b")));
    load(config("one", "primary"));
    HttpResponse<String> before = client.chat(chatBody("chat"));
    load(config("two", "backup"));
    HttpResponse<String> after = client.chat(chatBody("chat"));

    assertThat(before.headers().firstValue("x-spillway-served-by")).hasValue("primary/model-one");
    assertThat(after.headers().firstValue("x-spillway-served-by")).hasValue("backup/model-two");
    assertThat(after.headers().firstValue("x-spillway-config-version")).hasValue("two");
  }
}
