package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ProviderAccount.region}: the region of the account that served is in the response headers. */
class ServedRegionHeaderTest extends ProxyTestBase {

  @Test
  void theServingAccountsRegionIsInTheHeaders() throws Exception {
    AccountConfig plain = ConfigBuilder.account("primary", primary.baseUrl() + "/v1", TimeoutConfig.DEFAULTS, null,
        false, null, Map.of());
    load(ConfigBuilder.create()
        .account(new AccountConfig(plain.name(), plain.provider(), plain.baseUrl(), null, "eu-west-1", null, false,
            Map.of(), plain.timeouts(), null, null, plain.healthCheck(), null))
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "a").target("backup", "b"))
        .build());
    primary.always(Reply.json(200, completion("hi")));

    HttpResponse<String> fromPrimary = client.chat(chatBody("chat"));
    primary.always(Reply.json(503, "{}"));
    backup.always(Reply.json(200, completion("hi")));
    HttpResponse<String> fromBackup = client.chat(chatBody("chat"));

    assertThat(fromPrimary.headers().firstValue("x-spillway-served-region")).hasValue("eu-west-1");
    assertThat(fromBackup.headers().firstValue("x-spillway-served-by")).hasValue("backup/b");
    assertThat(fromBackup.headers().firstValue("x-spillway-served-region")).as("no region, no header").isEmpty();
  }
}
