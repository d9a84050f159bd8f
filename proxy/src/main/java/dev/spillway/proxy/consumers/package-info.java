/**
 * What each consumer may do and has done, on this replica: its allowed models and policies (403),
 * its own rate limits and budgets (429 with Retry-After, never borrowing another consumer's
 * headroom), and its spend. A call reserves its estimate on admission and settles its real usage
 * when it ends, like an account's limits and budget.
 */
package dev.spillway.proxy.consumers;
