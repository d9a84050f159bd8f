package dev.spillway.operator.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.spillway.api.v1alpha1.AdminSpec;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.RouterSpec;
import dev.spillway.operator.AdminAuthorization;
import dev.spillway.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's scrape of a Router whose admin port has credentials: the header comes from the
 * Router's labelled basic-auth Secret, and a loopback admin port that refuses anything else is read.
 */
class AdminCredentialsScrapeTest {
  static final String NS = "team";
  static final String EXPECTED = "Basic " + Base64.getEncoder().encodeToString("ops:s3cret pass".getBytes(StandardCharsets.UTF_8));

  final MockCluster cluster = new MockCluster();
  HttpServer adminPort;

  @AfterEach
  void stop() {
    if (adminPort != null) {
      adminPort.stop(0);
    }
    cluster.close();
  }

  @Test
  void theRoutersSecretBecomesTheHeaderAndTheGuardedAdminPortIsRead() throws Exception {
    cluster.namespace(NS);
    cluster.secret(NS, "edge-admin", Map.of("username", "ops", "password", "s3cret pass\n"));
    Router router = cluster.router(NS, "edge");
    router.setSpec(new RouterSpec());
    router.getSpec().admin = new AdminSpec();
    router.getSpec().admin.credentialsSecret = "edge-admin";
    AdminAuthorization authorization = new AdminAuthorization(cluster.client());

    assertThat(authorization.of(router)).hasValue(EXPECTED);
    startAdminPort();
    ProxyScraper scraper = new ProxyScraper(adminPort.getAddress().getPort());
    Pod pod = new PodBuilder().withNewMetadata().withName("edge-0").endMetadata()
        .withNewStatus().withPodIP("127.0.0.1").withPhase("Running").endStatus().build();

    assertThat(scraper.scrape(List.of(pod), Map.of(), authorization.of(router))).singleElement()
        .satisfies(sample -> assertThat(sample.stats()).as("read with the credentials").isNotNull());
    assertThat(scraper.scrape(List.of(pod), Map.of(), Optional.empty())).singleElement()
        .satisfies(sample -> assertThat(sample.stats()).as("refused without").isNull());
  }

  @Test
  void noCredentialsWithoutTheSpecOrFromAnUnlabelledSecret() {
    cluster.namespace(NS);
    cluster.unlabelledSecret(NS, "stray", Map.of("username", "ops", "password", "x"));
    Router router = cluster.router(NS, "edge");
    AdminAuthorization authorization = new AdminAuthorization(cluster.client());
    assertThat(authorization.of(router)).as("no spec.admin").isEmpty();

    router.getSpec().admin = new AdminSpec();
    router.getSpec().admin.credentialsSecret = "stray";
    assertThat(authorization.of(router)).as("the operator reads only labelled Secrets").isEmpty();
  }

  private void startAdminPort() throws Exception {
    adminPort = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    adminPort.createContext("/", exchange -> {
      boolean allowed = EXPECTED.equals(exchange.getRequestHeaders().getFirst("authorization"));
      byte[] body = (exchange.getRequestURI().getPath().endsWith("/stats")
          ? "{\"configVersion\":\"v1\",\"policies\":{},\"targets\":{}}"
          : "{\"instance\":\"i\",\"events\":[]}").getBytes(StandardCharsets.UTF_8);
      if (!allowed) {
        exchange.getResponseHeaders().add("www-authenticate", "Basic realm=\"spillway-admin\"");
        exchange.sendResponseHeaders(401, -1);
      } else {
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    adminPort.start();
  }
}
