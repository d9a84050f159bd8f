package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.SimulatedAnswer;
import dev.spillway.api.v1alpha1.SimulatedFault;
import dev.spillway.api.v1alpha1.Simulation;
import dev.spillway.config.SimulationConfig;
import dev.spillway.config.SimulationConfig.FaultConfig;
import dev.spillway.config.SimulationConfig.FaultKind;
import dev.spillway.config.SimulationConfig.ScriptedAnswer;
import java.util.ArrayList;
import java.util.List;

/** The {@code simulation} block of a simulated ProviderAccount. */
final class SimulationCompiler {
  static final long DEFAULT_LATENCY_MS = 40;
  static final long DEFAULT_INTER_CHUNK_DELAY_MS = 10;
  static final int DEFAULT_ERROR_STATUS = 503;
  private static final Range HTTP_ERROR = Range.between(400, 599);
    private static final List<String> FAULT_NAMES = WireNames.of(FaultKind.class);

  private SimulationCompiler() {}

  static SimulationConfig compile(Simulation given, FieldChecker check) {
    Simulation sim = given == null ? new Simulation() : given;
    String field = "spec.simulation.";
    List<FaultConfig> faults = new ArrayList<>();
    List<SimulatedFault> listed = sim.faults == null ? List.of() : sim.faults;
    for (int i = 0; i < listed.size(); i++) {
      FaultConfig fault = fault(listed.get(i), field + "faults[" + i + "]", check);
      if (fault != null) {
        faults.add(fault);
      }
    }
    return new SimulationConfig(
        check.delay(field + "latency", sim.latency, DEFAULT_LATENCY_MS),
        check.delay(field + "jitter", sim.jitter, 0),
        check.delay(field + "interChunkDelay", sim.interChunkDelay, DEFAULT_INTER_CHUNK_DELAY_MS),
        check.number(field + "errorRate", sim.errorRate, Range.between(0, 1), 0),
        check.integer(field + "errorStatus", sim.errorStatus, HTTP_ERROR, DEFAULT_ERROR_STATUS),
        sim.reply == null ? SimulationConfig.DEFAULT_REPLY : sim.reply,
        faults,
        answers(sim.answers, field + "answers", check));
  }

  private static List<ScriptedAnswer> answers(List<SimulatedAnswer> listed, String field, FieldChecker check) {
    List<ScriptedAnswer> answers = new ArrayList<>();
    for (int i = 0; listed != null && i < listed.size(); i++) {
      SimulatedAnswer answer = listed.get(i);
      String at = field + "[" + i + "]";
      if (answer == null) {
        check.report(at, "is empty: an answer needs whenContains and reply");
      } else if (check.require(at + ".whenContains", answer.whenContains, "text of the prompt to answer")
          & check.require(at + ".reply", answer.reply, "the answer text")) {
        answers.add(new ScriptedAnswer(answer.whenContains, answer.reply));
      }
    }
    return answers;
  }

  private static FaultConfig fault(SimulatedFault fault, String field, FieldChecker check) {
    if (fault == null) {
      check.report(field, "is empty: a fault needs at least a kind");
      return null;
    }
    if (!check.require(field + ".kind", fault.kind, "one of " + String.join(", ", FAULT_NAMES))) {
      return null;
    }
    String kindName = check.oneOf(field + ".kind", fault.kind, FAULT_NAMES, null);
    if (kindName == null) {
      return null;
    }
    FaultKind kind = FaultKind.values()[FAULT_NAMES.indexOf(kindName)];
    if (kind == FaultKind.SLOW) {
      check.require(field + ".latency", fault.latency, "how slow the answers are, e.g. 1500ms");
    }
    long latencyMs = check.duration(field + ".latency", fault.latency, 0);
    return new FaultConfig(
        kind,
        check.delay(field + ".start", fault.start, 0),
        check.duration(field + ".duration", fault.duration, 0),
        check.duration(field + ".every", fault.every, 0),
        check.integer(field + ".status", fault.status, HTTP_ERROR, DEFAULT_ERROR_STATUS),
        latencyMs);
  }
}
