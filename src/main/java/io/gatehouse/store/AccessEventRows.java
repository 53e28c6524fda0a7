package io.gatehouse.store;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.Ref;

/** Flattens a canonical event into the named parameters of the access_event insert ({@link EventRecorder}). */
@Component
public class AccessEventRows {

    private final ObjectMapper json;

    public AccessEventRows(ObjectMapper json) {
        this.json = json;
    }

    public Map<String, Object> toRow(AccessEvent event) throws JsonProcessingException {
        Map<String, Object> row = new HashMap<>();
        row.put("id", event.id());
        row.put("vendor", event.vendor());
        row.put("vendorEventId", event.vendorEventId());
        row.put("vendorEventType", event.vendorEventType());
        row.put("type", event.type().code());
        row.put("severity", event.severity().code());
        row.put("outcome", event.outcome().code());
        row.put("occurredAt", event.occurredAt().atOffset(ZoneOffset.UTC));
        row.put("receivedAt", event.receivedAt().atOffset(ZoneOffset.UTC));
        ref(row, "device", event.device());
        row.put("deviceKind", event.device() == null ? null : event.device().kind());
        ref(row, "door", event.door());
        ref(row, "site", event.site());
        ref(row, "actor", event.actor());
        row.put("actorEmail", event.actor() == null ? null : event.actor().email());
        row.put("method", event.method().code());
        row.put("attributes", json.writeValueAsString(event.attributes()));
        row.put("timeZone", event.zone() == null ? null : event.zone().getId());
        row.put("enrichment", event.enrichment() == null ? null : event.enrichment().code());
        return row;
    }

    private static void ref(Map<String, Object> row, String prefix, Ref ref) {
        row.put(prefix + "Id", ref == null ? null : ref.id());
        row.put(prefix + "Name", ref == null ? null : ref.name());
    }
}
