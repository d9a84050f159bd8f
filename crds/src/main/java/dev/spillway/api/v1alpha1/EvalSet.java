package dev.spillway.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Eval cases with graders: what a ModelRollout's gate measures incumbent and candidate on. */
@Group(SpillwayApi.GROUP)
@Version(SpillwayApi.VERSION)
@ShortNames("sevals")
@AdditionalPrinterColumn(name = "Cases", jsonPath = ".status.cases", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Accepted",
    jsonPath = ".status.conditions[?(@.type==\"Accepted\")].status")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class EvalSet extends CustomResource<EvalSetSpec, EvalSetStatus> implements Namespaced {}
