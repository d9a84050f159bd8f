package dev.spillway.operator.status;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on a resource (what `kubectl describe` and `kubectl get events` show). One event
 * per distinct (resource, reason, message): a condition that stays bad for an hour of reconciles is
 * one event, not hundreds.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  public static final String CONFIG_REJECTED = "ConfigRejected";
  public static final String CONFIG_PUBLISHED = "ConfigPublished";

  private final KubernetesClient client;
  private final Clock clock;
  /** uid + reason → last message sent, so repeats are dropped. */
  private final Map<String, String> lastSent = new ConcurrentHashMap<>();

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void warning(HasMetadata about, String reason, String message) {
    record(about, "Warning", reason, message);
  }

  public void normal(HasMetadata about, String reason, String message) {
    record(about, "Normal", reason, message);
  }

  private void record(HasMetadata about, String type, String reason, String message) {
    String key = about.getMetadata().getUid() + "/" + reason;
    if (message.equals(lastSent.put(key, message))) {
      return;
    }
    String now = clock.instant().toString();
    try {
      client.v1().events().inNamespace(about.getMetadata().getNamespace()).resource(new EventBuilder()
          .withNewMetadata()
          .withGenerateName(about.getMetadata().getName() + "-")
          .withNamespace(about.getMetadata().getNamespace())
          .endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder()
              .withApiVersion(about.getApiVersion()).withKind(about.getKind())
              .withName(about.getMetadata().getName()).withNamespace(about.getMetadata().getNamespace())
              .withUid(about.getMetadata().getUid()).build())
          .withType(type)
          .withReason(reason)
          .withMessage(message)
          .withFirstTimestamp(now)
          .withLastTimestamp(now)
          .withCount(1)
          .withNewSource("spillway-operator", null)
          .build()).create();
    } catch (KubernetesClientException e) {
      LOG.debug("event {} on {} not recorded: {}", reason, about.getMetadata().getName(), e.getMessage());
    }
  }
}
