package dev.spillway.proxy.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RetryConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.ScoringConfig;
import dev.spillway.config.SimulationConfig;
import dev.spillway.config.SimulationConfig.FaultConfig;
import dev.spillway.config.SimulationConfig.FaultKind;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.MediaSamples;
import dev.spillway.proxy.testing.ProxyClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The quality incident of issue 7: at a steady request rate, a simulated primary starts answering
 * 200 with bad output for a while: empty chat answers, black images, silent audio. No bad answer may reach a client, and drift must be raised on the
 * primary within 30 of its bad answers. The pacing only sets the load: the outcome is counted, not
 * timed, so a slow machine changes nothing but the duration.
 *
 * <p>In the suite the fault lasts 2 s; the full scenario (8 s at 100 requests/s) is
 * {@code mvn -B -q -pl proxy -am test -Dtest=QualityIncidentTest -Dspillway.incident.faultSeconds=8
 * -Dsurefire.failIfNoSpecifiedTests=false}, which prints its figures.
 */
class QualityIncidentTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int RATE_PER_SECOND = 100;
  private static final long WARM_UP_MS = 1_000;
  private static final long FAULT_MS = Long.getLong("spillway.incident.faultSeconds", 2) * 1_000;
  private static final long COOL_DOWN_MS = 500;
  private static final String PRIMARY = "primary/sim-large";

  @Test
  void emptyAnswersFromThePrimaryNeverReachUsersAndRaiseDriftWithin30Calls() throws Exception {
    Incident incident = run(FaultKind.EMPTY, "/v1/chat/completions", ProxyClient.chatBody("chat"),
        body -> !json(body).at("/choices/0/message/content").asText().isBlank());

    assertDoneWhen(incident);
  }

  @Test
  void blackImagesFromThePrimaryNeverReachUsersAndRaiseDriftWithin30Calls() throws Exception {
    Incident incident = run(FaultKind.BLACK_IMAGE, "/v1/images/generations",
        "{\"model\":\"chat\",\"prompt\":\"a lighthouse at dusk\",\"size\":\"64x64\"}",
        QualityIncidentTest::hasVisibleImage);

    assertDoneWhen(incident);
  }

  @Test
  void silentAudioFromThePrimaryNeverReachesUsersAndRaisesDriftWithin30Calls() throws Exception {
    Incident incident = run(FaultKind.SILENT_AUDIO, "/v1/audio/speech",
        "{\"model\":\"chat\",\"voice\":\"alloy\",\"response_format\":\"wav\","
            + "\"input\":\"The quick brown fox jumps over the lazy dog.\"}",
        null);

    assertDoneWhen(incident);
  }

  /**
   * No bad answer reached a user, and the primary was demoted within 30 calls: drift was raised (the
   * policy's {@code qualityDriftSigma} trigger then demotes it) after at most 30 bad answers, or it
   * got at most 30 calls in the fault window at all (its breaker opened first); and calls sent after
   * the alarm go elsewhere. (Calls already on their way to it when the alarm went up still reach it:
   * they fail over like the rest, and are not counted against the demotion.)
   */
  private static void assertDoneWhen(Incident incident) {
    assertThat(incident.badAnswers()).as("bad answers that reached users, the first of them: %s", incident.firstBad())
        .isZero();
    int beforeDemotion = incident.failedBeforeDrift() > 0 ? incident.failedBeforeDrift() : incident.primaryBadAnswers();
    assertThat(beforeDemotion).isLessThanOrEqualTo(30);
    if (incident.failedBeforeDrift() > 0) {
      // Traffic moved: of the calls sent after the alarm, (next to) none still tried the primary.
      // Counted by send order, not timed; the bound is wide (a quarter) for calls in the proxy's
      // intake when the alarm went up.
      assertThat(incident.primaryTriedAfterDrift()).as("of the calls sent after the alarm, those that tried the primary")
          .isLessThanOrEqualTo(incident.callsAfterDrift() / 4);
    }
    assertThat(incident.primaryServed()).as("the primary served before the fault").isPositive();
  }

  /** Any pixel brighter than black. */
  private static boolean hasVisibleImage(String body) {
    try {
      byte[] png = Base64.getDecoder().decode(json(body).at("/data/0/b64_json").asText());
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          if ((image.getRGB(x, y) & 0xffffff) != 0) {
            return true;
          }
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** Any WAV sample that is not zero (after the 44-byte header). */
  private static boolean hasSound(byte[] wav) {
    for (int i = 44; i < wav.length; i++) {
      if (wav[i] != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param failedBeforeDrift the primary's bad answers before drift was raised; -1 when it was not
   * @param callsAfterDrift calls sent after drift was raised (and after the intake slack)
   * @param primaryTriedAfterDrift of them, calls the primary served or failed over from
   */
  record Incident(int requests, int badAnswers, int primaryBadAnswers, int failedBeforeDrift, int primaryServed,
      int callsAfterDrift, int primaryTriedAfterDrift, List<String> firstBad) {}

  /** How many bad answers an incident describes (status, who served, why it failed over). */
  private static final int BAD_DESCRIBED = 5;

  /** Calls sent this shortly before the alarm may be planned after it: they count as neither side. */
  private static final int INTAKE_SLACK = RATE_PER_SECOND / 5;

  /** Runs the scenario and prints its figures; a null {@code goodAnswer} means a WAV with sound. */
  static Incident run(FaultKind kind, String path, String body, Predicate<String> goodAnswer) throws Exception {
    ProxyServer proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 1 << 20), ref -> Optional.empty());
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    try {
      proxy.start();
      AtomicInteger checkFailures = new AtomicInteger();
      AtomicInteger failedBeforeDrift = new AtomicInteger(-1);
      List<CompletableFuture<HttpResponse<byte[]>>> responses = new CopyOnWriteArrayList<>();
      AtomicInteger sentBeforeDrift = new AtomicInteger(-1);
      proxy.quality().drift().subscribe(new QualityEvents() {
        @Override
        public void checkFailed(String targetId, String reason) {
          if (targetId.equals(PRIMARY)) {
            checkFailures.incrementAndGet();
          }
        }

        @Override
        public void driftChanged(String targetId, DriftState state) {
          if (targetId.equals(PRIMARY) && state.drifting()) {
            failedBeforeDrift.compareAndSet(-1, checkFailures.get());
            sentBeforeDrift.compareAndSet(-1, responses.size());
          }
        }
      });
      ProxyClient client = new ProxyClient(proxy.port());
      // Healthy first, so the drift detector learns its baseline; one config, so the routing engine
      // keeps what it learned. The JVM's image and audio classes load slowly the first time: warm
      // them up before the clock of the fault window starts.
      MediaSamples.speechWav(0.1, 1);
      ImageIO.read(new ByteArrayInputStream(MediaSamples.encode(MediaSamples.blocks(8, 8, 1), "png")));
      proxy.configSink().accept(config(List.of(new FaultConfig(kind, WARM_UP_MS, FAULT_MS, 0, 0, 0))));
      paced(pacer, client, path, body, (WARM_UP_MS + FAULT_MS + COOL_DOWN_MS) * RATE_PER_SECOND / 1_000, responses);
      int bad = 0;
      int fromPrimary = 0;
      int afterDrift = 0;
      int primaryAfterDrift = 0;
      List<String> firstBad = new ArrayList<>();
      for (int i = 0; i < responses.size(); i++) {
        HttpResponse<byte[]> response = responses.get(i).get(60, TimeUnit.SECONDS);
        boolean good = goodAnswer == null
            ? hasSound(response.body())
            : goodAnswer.test(new String(response.body(), StandardCharsets.UTF_8));
        if (response.statusCode() != 200 || !good) {
          bad++;
          if (firstBad.size() < BAD_DESCRIBED) {
            firstBad.add(response.statusCode() + " served by " + response.headers().firstValue("x-spillway-served-by")
                .orElse("none") + ", fallback reason: " + response.headers().firstValue("x-spillway-fallback-reason")
                .orElse("none") + (response.statusCode() == 200 ? "" : ", body: " + new String(response.body(),
                StandardCharsets.UTF_8)));
          }
        }
        boolean servedByPrimary = response.headers().firstValue("x-spillway-served-by").orElse("").equals(PRIMARY);
        if (servedByPrimary) {
          fromPrimary++;
        }
        if (sentBeforeDrift.get() >= 0 && i >= sentBeforeDrift.get() + INTAKE_SLACK) {
          afterDrift++;
          if (servedByPrimary
              || response.headers().firstValue("x-spillway-fallback-reason").orElse("").contains(PRIMARY)) {
            primaryAfterDrift++;
          }
        }
      }
      Incident incident = new Incident(responses.size(), bad, checkFailures.get(), failedBeforeDrift.get(),
          fromPrimary, afterDrift, primaryAfterDrift, List.copyOf(firstBad));
      System.out.printf(
          "quality incident %s: %d requests at %d/s, fault %d ms: %d bad answers reached users, primary gave %d bad"
              + " answers (all failed over), drift raised after %d of them (-1: not raised); primary served %d;"
              + " %d of %d calls sent after the alarm tried the primary%n",
          kind, incident.requests(), RATE_PER_SECOND, FAULT_MS, bad, incident.primaryBadAnswers(),
          incident.failedBeforeDrift(), fromPrimary, primaryAfterDrift, afterDrift);
      return incident;
    } finally {
      pacer.shutdownNow();
      proxy.close();
    }
  }

  /** Sends {@code count} requests at the rate into {@code responses}, returning once all are sent. */
  private static void paced(ScheduledExecutorService pacer, ProxyClient client, String path, String body, long count,
      List<CompletableFuture<HttpResponse<byte[]>>> responses) throws Exception {
    CountDownLatch sent = new CountDownLatch((int) count);
    HttpRequest request = HttpRequest.newBuilder(client.uri(path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    ScheduledFuture<?> sender = pacer.scheduleAtFixedRate(() -> {
      if (sent.getCount() > 0) {
        responses.add(client.http().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
        sent.countDown();
      }
    }, 0, 1_000 / RATE_PER_SECOND, TimeUnit.MILLISECONDS);
    try {
      assertThat(sent.await(10 * count * 1_000 / RATE_PER_SECOND + 10_000, TimeUnit.MILLISECONDS)).isTrue();
    } finally {
      sender.cancel(false);
    }
  }

  /** One policy that demotes a target drifting 3 sigma below its baseline, as a user would set it. */
  private static RouterConfig config(List<FaultConfig> faults) {
    PolicyConfig any = ConfigBuilder.policy("demote-on-drift", 10, MatchConfig.ANY, List.of(), null);
    PolicyConfig demoteOnDrift = new PolicyConfig(any.name(), any.priority(), any.match(), any.route(),
        any.maxFallbackDepth(), any.minTier(), any.timeouts(), new TriggersConfig(null, null, 3.0),
        // Hedging off: this measures drift detection; on a busy machine a slow media check would
        // otherwise let hedges to the backup win the warm-up calls the primary should serve.
        CircuitBreakerConfig.DEFAULTS, RetryConfig.NONE, new dev.spillway.config.HedgeConfig(null, 0), null, null,
        ScoringConfig.DEFAULTS, null);
    return ConfigBuilder.create()
        .policy(demoteOnDrift)
        .account(simulated("primary", faults))
        .account(simulated("backup", List.of()))
        .model("chat", m -> m.target("primary", "sim-large").target("backup", "sim-small"))
        .build();
  }

  private static AccountConfig simulated(String name, List<FaultConfig> faults) {
    return new AccountConfig(name, ProviderKind.SIMULATED, "", null, null, null, false, Map.of(),
        TimeoutConfig.DEFAULTS, null, null, HealthCheckConfig.DISABLED,
        new SimulationConfig(2, 3, 0, 0, 503, SimulationConfig.DEFAULT_REPLY, faults));
  }

  static JsonNode json(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (Exception e) {
      return MAPPER.createObjectNode();
    }
  }
}
