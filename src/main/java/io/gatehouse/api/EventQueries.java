package io.gatehouse.api;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.recording.AccessEventTable;

/** Reads stored canonical events for the API, newest first. */
@Component
public class EventQueries {

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final AccessEventTable rows;

    public EventQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper json, AccessEventTable rows) {
        this.jdbc = jdbc;
        this.json = json;
        this.rows = rows;
    }

    /**
     * One page of events, newest first, and where the next page starts (null on the last page). Keyset paging on
     * the index {@code access_event_page}: a page costs the same at any depth.
     */
    public EventPage page(EventFilter filter) {
        StringBuilder sql = new StringBuilder("select * from access_event where 1 = 1");
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (filter.vendor() != null) {
            sql.append(" and vendor = :vendor");
            params.addValue("vendor", filter.vendor());
        }
        List<String> types = filter.typeCodes();
        if (types != null && types.isEmpty()) {
            return new EventPage(List.of(), null);   // a pattern that no canonical type matches
        }
        if (types != null) {
            sql.append(" and type in (:types)");
            params.addValue("types", types);
        }
        if (filter.door() != null) {
            sql.append(" and (door_id = :door or door_name = :door)");
            params.addValue("door", filter.door());
        }
        if (filter.since() != null) {
            sql.append(" and occurred_at >= :since");
            params.addValue("since", filter.since().atOffset(ZoneOffset.UTC));
        }
        if (filter.until() != null) {
            sql.append(" and occurred_at < :until");
            params.addValue("until", filter.until().atOffset(ZoneOffset.UTC));
        }
        EventCursor before = filter.before();
        if (before != null) {
            // the first condition alone lets the database seek the index; the second breaks ties exactly
            sql.append(" and occurred_at <= :beforeOccurred and (occurred_at < :beforeOccurred"
                    + " or (occurred_at = :beforeOccurred and (received_at < :beforeReceived"
                    + " or (received_at = :beforeReceived and id < :beforeId))))");
            params.addValue("beforeOccurred", before.occurredAt().atOffset(ZoneOffset.UTC));
            params.addValue("beforeReceived", before.receivedAt().atOffset(ZoneOffset.UTC));
            params.addValue("beforeId", before.id());
        }
        // one more than asked, to know whether there is a next page
        sql.append(" order by occurred_at desc, received_at desc, id desc limit :limit");
        params.addValue("limit", filter.limit() + 1);
        List<AccessEvent> found = jdbc.query(sql.toString(), params, (rs, n) -> rows.fromRow(rs));
        if (found.size() <= filter.limit()) {
            return new EventPage(found, null);
        }
        List<AccessEvent> page = found.subList(0, filter.limit());
        AccessEvent last = page.get(page.size() - 1);
        return new EventPage(List.copyOf(page), new EventCursor(last.occurredAt(), last.receivedAt(), last.id()));
    }

    /** A page of events and the cursor of the next one, null when this is the last. */
    public record EventPage(List<AccessEvent> events, EventCursor next) {
    }

    /** The event and the raw payload it was normalized from. */
    public Optional<StoredEvent> get(String id) {
        List<StoredEvent> found = jdbc.query(
                "select e.*, i.raw_body from access_event e join inbox i on i.id = e.id where e.id = :id",
                Map.of("id", id), (rs, n) -> new StoredEvent(rows.fromRow(rs), raw(rs.getString("raw_body"))));
        return found.stream().findFirst();
    }

    /** A canonical event with the payload exactly as the vendor sent it. */
    public record StoredEvent(AccessEvent event, JsonNode raw) {
    }

    private JsonNode raw(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored raw payload is not JSON", e);
        }
    }
}
