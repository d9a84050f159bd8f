package dev.spillway.proxy.live;

/**
 * One line of the live log.
 *
 * @param seq numbered from 1 per run of the replica, without holes (a viewer that sees a jump knows
 *     it missed lines)
 * @param atMs when it happened, epoch milliseconds
 * @param model the logical model it concerns, or null (an account-wide transition, a reload)
 * @param target the target id ({@code account/model}) it concerns, or null
 * @param traceId the trace of the call that showed it, or null when no call did (a circuit that
 *     opened on a timer, a reload) or tracing is off
 * @param requestId the {@code x-request-id} of that call when there is no trace id, else null
 */
public record LiveEvent(
    long seq, long atMs, LiveEventKind kind, String model, String target, String message, String traceId,
    String requestId) {}
