package io.gatehouse.delivery;

import java.time.Instant;

/**
 * One alert on its way to one channel; {@code attempt} counts this attempt. {@code eventId} and {@code vendor} name
 * the event that triggered the alert, for the log lines about the delivery. {@code action} is {@code trigger} (the
 * alert), or {@code resolve} when a rule's resolve-on cleared it (PagerDuty channels only).
 */
public record Delivery(String id, String alertId, String channel, int attempt, Instant createdAt, String eventId,
                       String vendor, String action) {

    public static final String TRIGGER = "trigger";
    public static final String RESOLVE = "resolve";

    /** {@code slack}, {@code email}, {@code log}, {@code teams}, {@code pagerduty} or {@code webhook}. */
    public String kind() {
        return channel.substring(0, channel.indexOf(':'));
    }

    public boolean resolves() {
        return RESOLVE.equals(action);
    }
}
