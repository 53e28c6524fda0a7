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
 */
public record Rule(String name, EventMatcher match, Severity severity, Threshold threshold, Duration throttle,
                   GroupBy groupBy, ZoneId zone, List<String> channels) {

    public record Threshold(int count, Duration within) {
    }

    public boolean matches(AccessEvent event) {
        return match.matches(event);
    }

    public Severity severityFor(AccessEvent event) {
        return severity != null ? severity : event.severity();
    }
}
