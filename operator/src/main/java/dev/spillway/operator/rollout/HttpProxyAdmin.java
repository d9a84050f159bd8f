package dev.spillway.operator.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** {@link ProxyAdmin} over HTTP to the pods' admin port; every call bounded. */
public final class HttpProxyAdmin implements ProxyAdmin {
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);
  /** An eval set of hundreds of cases at 4 in flight takes minutes; the proxy bounds its run at 10. */
  private static final Duration EVAL_TIMEOUT = Duration.ofMinutes(11);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(POLL_TIMEOUT).build();
  private final int port;
  /** A pod's Router's admin credentials as a header value, when it has some. */
  private final Function<Pod, Optional<String>> authorization;

  public HttpProxyAdmin(int port, Function<Pod, Optional<String>> authorization) {
    this.port = port;
    this.authorization = authorization;
  }

  @Override
  public EvalOutcome runEval(Pod replica, JsonNode request) {
    HttpRequest post = authorized(HttpRequest.newBuilder(uri(replica, "/v1/spillway/evals")), replica)
        .timeout(EVAL_TIMEOUT).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build();
    try {
      HttpResponse<String> answer = http.send(post, HttpResponse.BodyHandlers.ofString());
      JsonNode body = MAPPER.readTree(answer.body());
      return answer.statusCode() == 200 ? new EvalOutcome(body, null)
          : new EvalOutcome(null, "replica " + replica.getMetadata().getName() + " answered " + answer.statusCode()
              + ": " + body.path("error").path("message").asText(""));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return new EvalOutcome(null, "interrupted");
    } catch (Exception failed) {
      return new EvalOutcome(null, "replica " + replica.getMetadata().getName() + " unreachable: "
          + failed.getClass().getSimpleName());
    }
  }

  @Override
  public List<JsonNode> rollouts(List<Pod> replicas) {
    List<CompletableFuture<JsonNode>> pending = new ArrayList<>();
    for (Pod replica : replicas) {
      HttpRequest get = authorized(HttpRequest.newBuilder(uri(replica, "/v1/spillway/rollouts")), replica)
          .timeout(POLL_TIMEOUT).GET().build();
      pending.add(http.sendAsync(get, HttpResponse.BodyHandlers.ofString())
          .thenApply(answer -> answer.statusCode() == 200 ? read(answer.body()) : null)
          .exceptionally(unreachable -> null));
    }
    List<JsonNode> reports = new ArrayList<>();
    for (CompletableFuture<JsonNode> answer : pending) {
      JsonNode body = answer.join();
      if (body != null) {
        body.path("rollouts").forEach(reports::add);
      }
    }
    return reports;
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request, Pod replica) {
    authorization.apply(replica).ifPresent(value -> request.header("authorization", value));
    return request;
  }

  private static JsonNode read(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (Exception unreadable) {
      return null;
    }
  }

  private URI uri(Pod pod, String path) {
    String ip = pod.getStatus().getPodIP();
    return URI.create("http://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port + path);
  }
}
