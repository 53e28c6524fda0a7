package io.gatehouse.alerting;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.Severity;

/**
 * A validated rule.
 *
 * @param severity  the alert's severity; null means the event's own
 * @param threshold null when every matching event alerts on its own
 * @param throttle  null when alerts are never silenced
 * @param groupBy   what thresholds count per and throttles silence per
 * @param zone      the zone of the rule's time window, in which alerts show times; null when the rule names none,
 *                  and each event's time is then shown in its site's zone, else UTC
 * @param channels  channel names such as {@code slack:security}
 * @param resolveOn the canonical types (or families) of the events that clear the rule's condition for their group,
 *                  such as door.closed after door.held_open; empty when nothing clears it
 */
public record Rule(String name, EventMatcher match, Severity severity, Threshold threshold, Duration throttle,
                   GroupBy groupBy, ZoneId zone, List<String> channels, List<Glob> resolveOn) {

    /** The kind of channel that is told when a condition clears: PagerDuty resolves its incident. */
    public static final String RESOLVING_KIND = "pagerduty:";

    public record Threshold(int count, Duration within) {
    }

    public boolean matches(AccessEvent event) {
        return match.matches(event);
    }

    /** Whether the event clears this rule's condition for its group. */
    public boolean clearedBy(AccessEvent event) {
        return resolveOn.stream().anyMatch(type -> type.matches(event.type().code()));
    }

    /** The channels told when the condition clears. */
    public List<String> resolvingChannels() {
        return channels.stream().filter(channel -> channel.startsWith(RESOLVING_KIND)).toList();
    }

    public Severity severityFor(AccessEvent event) {
        return severity != null ? severity : event.severity();
    }
}
