/**
 * Live numbers for status: each proxy replica's stats endpoint read on an interval (never per
 * request), summed over replicas, and turned into the fields of each resource's status.
 */
package dev.spillway.operator.stats;
