package io.gatehouse.delivery;

import java.time.Instant;

/**
 * One alert on its way to one channel; {@code attempt} counts this attempt. {@code eventId} and {@code vendor} name
 * the event that triggered the alert, for the log lines about the delivery.
 */
public record Delivery(String id, String alertId, String channel, int attempt, Instant createdAt, String eventId,
                       String vendor) {

    /** {@code slack}, {@code email} or {@code log}: the part of the channel name before the colon. */
    public String kind() {
        return channel.substring(0, channel.indexOf(':'));
    }
}
