package dev.spillway.operator.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.spillway.api.v1alpha1.ResourceStatus;
import dev.spillway.operator.status.Conditions;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollout controller writes its own status and its EvalSet's (a second resource) directly.
 * Writes a status only when it differs from the one the resource has (Keycloak's habit): a steady
 * state makes no API calls and no watch events. A JSON Patch replacing the whole status through the
 * status subresource: no resourceVersion, so it never conflicts with a spec edit; no server-side
 * apply (the Fabric8 mock server has none); and not a merge patch, whose list handling differs
 * between the mock (appends) and the API server (replaces).
 */
final class StatusWriter {
  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);
  private static final ObjectMapper MAPPER = Serialization.jsonMapper();

  private final KubernetesClient client;
  private final Clock clock;

  StatusWriter(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * @param resource the resource as last seen (its status is what "changed" is measured against);
   *     not modified, it may be an informer's cached object
   * @param desired the full new status; its conditions get transition times here
   * @return whether a patch was sent
   */
  <S extends ResourceStatus, R extends CustomResource<?, S>> boolean write(R resource, S desired) {
    S current = resource.getStatus();
    desired.observedGeneration = resource.getMetadata().getGeneration();
    desired.conditions = Conditions.stamped(desired.conditions,
        current == null ? null : current.conditions, clock.instant());
    JsonNode wanted = MAPPER.valueToTree(desired);
    if (current != null && wanted.equals(MAPPER.valueToTree(current))) {
      return false;
    }
    ArrayNode patch = MAPPER.createArrayNode();
    patch.addObject().put("op", "add").put("path", "/status").set("value", wanted);
    try {
      client.resources(resource.getClass()).inNamespace(resource.getMetadata().getNamespace())
          .withName(resource.getMetadata().getName()).subresource("status")
          .patch(PatchContext.of(PatchType.JSON), patch.toString());
      return true;
    } catch (KubernetesClientException e) {
      // Deleted meanwhile, or the API is briefly away: the next reconcile writes it again.
      LOG.debug("status of {}/{} not written: {}", resource.getKind(), resource.getMetadata().getName(),
          e.getMessage());
      return false;
    }
  }
}
