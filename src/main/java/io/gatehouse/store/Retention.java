package io.gatehouse.store;

import static io.gatehouse.store.AlertStore.utc;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes what is older than {@code gatehouse.retention.keep}: alerts with their deliveries, rule state, events
 * and their raw payloads. It deletes in small batches, each its own short transaction, so ingestion never waits
 * behind a long purge.
 */
@Component
public class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration keep;

    public Retention(JdbcTemplate jdbc, Clock clock, @Value("${gatehouse.retention.keep:90d}") Duration keep) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keep = keep;
    }

    /** Returns how many events were deleted. */
    public int purge() {
        OffsetDateTime cutoff = utc(clock.instant().minus(keep));
        batches("delete from alert_delivery where alert_id in (select id from alert where created_at < ? limit "
                + BATCH + ")", cutoff);
        batches("delete from alert where id in (select id from alert where created_at < ? limit " + BATCH + ")",
                cutoff);
        batches("delete from rule_threshold_match where event_id in (select event_id from rule_threshold_match "
                + "where occurred_at < ? limit " + BATCH + ")", cutoff);
        batches("delete from rule_evaluation where event_id in (select id from inbox where received_at < ? limit "
                + BATCH + ")", cutoff);
        batches("delete from access_event where id in (select id from inbox where received_at < ? limit "
                + BATCH + ")", cutoff);
        int events = batches("delete from inbox where id in (select id from inbox where received_at < ? "
                + "and id not in (select id from access_event) limit " + BATCH + ")", cutoff);
        if (events > 0) {
            LOG.info("retention: deleted {} events received before {}", events, cutoff);
        }
        return events;
    }

    private int batches(String sql, OffsetDateTime cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update(sql, cutoff);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
