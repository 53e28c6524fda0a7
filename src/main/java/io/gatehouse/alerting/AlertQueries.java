package io.gatehouse.alerting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.recording.AccessEventTable;

/** Reads alerts with their events and deliveries, for messages and for the API. */
@Component
public class AlertQueries {

    private static final TypeReference<List<String>> IDS = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final AccessEventTable rows;
    private final ObjectMapper json;

    public AlertQueries(JdbcTemplate jdbc, AccessEventTable rows, ObjectMapper json) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.json = json;
    }

    /**
     * An alert as recorded: its rule, the events it covers (oldest first) and each channel's delivery;
     * {@code resolvedAt} is when an event named by the rule's resolve-on cleared it (null while open).
     */
    public record AlertView(String id, String rule, String severity, String group, int suppressed, Instant createdAt,
                            List<AccessEvent> events, List<DeliveryView> deliveries, Instant resolvedAt) {
    }

    /** {@code action}: {@code trigger} (the alert) or {@code resolve} (its condition cleared: PagerDuty). */
    public record DeliveryView(String id, String channel, String action, String status, int attempts,
                               Instant nextAttemptAt, String lastError, Instant sentAt) {
    }

    public Optional<AlertView> get(String id) {
        return jdbc.query("select * from alert where id = ?", (rs, n) -> view(rs), id).stream().findFirst();
    }

    /** Newest first; {@code eventId} keeps the alerts that cover that event (its trigger or a threshold's). */
    public List<AlertView> list(String rule, String status, String eventId, int limit) {
        StringBuilder sql = new StringBuilder("select * from alert a where 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        if (rule != null) {
            sql.append(" and a.rule_name = ?");
            args.add(rule);
        }
        if (status != null) {
            sql.append(" and exists (select 1 from alert_delivery d where d.alert_id = a.id and d.status = ?)");
            args.add(status);
        }
        if (eventId != null) {
            // a threshold alert lists its other events in rule_threshold_match; both columns are indexed (V3)
            sql.append(" and (a.trigger_event_id = ? or a.id in (select m.alert_id from rule_threshold_match m"
                    + " where m.event_id = ? and m.alert_id is not null))");
            args.add(eventId);
            args.add(eventId);
        }
        sql.append(" order by a.created_at desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> view(rs), args.toArray());
    }

    private AlertView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        String id = rs.getString("id");
        List<AccessEvent> covered = ids(rs.getString("event_ids")).stream()
                .map(this::event).flatMap(Optional::stream).toList();
        return new AlertView(id, rs.getString("rule_name"), rs.getString("severity"), rs.getString("group_key"),
                rs.getInt("suppressed_count"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                covered, deliveries(id), instant(rs.getObject("resolved_at", OffsetDateTime.class)));
    }

    private List<DeliveryView> deliveries(String alertId) {
        return jdbc.query("select * from alert_delivery where alert_id = ? order by channel, created_at, action desc",
                (rs, n) -> new DeliveryView(rs.getString("id"), rs.getString("channel"), rs.getString("action"),
                        rs.getString("status"),
                        rs.getInt("attempts"), instant(rs.getObject("next_attempt_at", OffsetDateTime.class)),
                        rs.getString("last_error"), instant(rs.getObject("sent_at", OffsetDateTime.class))), alertId);
    }

    private List<String> ids(String text) {
        try {
            return json.readValue(text, IDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert event_ids is not a JSON array", e);
        }
    }

    private Optional<AccessEvent> event(String id) {
        return jdbc.query("select * from access_event where id = ?", (rs, n) -> rows.fromRow(rs), id).stream()
                .findFirst();
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

}
