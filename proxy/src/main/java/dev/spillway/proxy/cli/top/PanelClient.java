package dev.spillway.proxy.cli.top;

import dev.spillway.proxy.admin.AdminCredentials;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.live.Panel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** Reads a proxy's panel snapshot from its admin port, as the page does. */
public final class PanelClient {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** A panel is a few hundred KiB at most; a larger answer is not a Spillway admin port. */
  static final int MAX_BYTES = 8 << 20;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final URI panel;
  private final AdminCredentials credentials;

  /**
   * @param adminUrl the admin port's base URL, e.g. {@code http://localhost:9090}
   * @param credentials presented when set (the admin port asks for them when it has some)
   */
  public PanelClient(String adminUrl, AdminCredentials credentials) {
    this.panel = panelUri(adminUrl);
    this.credentials = credentials;
  }

  /** Where the panel is read, for messages. */
  public URI uri() {
    return panel;
  }

  /** The panel now. @throws IOException with one readable line when it cannot be read */
  public Panel read() throws IOException, InterruptedException {
    HttpResponse<byte[]> response;
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(panel).timeout(TIMEOUT).GET();
      credentials.authorization().ifPresent(value -> request.header("authorization", value));
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException refused) {
      throw new IOException("cannot reach " + panel + ": connection refused (is the proxy running, and is this its admin port?)");
    } catch (HttpTimeoutException slow) {
      throw new IOException("no answer from " + panel + " within " + TIMEOUT.toSeconds() + "s");
    }
    if (response.statusCode() != 200) {
      throw new IOException(panel + " answered HTTP " + response.statusCode()
          + (response.statusCode() == 404 ? " (an admin port of a proxy without the live page?)"
              : response.statusCode() == 401 ? (credentials.required() ? " (wrong admin credentials)"
                  : " (the admin port needs credentials: --admin-credentials, or $SPILLWAY_ADMIN_USERNAME and"
                      + " $SPILLWAY_ADMIN_PASSWORD)") : ""));
    }
    if (response.body().length > MAX_BYTES) {
      throw new IOException(panel + " answered more than " + MAX_BYTES + " bytes: not a Spillway panel");
    }
    return Json.MAPPER.readValue(response.body(), Panel.class);
  }

  static URI panelUri(String adminUrl) {
    URI base;
    try {
      base = URI.create(adminUrl.strip());
    } catch (IllegalArgumentException bad) {
      throw new IllegalArgumentException("--url '" + adminUrl + "' is not a URL: " + bad.getMessage());
    }
    if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
      throw new IllegalArgumentException("--url '" + adminUrl
          + "' must be the admin port's http(s) URL, e.g. http://localhost:9090");
    }
    String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
    // The page's own address works too: http://host:9090/live/ reads the same panel.
    path = path.endsWith("/live") ? path.substring(0, path.length() - "/live".length()) : path;
    return base.resolve(path + "/v1/spillway/live");
  }
}
