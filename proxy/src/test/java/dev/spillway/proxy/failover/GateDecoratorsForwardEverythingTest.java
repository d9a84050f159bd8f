package dev.spillway.proxy.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.rollout.RolloutArms;
import dev.spillway.proxy.stats.CountingGate;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A gate that wraps another must forward every method: one left to the interface's default would
 * silently switch the engine's in-flight health, adaptive timeouts, hedging or reservations off.
 */
class GateDecoratorsForwardEverythingTest {

  @ParameterizedTest
  @ValueSource(classes = {CountingGate.class, RolloutArms.class, ForwardingGate.class})
  void everyGateMethodIsForwarded(Class<?> decorator) {
    List<String> missing = Arrays.stream(TargetGate.class.getMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()))
        .filter(m -> !implemented(decorator, m))
        .map(Method::getName)
        .toList();

    assertThat(missing).as(decorator.getSimpleName() + " leaves these to the defaults").isEmpty();
  }

  /** Implemented by the class or a class it extends (ForwardingGate), not left to an interface default. */
  private static boolean implemented(Class<?> type, Method method) {
    try {
      return !type.getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass().isInterface();
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
