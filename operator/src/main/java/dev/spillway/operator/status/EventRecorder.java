package dev.spillway.operator.status;

import static java.net.HttpURLConnection.HTTP_CONFLICT;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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
 * one event, not hundreds. Happenings the caller has already found new ({@link #occurred}) are
 * recorded every time, since the same one (a circuit opening again) may rightly recur.
 */
public final class EventRecorder implements Events {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  public static final String CONFIG_REJECTED = "ConfigRejected";
  public static final String CONFIG_PUBLISHED = "ConfigPublished";
  public static final String BUDGET_ALERT = "BudgetAlert";

  private final KubernetesClient client;
  private final Clock clock;
  /** uid + reason → last message sent, so repeats are dropped. */
  private final Map<String, String> lastSent = new ConcurrentHashMap<>();

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public void warning(HasMetadata about, String reason, String message) {
    record(about, "Warning", reason, message);
  }

  @Override
  public void normal(HasMetadata about, String reason, String message) {
    record(about, "Normal", reason, message);
  }

  @Override
  public void occurred(HasMetadata about, String reason, String message) {
    send(about, "Warning", reason, message);
  }

  @Override
  public void once(HasMetadata about, String name, boolean warning, String reason, String message) {
    create(about, new ObjectMetaBuilder().withName(name).withNamespace(about.getMetadata().getNamespace()).build(),
        warning ? "Warning" : "Normal", reason, message);
  }

  private void record(HasMetadata about, String type, String reason, String message) {
    String key = about.getMetadata().getUid() + "/" + reason;
    if (message.equals(lastSent.put(key, message))) {
      return;
    }
    send(about, type, reason, message);
  }

  private void send(HasMetadata about, String type, String reason, String message) {
    create(about, new ObjectMetaBuilder().withGenerateName(about.getMetadata().getName() + "-")
        .withNamespace(about.getMetadata().getNamespace()).build(), type, reason, message);
  }

  private void create(HasMetadata about, ObjectMeta meta, String type, String reason, String message) {
    String now = clock.instant().toString();
    try {
      client.v1().events().inNamespace(about.getMetadata().getNamespace()).resource(new EventBuilder()
          .withMetadata(meta)
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
      if (e.getCode() == HTTP_CONFLICT) {
        return; // a named event recorded before: exactly what once() is for
      }
      LOG.debug("event {} on {} not recorded: {}", reason, about.getMetadata().getName(), e.getMessage());
    }
  }
}
