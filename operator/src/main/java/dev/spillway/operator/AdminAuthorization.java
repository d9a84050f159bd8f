package dev.spillway.operator;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.operator.dependents.ProxyNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Authorization} header the operator presents to a Router's proxies when the Router has
 * admin credentials ({@code spec.admin.credentialsSecret}). The Secret is read at each use (a
 * rotated password applies at the next scrape) and only when labelled {@value SecretScope#SELECTOR},
 * like every Secret the operator reads. The values never leave this method except in the header.
 */
public final class AdminAuthorization {
  private static final Logger LOG = LoggerFactory.getLogger(AdminAuthorization.class);

  private final KubernetesClient client;

  public AdminAuthorization(KubernetesClient client) {
    this.client = client;
  }

  /** None when the Router has no admin credentials, or its Secret cannot be read (the scrape then gets 401s). */
  public Optional<String> of(Router router) {
    if (router.getSpec() == null || router.getSpec().admin == null || router.getSpec().admin.credentialsSecret == null) {
      return Optional.empty();
    }
    String namespace = router.getMetadata().getNamespace();
    String name = router.getSpec().admin.credentialsSecret;
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException denied) {
      LOG.warn("cannot read admin credentials Secret {}/{}: HTTP {}", namespace, name, denied.getCode());
      return Optional.empty();
    }
    if (secret == null || secret.getMetadata().getLabels() == null
        || !"true".equals(secret.getMetadata().getLabels().get(SecretScope.LABEL))) {
      LOG.warn("admin credentials Secret {}/{} is missing or not labelled {}", namespace, name, SecretScope.SELECTOR);
      return Optional.empty();
    }
    Map<String, String> values = SecretContents.values(secret);
    String username = values.get("username");
    String password = values.get("password");
    if (username == null || password == null) {
      LOG.warn("admin credentials Secret {}/{} lacks the keys username and password", namespace, name);
      return Optional.empty();
    }
    return Optional.of("Basic " + Base64.getEncoder().encodeToString(
        (username.strip() + ":" + password.strip()).getBytes(StandardCharsets.UTF_8)));
  }

  /** For a proxy pod: its Router is the one its instance label names, in its namespace. */
  public Optional<String> ofPod(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    String routerName = labels == null ? null : labels.get(ProxyNames.INSTANCE_LABEL);
    if (routerName == null) {
      return Optional.empty();
    }
    Router router = client.resources(Router.class).inNamespace(pod.getMetadata().getNamespace()).withName(routerName).get();
    return router == null ? Optional.empty() : of(router);
  }
}
