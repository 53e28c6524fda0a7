package io.gatehouse.inbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;


/**
 * A verified webhook on its way into the inbox table: Gatehouse's id for it, its de-duplication key, the raw body
 * exactly as received and the payload as Jackson parsed it (maps, lists, text, numbers), which the vendor
 * definition's expressions read.
 */
public record InboxEntry(
        String id,
        String vendor,
        String deduplicationKey,
        String vendorEventId,
        String vendorEventType,
        Instant receivedAt,
        String rawBody,
        Object payload) {

    /** The inbox row's named parameters: for the insert ({@code InboxWriter}) and the duplicate's lookup. */
    public Map<String, Object> toRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("vendor", vendor);
        row.put("dedupKey", deduplicationKey);
        row.put("vendorEventId", vendorEventId);
        row.put("vendorEventType", vendorEventType);
        row.put("receivedAt", receivedAt.atOffset(ZoneOffset.UTC));
        row.put("rawBody", rawBody);
        return row;
    }

    /** The event type, for the content-based routers in routes/normalize. */
    public String eventType() {
        return vendorEventType;
    }
}
