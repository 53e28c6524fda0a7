package io.gatehouse.ops;

import static io.gatehouse.alerting.AlertStore.utc;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what is older than {@code gatehouse.retention.keep}: alerts with their deliveries, rule state, events
 * and their raw payloads. It deletes in small batches, each its own short transaction, so ingestion never waits
 * behind a long purge.
 *
 * <p>Each batch first selects the ids it deletes (through an index), then deletes by those ids. A single
 * {@code delete ... where id in (select ... limit n)} is shorter, but H2 evaluates such a subquery again for every
 * row of the table it deletes from: on a table of 60 000 events one purge kept a core busy for minutes.
 */
@Component
public class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    /** Rows deleted per transaction. */
    public static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration keep;

    public Retention(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock,
                     RetentionProperties retention) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.keep = retention.keep();
    }

    /** Returns how many events were deleted. */
    public int purge() {
        OffsetDateTime cutoff = utc(clock.instant().minus(keep));
        // an alert's deliveries reference it, and an access event its inbox row: those go first in each batch
        inBatches("select id from alert where created_at < ?", cutoff, ids -> {
            deleteWhereIn("delete from alert_delivery where alert_id", ids);
            deleteWhereIn("delete from alert where id", ids);
        });
        inBatches("select event_id from rule_threshold_match where occurred_at < ?", cutoff,
                ids -> deleteWhereIn("delete from rule_threshold_match where event_id", ids));
        int events = inBatches("select id from inbox where received_at < ?", cutoff, ids -> {
            deleteWhereIn("delete from rule_evaluation where event_id", ids);
            deleteWhereIn("delete from access_event where id", ids);
            deleteWhereIn("delete from inbox where id", ids);
        });
        if (events > 0) {
            LOG.info("retention: deleted {} events received before {}", events, cutoff);
        }
        return events;
    }

    /** Runs {@code delete} in its own transaction for each batch of ids the query finds; returns how many. */
    private int inBatches(String selectIds, OffsetDateTime cutoff, Consumer<List<String>> delete) {
        int total = 0;
        List<String> ids;
        do {
            ids = transaction.execute(status -> {
                List<String> batch = jdbc.queryForList(selectIds + " limit " + BATCH, String.class, cutoff);
                if (!batch.isEmpty()) {
                    delete.accept(batch);
                }
                return batch;
            });
            ids = ids == null ? List.of() : ids;
            total += ids.size();
        } while (ids.size() == BATCH);
        return total;
    }

    private void deleteWhereIn(String deleteWhere, List<String> ids) {
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        jdbc.update(deleteWhere + " in (" + marks + ")", ids.toArray());
    }
}
