/**
 * Status of the Spillway resources: condition types and reasons as constants, the verdict of a
 * compile for each resource, and a writer that patches a status only when it changed (so a steady
 * state costs no API writes and no watch events).
 */
package dev.spillway.operator.status;
