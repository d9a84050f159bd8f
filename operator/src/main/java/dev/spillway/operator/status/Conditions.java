package dev.spillway.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Condition types and reasons (positive polarity, Gateway API style), and how a new set of
 * conditions keeps the transition time of those whose status did not change.
 */
public final class Conditions {
  public static final String ACCEPTED = "Accepted";
  public static final String RESOLVED_REFS = "ResolvedRefs";
  public static final String PROGRAMMED = "Programmed";
  public static final String READY = "Ready";
  /** Only on a Router with spec.sharedState: whether every replica shares its limits and health. */
  public static final String SHARED_STATE = "SharedState";

  /** Reasons, each naming one situation a user can look up. */
  public static final class Reason {
    public static final String VALID = "Valid";
    public static final String INVALID = "Invalid";
    public static final String RESOLVED = "Resolved";
    public static final String REF_NOT_FOUND = "RefNotFound";
    public static final String SECRET_NOT_FOUND = "SecretNotFound";
    public static final String PUBLISHED = "Published";
    public static final String CONFIG_REJECTED = "ConfigRejected";
    public static final String PENDING = "Pending";
    public static final String AVAILABLE = "Available";
    public static final String PROGRESSING = "Progressing";
    public static final String NO_ROUTER = "NoRouter";
    public static final String NAMESPACE_CONFLICT = "NamespaceConflict";
    public static final String RECONCILE_FAILED = "ReconcileFailed";
    public static final String SHARED = "Shared";
    public static final String LOCAL_FALLBACK = "LocalFallback";

    private Reason() {}
  }

  private Conditions() {}

  public static Condition of(String type, boolean ok, String reason, String message, Long generation) {
    return of(type, ok ? "True" : "False", reason, message, generation);
  }

  /** A condition nobody can decide yet (no Router has compiled the resource). */
  public static Condition unknown(String type, String reason, String message, Long generation) {
    return of(type, "Unknown", reason, message, generation);
  }

  private static Condition of(String type, String status, String reason, String message, Long generation) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .build();
  }

  /**
   * The new conditions, stamped with a transition time: the previous one where the status stayed
   * the same (Kubernetes convention: lastTransitionTime moves only on a status change), now otherwise.
   */
  public static List<Condition> stamped(List<Condition> fresh, List<Condition> previous, Instant now) {
    List<Condition> stamped = new ArrayList<>();
    for (Condition condition : fresh) {
      Condition before = find(previous, condition.getType());
      String time = before != null && Objects.equals(before.getStatus(), condition.getStatus())
          && before.getLastTransitionTime() != null
          ? before.getLastTransitionTime()
          : now.toString();
      stamped.add(new ConditionBuilder(condition).withLastTransitionTime(time).build());
    }
    return stamped;
  }

  /** The conditions with one of them replaced (or added), the others kept as they are. */
  public static List<Condition> with(List<Condition> conditions, Condition replacement) {
    List<Condition> updated = new ArrayList<>();
    if (conditions != null) {
      conditions.stream().filter(c -> !c.getType().equals(replacement.getType())).forEach(updated::add);
    }
    updated.add(replacement);
    return updated;
  }

  public static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
