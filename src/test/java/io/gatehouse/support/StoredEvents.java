package io.gatehouse.support;

import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/** What webhooks left in the database, as the integration tests assert it: the inbox and access_event rows. */
public record StoredEvents(JdbcTemplate jdbc) {

    /** The access_event row of the event the 202 named, once normalization has written it. */
    public Map<String, Object> awaitEvent(String id) {
        await().atMost(Duration.ofSeconds(15)).until(() ->
                jdbc.queryForObject("select count(*) from access_event where id = ?", Integer.class, id) == 1);
        return jdbc.queryForMap("select * from access_event where id = ?", id);
    }

    public String rawBody(String id) {
        return jdbc.queryForObject("select raw_body from inbox where id = ?", String.class, id);
    }

    public int inboxCount() {
        return jdbc.queryForObject("select count(*) from inbox", Integer.class);
    }

    /** The rule of the alert an event raised. */
    public String alertRule(String eventId) {
        return jdbc.queryForObject("select rule_name from alert where trigger_event_id = ?", String.class, eventId);
    }

    /** A timestamp column as PostgreSQL (OffsetDateTime) or H2 (Timestamp) returns it. */
    public static Instant instant(Object value) {
        return value instanceof OffsetDateTime time ? time.toInstant() : ((Timestamp) value).toInstant();
    }
}
