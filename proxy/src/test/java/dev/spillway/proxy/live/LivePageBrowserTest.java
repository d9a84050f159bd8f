package dev.spillway.proxy.live;

import dev.spillway.proxy.telemetry.OtlpProtocol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.proxy.cli.drill.DrillCommand;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.standalone.Samples;
import dev.spillway.proxy.standalone.StandaloneProxy;
import dev.spillway.proxy.telemetry.TelemetryOptions;
import dev.spillway.proxy.testing.OtlpReceiver;
import dev.spillway.proxy.testing.ProxyClient;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import picocli.CommandLine;

/**
 * The product's picture, checked in a real browser: a drill runs on the quickstart (the primary
 * answers 503 for a while), headless Chromium from the Debian packages opens the page the drill
 * prints, and the test reads what the page displays: the fallback taking over, then the primary
 * recovering. Chromium is required: without it this test fails (CI installs it, see .ci/run).
 */
class LivePageBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Pattern PAGE = Pattern.compile("watch it live at (http://\\S+/live/)");
  private static final Duration OUTAGE_SEEN_WITHIN = Duration.ofSeconds(30);
  private static final Duration RECOVERY_SEEN_WITHIN = Duration.ofSeconds(120);
  private static final String ADMIN_USER = "ops";
  private static final String ADMIN_PASSWORD = "drill-page-password";

  /**
   * With admin credentials on the drill's admin port, opened as a user who typed them once: the
   * page's fetches and its event stream carry them (same origin, same realm).
   */
  @Test
  void thePageShowsTheFallbackTakeOverAndThePrimaryRecover(@TempDir Path profile, @TempDir Path admin) throws Exception {
    assertThat(CHROMIUM).as("chromium (apt-get install chromium chromium-driver)").isExecutable();
    assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").isExecutable();
    Files.writeString(admin.resolve("username"), ADMIN_USER);
    Files.writeString(admin.resolve("password"), ADMIN_PASSWORD);
    StringWriter drillOut = new StringWriter();
    StringWriter drillErr = new StringWriter();
    // The browser first: the drill's outage runs on the wall clock (5 s to 12.5 s), and on a loaded
    // machine Chromium can take longer than that to start, so the page would open after it.
    WebDriver browser = chromium(profile);
    // Its own thread: the drill blocks while it watches, and the common pool serves HTTP completions.
    ExecutorService drillThread = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<Integer> drill = CompletableFuture.supplyAsync(() -> new CommandLine(new DrillCommand())
          .setOut(new PrintWriter(drillOut, true)).setErr(new PrintWriter(drillErr, true))
          .execute("--config", Samples.root().resolve("quickstart").toString(), "--port", "0", "--admin-port", "0",
              "--fault-at", "5s", "--recover-within", "100s", "--color", "never", "--admin-credentials", admin.toString()),
          drillThread);
      String page = await().atMost(Duration.ofSeconds(30)).until(() -> pageOf(drillOut.toString()), url -> url != null)
          .replace("http://", "http://" + ADMIN_USER + ":" + ADMIN_PASSWORD + "@");
      watch(browser, page, drillOut, drillErr);
      assertThat(drill.get(RECOVERY_SEEN_WITHIN.toSeconds(), TimeUnit.SECONDS)).as(drillErr.toString()).isZero();
      assertThat(drillOut.toString()).containsPattern("drill passed: sim-primary/sim-fast-1 failed over at t\\+\\d+\\.\\ds"
          + " and recovered at t\\+\\d+\\.\\ds");
    } finally {
      browser.quit();
      drillThread.shutdown();
    }
  }

  /** A log line of a traced call links to its trace in the trace UI the template names. */
  @Test
  void aLogLineLinksToItsTraceThroughTheTemplate(@TempDir Path profile) throws Exception {
    try (OtlpReceiver otlp = OtlpReceiver.start();
        StandaloneProxy proxy = StandaloneProxy.start(new ProxyOptions("127.0.0.1", 0, ProxyOptions.DEFAULT_MAX_BODY,
            new TelemetryOptions(otlp.endpoint(), OtlpProtocol.HTTP_PROTOBUF, 1.0, false, false,
                "http://traces.example/trace/{traceId}?from=spillway")), Samples.root().resolve("quickstart"), Map.of())) {
      // The outage-drill policy's primary is always down: a failover, which the log shows.
      HttpResponse<String> call = new ProxyClient(proxy.port())
          .chat(ProxyClient.chatBody("chat"), Map.of("x-spillway-purpose", "outage-drill"));
      assertThat(call.statusCode()).isEqualTo(200);
      String traceId = call.headers().firstValue("traceparent").orElseThrow().split("-")[1];
      WebDriver browser = chromium(profile);
      try {
        browser.get("http://127.0.0.1:" + proxy.adminPort() + "/live/");
        await().atMost(OUTAGE_SEEN_WITHIN).ignoreExceptions().untilAsserted(() -> {
          WebElement link = browser.findElement(By.cssSelector("#log li[data-kind='failover'] .trace a"));
          assertThat(link.getAttribute("href")).isEqualTo("http://traces.example/trace/" + traceId + "?from=spillway");
          assertThat(link.getText()).isEqualTo("trace " + traceId);
        });
      } finally {
        browser.quit();
      }
    }
  }

  /** Follows the drill on the page; on a timeout, says what the page and the drill showed. */
  private static void watch(WebDriver browser, String page, StringWriter drillOut, StringWriter drillErr)
      throws Exception {
    try {
      browser.get(page);
      // The outage: the chat model's calls are served by the fallback, and the log says so.
      await().atMost(OUTAGE_SEEN_WITHIN).ignoreExceptions().untilAsserted(() -> {
        assertThat(serving(browser)).isEqualTo("serving sim-backup/sim-fast-1 (fallback)");
        assertThat(logLines(browser, "failover")).anyMatch(line -> line.contains("failover → sim-backup/sim-fast-1"));
      });
      screenshot(browser, "live-page-failover.png");
      // The panel is redrawn every second: read it whole between two redraws.
      await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
        // Each line names the call that showed it (no tracing here: its request id).
        assertThat(browser.findElements(By.cssSelector("#log li[data-kind='failover'] .trace")))
            .first().extracting(WebElement::getText).asString().matches("request req_\\w+");
        assertThat(browser.findElement(By.id("stream")).getText()).isEqualTo("stream: live");
        assertThat(browser.findElement(By.id("replica")).getText()).startsWith("replica ").contains(" · run ");
        // A drill is standalone: the cluster panel says there is no operator to sum the replicas.
        assertThat(browser.findElement(By.id("cluster")).getText()).startsWith("standalone: no operator");
        // The latest decision lists each candidate with its score and standing.
        assertThat(browser.findElements(By.cssSelector("#decisions .decision")).get(0).getText())
            .contains("sim-primary/sim-fast-1", "sim-backup/sim-fast-1", "eligible");
      });
      // The recovery: the primary serves again with its circuit closed, and the log says so.
      await().atMost(RECOVERY_SEEN_WITHIN).ignoreExceptions().untilAsserted(() -> {
        assertThat(logLines(browser, "recovered"))
            .anyMatch(line -> line.contains("✓ recovered: sim-primary/sim-fast-1 serves chat again"));
        assertThat(serving(browser)).isEqualTo("serving sim-primary/sim-fast-1 (primary)");
        assertThat(circuit(browser, "sim-primary/sim-fast-1")).isEqualTo("closed");
      });
      // Promptly: the first probe after the cool-down found the outage over, so the primary's circuit
      // opened once; a second opening doubles the cool-down (the recovery then took 40 s and more).
      // Counted, not timed: the ramp after the probe moves with the drill's calls, which a loaded
      // machine slows (48 s from the outage's end to the recovery was seen against a 30 s bound).
      assertThat(logLines(browser, "circuit-opened")).as("the primary's circuit opened once, not again after a probe")
          .filteredOn(line -> line.contains("sim-primary/sim-fast-1: circuit opened")).hasSize(1);
      screenshot(browser, "live-page-recovered.png");
    } catch (ConditionTimeoutException timeout) {
      String out = drillOut.toString();
      throw new AssertionError("the page showed:\n" + browser.findElement(By.tagName("body")).getText()
          + "\n--- the drill's last output:\n" + out.substring(Math.max(0, out.length() - 4000))
          + "\n--- its errors:\n" + drillErr, timeout);
    }
  }

  static WebDriver chromium(Path profile) {
    // The driver is named outright, so Selenium Manager never looks for (or downloads) one.
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,1050", "--user-data-dir=" + profile.toAbsolutePath());
    return new ChromeDriver(service, options);
  }

  private static String pageOf(String out) {
    Matcher matcher = PAGE.matcher(out);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static String serving(WebDriver browser) {
    return browser.findElement(By.cssSelector("article.model[data-model='chat'] .serving")).getText();
  }

  private static String circuit(WebDriver browser, String target) {
    return browser.findElement(By.cssSelector("article.model[data-model='chat'] tr[data-target='" + target + "'] .circuit"))
        .getText();
  }

  private static List<String> logLines(WebDriver browser, String kind) {
    return browser.findElements(By.cssSelector("#log li[data-kind='" + kind + "']")).stream()
        .map(WebElement::getText).toList();
  }

  /** Kept in target/ for the docs' picture (docs/images/live-page.png is one of them). */
  private static void screenshot(WebDriver browser, String name) throws Exception {
    File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), Path.of("target", name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
