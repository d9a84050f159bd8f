package dev.spillway.proxy.live;

/**
 * How the live feed keeps up, for the page and for whoever wonders whether it misses anything.
 *
 * @param viewers viewers attached now
 * @param viewerDrops lines dropped for viewers that fell behind, since start
 * @param inboxDrops finished calls and reloads not looked at because the feed's hand-over buffer was
 *     full (the proxy was busier than the feed), since start
 * @param transitionDrops transitions the feed missed because its subscription's buffer was full
 */
public record FeedStats(int viewers, long viewerDrops, long inboxDrops, long transitionDrops) {}
