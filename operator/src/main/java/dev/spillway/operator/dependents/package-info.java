/**
 * What a Router's Kubernetes objects should look like: one pure {@code desired(...)} builder per
 * kind (Strimzi/JOSDK habit: no client, no side effects, unit-tested as data), and one JOSDK managed
 * dependent per kind ({@code *Dependent}) that JOSDK creates, watches, repairs and deletes.
 */
package dev.spillway.operator.dependents;
