package dev.spillway.proxy.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.testing.ProxyClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart as a user runs it: a real proxy on loopback serving the sample folder. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuickstartEndToEndTest {
  private StandaloneProxy proxy;
  private ProxyClient client;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    ProxyOptions loopback = new ProxyOptions("127.0.0.1", 0, ProxyOptions.DEFAULT_MAX_BODY);
    proxy = StandaloneProxy.start(loopback, Samples.copy("quickstart", dir), Map.of());
    client = new ProxyClient(proxy.port());
  }

  @AfterAll
  void stop() {
    proxy.close();
  }

  @Test
  void aPlainCallIsServedByThePrimary() throws Exception {
    HttpResponse<String> response = client.chat(ProxyClient.chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValueSatisfying(
        servedBy -> assertThat(servedBy).contains("sim-primary"));
    assertThat(response.headers().firstValue("x-spillway-fallback-reason")).isEmpty();
    assertThat(response.body()).contains("\"chat.completion\"", "Hello from sim-primary");
  }

  @Test
  void anOutageDrillIsServedByTheBackupWithTheFallbackReason() throws Exception {
    HttpResponse<String> response = client.chat(
        ProxyClient.chatBody("chat"), Map.of("x-spillway-purpose", "outage-drill"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValueSatisfying(
        servedBy -> assertThat(servedBy).contains("sim-backup"));
    assertThat(response.headers().firstValue("x-spillway-fallback-reason")).hasValueSatisfying(
        reason -> assertThat(reason).isNotBlank());
    assertThat(response.body()).contains("Hello from sim-backup");
  }

  @Test
  void aPlanningStepIsRoutedToTheSmartModel() throws Exception {
    HttpResponse<String> response = client.chat(
        ProxyClient.chatBody("chat"), Map.of("x-spillway-step", "planning"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValueSatisfying(
        servedBy -> assertThat(servedBy).contains("sim-smart"));
  }

  @Test
  void aStreamArrivesInChunksFromThePrimaryAndEndsWithDone() throws Exception {
    HttpResponse<String> response = client.chat(ProxyClient.streamBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));
    assertThat(response.body().split("\n\n")).hasSizeGreaterThan(5);
    assertThat(response.body()).contains("\"chat.completion.chunk\"", "sim-primary", "\"finish_reason\":\"stop\"");
    assertThat(response.body().strip()).endsWith("data: [DONE]");
  }
}
