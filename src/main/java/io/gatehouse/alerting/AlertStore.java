package io.gatehouse.alerting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import io.gatehouse.database.RowIds;

/**
 * The rule state and alert rows, written inside the transaction of {@code io.gatehouse.alerting.AlertEngine}.
 * Statements are plain SQL that H2 (PostgreSQL mode) and PostgreSQL both run.
 */
@Component
public class AlertStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public AlertStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records that a rule looked at an event; false when it already had (a replay after a crash). */
    public boolean markEvaluated(String rule, String eventId) {
        return jdbc.update("insert into rule_evaluation (rule_name, event_id) values (?, ?) on conflict do nothing",
                rule, eventId) == 1;
    }

    /** Locks the rule's group row, creating it first, so that concurrent events of one group decide in turn. */
    public GroupState lockGroup(String rule, String group) {
        jdbc.update("insert into rule_group_state (rule_name, group_key, suppressed) values (?, ?, 0) "
                + "on conflict do nothing", rule, group);
        return jdbc.queryForObject("select last_alert_at, suppressed from rule_group_state "
                        + "where rule_name = ? and group_key = ? for update",
                (rs, n) -> new GroupState(toInstant(rs.getObject("last_alert_at", OffsetDateTime.class)),
                        rs.getInt("suppressed")), rule, group);
    }

    public record GroupState(Instant lastAlertAt, int suppressed) {
    }

    public void countSuppressed(String rule, String group) {
        jdbc.update("update rule_group_state set suppressed = suppressed + 1 where rule_name = ? and group_key = ?",
                rule, group);
    }

    public void alerted(String rule, String group, Instant at) {
        jdbc.update("update rule_group_state set last_alert_at = ?, suppressed = 0 where rule_name = ? and group_key = ?",
                utc(at), rule, group);
    }

    public void addThresholdMatch(String rule, String group, String eventId, Instant occurredAt) {
        jdbc.update("insert into rule_threshold_match (rule_name, group_key, event_id, occurred_at) values (?, ?, ?, ?) "
                + "on conflict do nothing", rule, group, eventId, utc(occurredAt));
    }

    /** Unreported matches of the group within [from, to], oldest first. */
    public List<String> openThresholdMatches(String rule, String group, Instant from, Instant to) {
        return jdbc.queryForList("select event_id from rule_threshold_match where rule_name = ? and group_key = ? "
                        + "and alert_id is null and occurred_at >= ? and occurred_at <= ? order by occurred_at",
                String.class, rule, group, utc(from), utc(to));
    }

    public void closeThresholdMatches(String rule, List<String> eventIds, String alertId) {
        for (String eventId : eventIds) {
            jdbc.update("update rule_threshold_match set alert_id = ? where rule_name = ? and event_id = ?",
                    alertId, rule, eventId);
        }
    }

    /**
     * Inserts the alert and one delivery per channel, due now (skipped for channels without a target);
     * returns the alert id.
     */
    public String insertAlert(String rule, String severity, String group, String triggerEventId,
                              List<String> eventIds, int suppressed, List<String> channels,
                              java.util.Set<String> unconfigured, Instant now) {
        String id = RowIds.next();
        jdbc.update("insert into alert (id, rule_name, severity, group_key, trigger_event_id, event_ids, "
                        + "suppressed_count, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                id, rule, severity, group, triggerEventId, toJson(eventIds), suppressed, utc(now));
        for (String channel : channels) {
            boolean skipped = unconfigured.contains(channel);
            jdbc.update("insert into alert_delivery (id, alert_id, channel, status, attempts, next_attempt_at, "
                            + "last_error, created_at) values (?, ?, ?, ?, 0, ?, ?, ?)",
                    RowIds.next(), id, channel, skipped ? "skipped" : "pending", utc(now),
                    skipped ? "the channel has no target configured" : null, utc(now));
        }
        return id;
    }

    /**
     * The open alerts of the rule and group (not resolved) whose triggering event happened at or before
     * {@code clearedAt}, newest first: an event that clears a condition does not clear one that began after it.
     */
    public List<String> openAlerts(String rule, String group, Instant clearedAt) {
        return jdbc.queryForList("select a.id from alert a join access_event e on e.id = a.trigger_event_id "
                        + "where a.rule_name = ? and a.group_key = ? and a.resolved_at is null and e.occurred_at <= ? "
                        + "order by a.created_at desc, a.id desc",
                String.class, rule, group, utc(clearedAt));
    }

    /**
     * Marks the alerts resolved and queues a 'resolve' delivery of the newest one to each channel (skipped for
     * channels without a target). The group's throttle ends with its condition, so that the condition's return
     * raises a new alert.
     */
    public void resolve(String rule, String group, List<String> alertIds, List<String> channels,
                        java.util.Set<String> unconfigured, Instant now) {
        for (String id : alertIds) {
            jdbc.update("update alert set resolved_at = ? where id = ? and resolved_at is null", utc(now), id);
        }
        jdbc.update("update rule_group_state set last_alert_at = null where rule_name = ? and group_key = ?",
                rule, group);
        for (String channel : channels) {
            boolean skipped = unconfigured.contains(channel);
            jdbc.update("insert into alert_delivery (id, alert_id, channel, status, attempts, next_attempt_at, "
                            + "last_error, created_at, action) values (?, ?, ?, ?, 0, ?, ?, ?, 'resolve')",
                    RowIds.next(), alertIds.get(0), channel, skipped ? "skipped" : "pending", utc(now),
                    skipped ? "the channel has no target configured" : null, utc(now));
        }
    }

    private String toJson(List<String> ids) {
        try {
            return json.writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant toInstant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
