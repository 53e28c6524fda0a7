package io.gatehouse.event;

import java.time.Instant;
import java.util.Map;

/**
 * The canonical access event. {@code id} is Gatehouse's own id, the same one the vendor got in the 202 reply.
 * {@code severity} is filled in from the type's configured default when the event is stored.
 */
public record AccessEvent(
        String id,
        String vendor,
        String vendorEventId,
        String vendorEventType,
        EventType type,
        Severity severity,
        Outcome outcome,
        Instant occurredAt,
        Instant receivedAt,
        Ref device,
        Ref door,
        Ref site,
        Ref actor,
        AccessMethod method,
        Map<String, Object> attributes) {

    public AccessEvent withSeverity(Severity newSeverity) {
        return new AccessEvent(id, vendor, vendorEventId, vendorEventType, type, newSeverity, outcome, occurredAt,
                receivedAt, device, door, site, actor, method, attributes);
    }
}
