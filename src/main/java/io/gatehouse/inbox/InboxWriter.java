package io.gatehouse.inbox;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PreDestroy;

import org.apache.camel.Body;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatehouse.database.GroupCommit;

/**
 * Commits verified webhooks to the inbox, several requests to one commit ({@link GroupCommit}): a request may only
 * be answered 202 once its row is committed, and under load many requests share a commit.
 *
 * <p>A duplicate (same vendor and de-duplication key, also twice in one batch) is inserted with {@code on conflict do
 * nothing} and reported as such, so one duplicate never fails the others.
 */
@Component
public class InboxWriter {

    static final int MAX_BATCH = 200;

    private static final String INSERT = "insert into inbox (id, vendor, dedup_key, vendor_event_id, "
            + "vendor_event_type, received_at, raw_body, status) values (:id, :vendor, :dedupKey, :vendorEventId, "
            + ":vendorEventType, :receivedAt, :rawBody, 'received') on conflict do nothing";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate namedJdbc;   // one, so its parsed-SQL cache serves every batch
    private final GroupCommit<InboxEntry, Boolean> commits;

    public InboxWriter(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.namedJdbc = new NamedParameterJdbcTemplate(jdbc);
        this.commits = new GroupCommit<>("inbox-writer", MAX_BATCH, transaction, this::insert);
    }

    /**
     * Returns once the entry is committed: true when it was stored, false when the inbox already held an event with
     * its de-duplication key. Throws the database's error when it was not stored.
     */
    public boolean commit(@Body InboxEntry entry) {
        return commits.commit(entry);
    }

    private List<Boolean> insert(List<InboxEntry> batch) {
        @SuppressWarnings("unchecked")
        Map<String, ?>[] rows = batch.stream().map(InboxEntry::toRow).toArray(Map[]::new);
        int[] counts = namedJdbc.batchUpdate(INSERT, rows);
        List<Boolean> stored = new ArrayList<>(batch.size());
        boolean known = true;
        for (int count : counts) {
            known &= count != Statement.SUCCESS_NO_INFO;
            stored.add(count > 0);
        }
        return known ? stored : storedByLookup(batch);
    }

    /** A driver may batch without per-row counts (e.g. PostgreSQL's reWriteBatchedInserts): ask the table. */
    private List<Boolean> storedByLookup(List<InboxEntry> batch) {
        List<String> ids = batch.stream().map(InboxEntry::id).toList();
        String marks = String.join(", ", ids.stream().map(id -> "?").toList());
        Set<String> found = new HashSet<>(jdbc.queryForList("select id from inbox where id in (" + marks + ")",
                String.class, ids.toArray()));
        return ids.stream().map(found::contains).toList();
    }

    /** Stops taking entries, and commits the ones already handed over before the connection pool closes. */
    @PreDestroy
    void stop() throws InterruptedException {
        commits.stop();
    }
}
