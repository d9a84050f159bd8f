package dev.spillway.operator.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.api.v1alpha1.ResourceStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;

/**
 * Turns a freshly computed status into JOSDK's {@link UpdateControl}: a status patch only when it
 * differs from the one the resource has (Keycloak's habit), so a steady state costs no API writes
 * and no watch events. Conditions get their transition times here. JOSDK patches the status
 * subresource without server-side apply (off: the mock API server has none), as a JSON Patch
 * computed from the difference, which needs no resourceVersion and so never conflicts with a spec
 * edit.
 */
public final class StatusPatch {
  private static final ObjectMapper MAPPER = Serialization.jsonMapper();

  private StatusPatch() {}

  /**
   * @param resource the reconciler's copy of the resource (JOSDK hands each reconcile a clone, so
   *     setting its status is safe)
   * @param desired the full new status
   */
  public static <S extends ResourceStatus, R extends CustomResource<?, S>> UpdateControl<R> ifChanged(
      R resource, S desired, Clock clock) {
    S current = resource.getStatus();
    desired.observedGeneration = resource.getMetadata().getGeneration();
    desired.conditions = Conditions.stamped(desired.conditions,
        current == null ? null : current.conditions, clock.instant());
    if (current != null && MAPPER.valueToTree(desired).equals(MAPPER.valueToTree(current))) {
      return UpdateControl.noUpdate();
    }
    resource.setStatus(desired);
    return UpdateControl.patchStatus(resource);
  }
}
