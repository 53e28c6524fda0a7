package io.gatehouse.recording;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import io.gatehouse.database.AfterCommit;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.AccessMethod;
import io.gatehouse.event.Enrichment;
import io.gatehouse.event.EventType;
import io.gatehouse.event.Outcome;
import io.gatehouse.event.Ref;
import io.gatehouse.event.Severity;
import io.gatehouse.normalize.EventReplay;
import io.gatehouse.telemetry.GatehouseMetrics;

/**
 * The access_event table: stores a canonical event (a step of the route {@code record-access-event}, inside the
 * event recorder's transaction), and reads one back from a row.
 */
@Component
public class AccessEventTable {

    /**
     * Exchange property set by {@link #insert}: true when this exchange stored the event, false when it was stored
     * before (a replay, the recovery sweep); what follows once per event (the sinks' outbox) looks at it.
     */
    public static final String NEWLY_STORED = "gatehouseEventNewlyStored";

    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() { };

    // "on conflict do nothing": an event normalized again (replay, recovery) is kept as first stored
    private static final String INSERT_EVENT = "insert into access_event (id, vendor, vendor_event_id, "
            + "vendor_event_type, type, severity, outcome, occurred_at, received_at, device_id, device_name, "
            + "device_kind, door_id, door_name, site_id, site_name, actor_id, actor_name, actor_email, method, "
            + "attributes, time_zone, enrichment) values (:id, :vendor, :vendorEventId, :vendorEventType, :type, "
            + ":severity, :outcome, :occurredAt, :receivedAt, :deviceId, :deviceName, :deviceKind, :doorId, "
            + ":doorName, :siteId, :siteName, :actorId, :actorName, :actorEmail, :method, :attributes, :timeZone, "
            + ":enrichment) on conflict do nothing";

    private final ObjectMapper json;
    private final NamedParameterJdbcTemplate jdbc;
    private final GatehouseMetrics metrics;

    public AccessEventTable(ObjectMapper json, JdbcTemplate jdbc, GatehouseMetrics metrics) {
        this.json = json;
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.metrics = metrics;
    }

    /**
     * Stores the event once: an event normalized again (a replay, the recovery sweep) is kept as first stored. Runs
     * inside the caller's transaction; counted once that commits.
     */
    public void insert(@Body AccessEvent event, @ExchangeProperty(EventReplay.REPLAY) Boolean replay,
                       Exchange exchange) {
        Map<String, Object> row;
        try {
            row = toRow(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the event's attributes cannot be written as JSON", e);
        }
        boolean stored = jdbc.update(INSERT_EVENT, row) == 1;
        exchange.setProperty(NEWLY_STORED, stored);
        if (stored) {
            AfterCommit.run(() -> metrics.eventStored(event, Boolean.TRUE.equals(replay)));
        }
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

    /** The canonical event of one access_event row, as {@link #toRow} wrote it. */
    public AccessEvent fromRow(ResultSet rs) throws SQLException {
        return new AccessEvent(
                rs.getString("id"),
                rs.getString("vendor"),
                rs.getString("vendor_event_id"),
                rs.getString("vendor_event_type"),
                EventType.fromCode(rs.getString("type")).orElse(EventType.UNKNOWN),
                Severity.fromCode(rs.getString("severity")),
                Outcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)),
                instant(rs, "occurred_at"),
                instant(rs, "received_at"),
                ref(rs, "device", rs.getString("device_kind"), null),
                ref(rs, "door", null, null),
                ref(rs, "site", null, null),
                ref(rs, "actor", null, rs.getString("actor_email")),
                AccessMethod.valueOf(rs.getString("method").toUpperCase(Locale.ROOT)),
                attributes(rs.getString("attributes")),
                rs.getString("time_zone") == null ? null : ZoneId.of(rs.getString("time_zone")),
                Enrichment.fromCode(rs.getString("enrichment")));
    }

    private static Ref ref(ResultSet rs, String prefix, String kind, String email) throws SQLException {
        String id = rs.getString(prefix + "_id");
        String name = rs.getString(prefix + "_name");
        return id == null && name == null && email == null ? null : new Ref(id, name, kind, email);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        if (value != null) {
            return value.toInstant();
        }
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private Map<String, Object> attributes(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attributes are not JSON", e);
        }
    }

    private static void ref(Map<String, Object> row, String prefix, Ref ref) {
        row.put(prefix + "Id", ref == null ? null : ref.id());
        row.put(prefix + "Name", ref == null ? null : ref.name());
    }
}
