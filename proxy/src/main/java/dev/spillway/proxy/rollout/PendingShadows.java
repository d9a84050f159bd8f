package dev.spillway.proxy.rollout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.routing.Plan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Calls chosen for mirroring, waiting for their answer to be served: the mirror goes out after
 * the client is answered, never before. Keyed by the plan object itself (one per request); bounded,
 * because a call that fails or whose client leaves never comes back for its entry.
 */
final class PendingShadows {
  static final int MAX_PENDING = 256;

  record Shadow(RolloutState state, ObjectNode body) {}

  private final Map<Key, Shadow> pending = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Shadow> eldest) {
      return size() > MAX_PENDING;
    }
  };

  synchronized void put(Plan plan, Shadow shadow) {
    pending.put(new Key(plan), shadow);
  }

  synchronized Optional<Shadow> take(Plan plan) {
    return Optional.ofNullable(pending.remove(new Key(plan)));
  }

  /** Identity, not the record's value equality: two requests may have equal plans. */
  private static final class Key {
    private final Plan plan;

    Key(Plan plan) {
      this.plan = plan;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.plan == plan;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(plan);
    }
  }
}
