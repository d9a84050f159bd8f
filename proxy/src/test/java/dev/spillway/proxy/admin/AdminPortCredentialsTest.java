package dev.spillway.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.proxy.cli.top.TopCommand;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.standalone.Samples;
import dev.spillway.proxy.standalone.StandaloneProxy;
import dev.spillway.proxy.testing.ProxyClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A proxy whose admin port has credentials (a folder laid out like a mounted basic-auth Secret):
 * every admin endpoint answers 401 with a Basic challenge without them, serves with them, and
 * follows a rotated password with no restart; the public port and the probes are as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPortCredentialsTest {
  private static final String USER = "ops";
  private static final String PASSWORD = "correct horse battery staple";
  private static final String[] ADMIN_PATHS = {"/metrics", "/v1/spillway/stats", "/v1/spillway/quality",
      "/v1/spillway/transitions", "/v1/spillway/rollouts", "/v1/spillway/live", "/live/", "/live/live.js"};

  @TempDir static Path secret;
  private StandaloneProxy proxy;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start() throws Exception {
    write(USER, PASSWORD);
    proxy = StandaloneProxy.start(new ProxyOptions("127.0.0.1", 0, ProxyOptions.DEFAULT_MAX_BODY)
        .withAdmin(AdminCredentials.fromFolder(secret)), Samples.root().resolve("quickstart"), Map.of());
  }

  @AfterAll
  void stop() {
    proxy.close();
  }

  @Test
  void everyAdminEndpointAsksForTheCredentialsAndServesWithThem() throws Exception {
    for (String path : ADMIN_PATHS) {
      HttpResponse<String> anonymous = admin(path, null);
      assertThat(anonymous.statusCode()).as("%s without credentials", path).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("www-authenticate")).as(path)
          .hasValue("Basic realm=\"spillway-admin\"");
      assertThat(admin(path, basic(USER, "wrong")).statusCode()).as("%s with a wrong password", path).isEqualTo(401);
      assertThat(admin(path, basic("root", PASSWORD)).statusCode()).as("%s as another user", path).isEqualTo(401);
      HttpResponse<String> authorized = admin(path, basic(USER, PASSWORD));
      assertThat(authorized.statusCode()).as("%s with credentials", path).isEqualTo(200);
    }
    assertThat(admin("/v1/spillway/live", basic(USER, PASSWORD)).body()).contains("\"replica\"");
  }

  @Test
  void theEventStreamIsGuardedToo() throws Exception {
    HttpRequest events = HttpRequest.newBuilder(URI.create(adminUrl() + "/v1/spillway/live/events"))
        .timeout(Duration.ofSeconds(5)).build();
    assertThat(http.send(events, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
    HttpResponse<Stream<String>> open = http.send(HttpRequest.newBuilder(events.uri())
        .header("authorization", basic(USER, PASSWORD)).build(), HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = open.body()) {
      assertThat(open.statusCode()).isEqualTo(200);
      assertThat(open.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    }
  }

  @Test
  void probesAndThePublicPortNeedNoAdminCredentials() throws Exception {
    assertThat(admin("/healthz", null).statusCode()).isEqualTo(200);
    assertThat(admin("/readyz", null).statusCode()).isEqualTo(200);
    assertThat(new ProxyClient(proxy.port()).chat(ProxyClient.chatBody("chat")).statusCode()).isEqualTo(200);
  }

  @Test
  void aRotatedPasswordAppliesWithNoRestart() throws Exception {
    String rotated = "a new password after rotation";
    write(USER, rotated);
    try {
      assertThat(admin("/v1/spillway/stats", basic(USER, PASSWORD)).statusCode()).isEqualTo(401);
      assertThat(admin("/v1/spillway/stats", basic(USER, rotated)).statusCode()).isEqualTo(200);
    } finally {
      write(USER, PASSWORD);
    }
  }

  @Test
  void topPresentsTheCredentialsAndSaysWhatIsMissingWithout() {
    Run with = top("--url", adminUrl(), "--once", "--color", "never", "--admin-credentials", secret.toString());
    assertThat(with.exit()).as(with.err()).isZero();
    assertThat(with.out()).contains("Spillway live · replica ");

    Run without = top("--url", adminUrl(), "--once");
    assertThat(without.exit()).isEqualTo(1);
    assertThat(without.err()).contains("answered HTTP 401 (the admin port needs credentials: --admin-credentials,"
        + " or $SPILLWAY_ADMIN_USERNAME and $SPILLWAY_ADMIN_PASSWORD)");
  }

  @Test
  void credentialsAreNeverPrintedAndHalfOfAPairIsRefused() throws Exception {
    AdminCredentials given = AdminCredentials.of(USER, PASSWORD);
    assertThat(given.toString()).doesNotContain(PASSWORD);
    assertThat(given.current().orElseThrow().toString()).doesNotContain(PASSWORD);
    assertThat(AdminCredentials.fromFolder(secret).toString()).doesNotContain(PASSWORD).contains(secret.toString());
    assertThatThrownBy(() -> AdminCredentials.of(USER, null)).hasMessage("admin credentials need both a username and a password");
    Path empty = Files.createDirectories(secret.resolveSibling(secret.getFileName() + "-empty"));
    assertThatThrownBy(() -> AdminCredentials.fromFolder(empty)).hasMessageContaining("must hold the files username and password");
    assertThat(AdminCredentials.NONE.required()).isFalse();
    assertThat(AdminCredentials.NONE.accepts(USER, PASSWORD.toCharArray())).isFalse();
  }

  private void write(String user, String password) throws Exception {
    Files.writeString(secret.resolve("username"), user, StandardCharsets.UTF_8);
    Files.writeString(secret.resolve("password"), password + "\n", StandardCharsets.UTF_8);
  }

  private String adminUrl() {
    return "http://127.0.0.1:" + proxy.adminPort();
  }

  private HttpResponse<String> admin(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(adminUrl() + path)).timeout(Duration.ofSeconds(5));
    if (authorization != null) {
      request.header("authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private record Run(int exit, String out, String err) {}

  private static Run top(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new TopCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
