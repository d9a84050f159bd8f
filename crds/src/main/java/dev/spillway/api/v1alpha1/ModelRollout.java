package dev.spillway.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A model swap gated on evals: the candidate is evaluated against the incumbent, optionally
 * shadowed, then given traffic in canary steps, and promoted or rolled back.
 */
@Group(SpillwayApi.GROUP)
@Version(SpillwayApi.VERSION)
@ShortNames("smr")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Candidate", jsonPath = ".status.candidateScore", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Incumbent", jsonPath = ".status.incumbentScore", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Step", jsonPath = ".status.step", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ModelRollout extends CustomResource<ModelRolloutSpec, ModelRolloutStatus> implements Namespaced {}
