/** The stats contract between proxy replicas (which serve it) and the operator (which scrapes it). */
package dev.spillway.stats;
