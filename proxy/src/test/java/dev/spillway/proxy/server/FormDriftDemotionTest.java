package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static dev.spillway.proxy.testing.ProxyClient.streamBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Prose;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Output that turns into gibberish while passing every check is caught by the drift of its form, on
 * a policy that sets only the two thresholds the product page shows: the primary is demoted and
 * the backup serves, plain calls and streams alike, and the quality endpoint names the statistic.
 */
class FormDriftDemotionTest extends ProxyTestBase {
  private static final String PRIMARY = "primary/gpt-4o";
  private static final String BACKUP = "backup/gpt-4o-mini";
  /** Healthy answers first: the default drift settings need a baseline before they judge. */
  private static final int BASELINE_CALLS = 60;
  /** Gibberish served before the alarm: a handful, never the whole outage. */
  private static final int MAX_GIBBERISH_SERVED = 15;

  private final Random random = new Random(11);
  private final AtomicBoolean gibberish = new AtomicBoolean();

  @Test
  void plainGibberishDemotesThePrimaryWithinAHandfulOfAnswers() throws Exception {
    primary.answering(request -> Reply.json(200, completion(answer())));
    backup.answering(request -> Reply.json(200, completion(Prose.prose(random, 50))));
    loadTwoThresholdPolicy();

    assertDemotedAfterGibberish(() -> client.chat(chatBody("chat")));
  }

  @Test
  void streamedGibberishIsJudgedAtTheEndAndDemotesThePrimary() throws Exception {
    primary.answering(request -> Reply.sse(stream(answer())));
    backup.answering(request -> Reply.sse(stream(Prose.prose(random, 50))));
    loadTwoThresholdPolicy();

    assertDemotedAfterGibberish(() -> client.chat(streamBody("chat")));
  }

  private void assertDemotedAfterGibberish(Call call) throws Exception {
    for (int i = 0; i < BASELINE_CALLS; i++) {
      assertThat(call.send().statusCode()).isEqualTo(200);
    }
    assertThat(proxy.quality().drift().drifting(PRIMARY)).isFalse();

    gibberish.set(true);
    int servedGibberish = 0;
    while (!proxy.quality().drift().drifting(PRIMARY) && servedGibberish <= MAX_GIBBERISH_SERVED) {
      HttpResponse<String> response = call.send();
      assertThat(response.statusCode()).isEqualTo(200);
      servedGibberish += response.headers().firstValue("x-spillway-served-by").orElse("").equals(PRIMARY) ? 1 : 0;
    }
    assertThat(servedGibberish).as("gibberish answers served before the alarm").isLessThanOrEqualTo(MAX_GIBBERISH_SERVED);

    for (int i = 0; i < 5; i++) {
      HttpResponse<String> response = call.send();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue(BACKUP);
    }
    JsonNode status = json(admin.get("/v1/spillway/quality").body()).path("targets").path(PRIMARY);
    assertThat(status.path("drifting").asBoolean()).isTrue();
    assertThat(status.path("formDrifting").asBoolean()).isTrue();
    assertThat(status.path("formSigma").asDouble()).isGreaterThanOrEqualTo(4.0);
    assertThat(status.path("formStatistic").asText()).isIn("vowel share", "word length", "word variety");
    assertThat(status.path("reason").asText()).contains("sigma from the target's own history");
  }

  /** Prose of varied length until the primary turns to mash. */
  private String answer() {
    return gibberish.get() ? Prose.mash(random, 40) : Prose.prose(random, 30 + random.nextInt(120));
  }

  /** The answer as OpenAI streams it: a few words per chunk. */
  private static List<String> stream(String text) {
    List<String> events = new ArrayList<>();
    events.add(chunk("{\"role\":\"assistant\",\"content\":\"\"}"));
    String[] words = text.split(" ");
    for (int i = 0; i < words.length; i += 4) {
      String piece = String.join(" ", java.util.Arrays.copyOfRange(words, i, Math.min(words.length, i + 4)));
      events.add(chunk("{\"content\":\"" + (i == 0 ? "" : " ") + piece + "\"}"));
    }
    events.add("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},"
        + "\"finish_reason\":\"stop\"}]}");
    events.add("data: [DONE]");
    return events;
  }

  private static String chunk(String delta) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta + "}]}";
  }

  /** Only the two thresholds; checks, drift, hedging and timeouts at their defaults. */
  private void loadTwoThresholdPolicy() {
    PolicyConfig p = ConfigBuilder.policy("two-thresholds", 10, MatchConfig.ANY, List.of(), null);
    PolicyConfig policy = new PolicyConfig(p.name(), p.priority(), p.match(), p.route(), p.maxFallbackDepth(),
        p.minTier(), p.timeouts(), new TriggersConfig(800, 0.02, null), null, null, null, null, null, null, null);
    load(ConfigBuilder.create()
        .policy(policy)
        .account("primary", primary.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .account("backup", backup.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .model("chat", m -> m.target("primary", "gpt-4o").target("backup", "gpt-4o-mini"))
        .build());
  }

  @FunctionalInterface
  private interface Call {
    HttpResponse<String> send() throws Exception;
  }
}
