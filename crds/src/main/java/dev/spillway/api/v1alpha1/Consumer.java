package dev.spillway.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A team or application calling the proxy: its keys, what it may use, and its quotas. */
@Group(SpillwayApi.GROUP)
@Version(SpillwayApi.VERSION)
@ShortNames("sco")
@AdditionalPrinterColumn(name = "Keys", jsonPath = ".status.activeKeys", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Spend (month, USD)", jsonPath = ".status.spendThisMonthUsd", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Programmed\")].status")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Consumer extends CustomResource<ConsumerSpec, ConsumerStatus> implements Namespaced {}
