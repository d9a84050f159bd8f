package dev.spillway.operator.testing;

import dev.spillway.api.v1alpha1.ModelRollout;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.compiler.LoadedResources;
import dev.spillway.compiler.ResourceYaml;
import dev.spillway.operator.SecretScope;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Kubernetes API for tests: the Fabric8 mock server in CRUD mode over plain HTTP, with the
 * generated Spillway CRDs loaded (docs/architecture.md, "Testing without a cluster"). It has no controllers, so {@link #playDeployment}
 * does what the Deployment controller and kubelet would: ready replicas and Running pods with IPs.
 */
public final class MockCluster implements AutoCloseable {
  /** The mock logs every request at INFO through JUL; held strongly, as JUL keeps loggers weakly. */
  private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  public MockCluster() {
    server = new KubernetesMockServer(
        new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    client = server.createClient();
    loadCrds();
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  public KubernetesClient client() {
    return client;
  }

  /** The API server's URL, for a client in another process. */
  public String url() {
    return client.getConfiguration().getMasterUrl();
  }

  private void loadCrds() {
    try (Stream<Path> files = Files.list(RepoPaths.generatedCrds())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          client.apiextensions().v1().customResourceDefinitions().load(in).create();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void namespace(String name) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
  }

  /** Creates every Spillway resource of a samples-style folder in the namespace. */
  public List<HasMetadata> applyFolder(Path folder, String namespace) {
    LoadedResources loaded = ResourceYaml.readFolder(folder);
    if (!loaded.problems().isEmpty()) {
      throw new IllegalArgumentException("unreadable resources in " + folder + ": " + loaded.problems());
    }
    List<HasMetadata> all = new ArrayList<>();
    all.addAll(loaded.accounts());
    all.addAll(loaded.models());
    all.addAll(loaded.policies());
    all.addAll(loaded.consumers());
    all.addAll(loaded.routers());
    for (HasMetadata resource : all) {
      resource.getMetadata().setNamespace(namespace);
      client.resource(resource).create();
    }
    loaded.secrets().forEach((name, values) -> secret(namespace, name, values));
    return all;
  }

  /**
   * Creates the EvalSets and ConfigMaps of a samples-style folder (not its ModelRollouts: a test
   * starts those one at a time).
   */
  public void applyEvalSets(Path folder, String namespace) {
    LoadedResources loaded = ResourceYaml.readFolder(folder);
    loaded.rollouts().evalSets().forEach(set -> {
      set.getMetadata().setNamespace(namespace);
      client.resource(set).create();
    });
    loaded.rollouts().configMaps().forEach((name, data) -> client.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata().withData(data).build()).create());
  }

  /** One ModelRollout of a samples-style folder, created in the namespace after {@code edit}. */
  public ModelRollout applyRollout(Path folder, String name, String namespace, java.util.function.Consumer<ModelRollout> edit) {
    ModelRollout rollout = ResourceYaml.readFolder(folder).rollouts().rollouts().stream()
        .filter(r -> r.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no ModelRollout " + name + " in " + folder));
    rollout.getMetadata().setNamespace(namespace);
    edit.accept(rollout);
    return client.resource(rollout).create();
  }

  /** A Secret labelled for Spillway, as the docs tell users to create them. */
  public void secret(String namespace, String name, Map<String, String> values) {
    client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
        .withLabels(Map.of(SecretScope.LABEL, "true"))
        .endMetadata().withStringData(values).build()).create();
  }

  /** A Secret without Spillway's label: one the operator must never see. */
  public void unlabelledSecret(String namespace, String name, Map<String, String> values) {
    client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
        .endMetadata().withStringData(values).build()).create();
  }

  public Router router(String namespace, String name) {
    Router router = new Router();
    router.getMetadata().setName(name);
    router.getMetadata().setNamespace(namespace);
    router.setSpec(new dev.spillway.api.v1alpha1.RouterSpec());
    return client.resource(router).create();
  }

  /**
   * Plays the Deployment controller and kubelet for a Deployment: marks its replicas ready and
   * creates one Running pod per replica at {@code 127.0.0.1} (where a test runs the proxy).
   */
  public List<Pod> playDeployment(String namespace, String name) {
    Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
    int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
      Pod pod = client.resource(new PodBuilder()
          .withNewMetadata().withName(name + "-" + i).withNamespace(namespace).withLabels(labels).endMetadata()
          .withSpec(deployment.getSpec().getTemplate().getSpec())
          .build()).create();
      pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
          .withPhase("Running").withPodIP("127.0.0.1").build());
      pods.add(client.resource(pod).updateStatus());
    }
    deployment.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
        .withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas).build());
    client.resource(deployment).updateStatus();
    return pods;
  }

  /** Every request the API server received so far (path with query), oldest first; drains the record. */
  public List<String> requestsSoFar() {
    List<String> paths = new ArrayList<>();
    try {
      for (var request = server.takeRequest(0, java.util.concurrent.TimeUnit.MILLISECONDS); request != null;
          request = server.takeRequest(0, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        paths.add(request.getMethod() + " " + request.getPath());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return paths;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
