package io.gatehouse.event;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * The canonical access event. {@code id} is Gatehouse's own id, the same one the vendor got in the 202 reply.
 * {@code severity} is filled in from the type's configured default when the event is stored. {@code zone} is the
 * time zone of the place it happened (its site's, from the directory or the vendor) and {@code enrichment} says how
 * far names were found for its ids; both are null until the event is enriched.
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
        Map<String, Object> attributes,
        ZoneId zone,
        Enrichment enrichment) {

    /** The vendor's event id and type fit their columns, as the names do ({@link Ref}). */
    public AccessEvent {
        vendorEventId = BoundedText.fit(vendorEventId, BoundedText.NAME);
        vendorEventType = BoundedText.fit(vendorEventType, BoundedText.NAME);
    }

    public AccessEvent withSeverity(Severity newSeverity) {
        return new AccessEvent(id, vendor, vendorEventId, vendorEventType, type, newSeverity, outcome, occurredAt,
                receivedAt, device, door, site, actor, method, attributes, zone, enrichment);
    }

    /** The event with other things it refers to, a zone and attributes, as the enricher found them. */
    public AccessEvent withPlaces(Ref newDevice, Ref newDoor, Ref newSite, Ref newActor, ZoneId newZone,
                                  Map<String, Object> newAttributes) {
        return new AccessEvent(id, vendor, vendorEventId, vendorEventType, type, severity, outcome, occurredAt,
                receivedAt, newDevice, newDoor, newSite, newActor, method, Map.copyOf(newAttributes), newZone,
                enrichment);
    }

    public AccessEvent withEnrichment(Enrichment status) {
        return new AccessEvent(id, vendor, vendorEventId, vendorEventType, type, severity, outcome, occurredAt,
                receivedAt, device, door, site, actor, method, attributes, zone, status);
    }
}
