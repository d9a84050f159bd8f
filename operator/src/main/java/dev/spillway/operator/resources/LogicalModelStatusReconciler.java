package dev.spillway.operator.resources;

import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.LogicalModelStatus;
import dev.spillway.operator.serving.Served;
import dev.spillway.operator.serving.ServedNamespaces;
import dev.spillway.operator.status.StandaloneVerdict;
import dev.spillway.operator.status.Verdict;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import java.time.Clock;
import java.util.Optional;

/** LogicalModel status: verdict, and the target serving most of its calls. */
@ControllerConfiguration(name = "logicalmodel-status")
public final class LogicalModelStatusReconciler extends ResourceStatusReconciler<LogicalModel, LogicalModelStatus> {

  public LogicalModelStatusReconciler(ServedNamespaces served, StandaloneVerdict standalone, Clock clock) {
    super(served, standalone, clock);
  }

  @Override
  LogicalModelStatus status(LogicalModel model, Verdict verdict, Optional<Served> pass) {
    LogicalModelStatus status = new LogicalModelStatus();
    status.conditions = verdict.conditions();
    String before = model.getStatus() == null ? null : model.getStatus().servingTarget;
    status.servingTarget = pass
        .flatMap(p -> p.window().servingTarget(p.serving(), model.getMetadata().getName()))
        .orElse(before);
    return status;
  }
}
