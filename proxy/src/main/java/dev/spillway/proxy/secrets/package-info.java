/**
 * Secret hygiene by construction: every credential the process holds is known here, and every
 * upstream byte that may reach a client, a log, a trace or a metric passes one scrubber that masks
 * any of them — in any JSON position, in plain text, and in their common encodings.
 */
package dev.spillway.proxy.secrets;
