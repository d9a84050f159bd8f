/**
 * What a Router's Kubernetes objects should look like: one pure {@code desired(...)} builder per
 * kind (Strimzi/JOSDK habit: no client, no side effects, unit-tested as data), and {@link
 * dev.spillway.operator.dependents.DependentApplier}, the one place that writes them.
 */
package dev.spillway.operator.dependents;
