package io.gatehouse.store;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatehouse.ingress.InboxEntry;

/**
 * Commits verified webhooks to the inbox, several requests to one commit ("group commit"). A commit is the costly
 * part of storing a webhook (PostgreSQL flushes its log to disk; H2 writes its changed pages to the file), and a
 * request may only be answered 202 once its row is committed. So each request hands its entry to one writer thread
 * and waits; the writer takes whatever entries are waiting, up to {@link #MAX_BATCH}, inserts them in one
 * transaction and commits once, then releases each waiting request with its own outcome. Under load many requests
 * share a commit; alone, a request waits for nothing but its own.
 *
 * <p>A duplicate (same vendor and de-duplication key, also twice in one batch) is inserted with {@code on conflict do
 * nothing} and reported as such, so one duplicate never fails the others. When a batch fails for another reason
 * than an unavailable database, its entries are written again one per transaction, so that only the faulty one
 * fails.
 */
@Component
public class InboxWriter {

    static final int MAX_BATCH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);
    private static final String INSERT = "insert into inbox (id, vendor, dedup_key, vendor_event_id, "
            + "vendor_event_type, received_at, raw_body, status) values (:id, :vendor, :dedupKey, :vendorEventId, "
            + ":vendorEventType, :receivedAt, :rawBody, 'received') on conflict do nothing";

    private record Pending(InboxEntry entry, CompletableFuture<Boolean> stored) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate namedJdbc;   // one, so its parsed-SQL cache serves every batch
    private final TransactionTemplate transaction;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    public InboxWriter(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.namedJdbc = new NamedParameterJdbcTemplate(jdbc);
        this.transaction = transaction;
        this.writer = new Thread(this::writeWhileRunning, "inbox-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Returns once the entry is committed: true when it was stored, false when the inbox already held an event with
     * its de-duplication key. Throws the database's error when it was not stored.
     */
    public boolean commit(@Body InboxEntry entry) {
        if (!running) {
            throw new DataAccessResourceFailureException("Gatehouse is shutting down; the event was not stored");
        }
        Pending pending = new Pending(entry, new CompletableFuture<>());
        waiting.add(pending);
        try {
            return pending.stored().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("inbox write failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("interrupted while the event was being stored", e);
        }
    }

    private void writeWhileRunning() {
        while (running || !waiting.isEmpty()) {
            try {
                Pending first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> batch = new ArrayList<>();
                batch.add(first);
                waiting.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // never let the writer die: every request waiting on it would hang
                LOG.error("inbox writer failed", e);
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            boolean[] stored = insert(batch);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).stored().complete(stored[i]);
            }
        } catch (RuntimeException e) {
            RuntimeException failure = asDataAccess(e);
            if (batch.size() > 1 && !failsEveryRow(failure)) {
                batch.forEach(pending -> write(List.of(pending)));
            } else {
                batch.forEach(pending -> pending.stored().completeExceptionally(failure));
            }
        }
    }

    private boolean[] insert(List<Pending> batch) {
        return transaction.execute(status -> {
            @SuppressWarnings("unchecked")
            Map<String, ?>[] rows = batch.stream().map(pending -> pending.entry().toRow()).toArray(Map[]::new);
            int[] counts = namedJdbc.batchUpdate(INSERT, rows);
            boolean[] stored = new boolean[batch.size()];
            boolean known = true;
            for (int i = 0; i < counts.length; i++) {
                known &= counts[i] != Statement.SUCCESS_NO_INFO;
                stored[i] = counts[i] > 0;
            }
            return known ? stored : storedByLookup(batch);
        });
    }

    /** A driver may batch without per-row counts (e.g. PostgreSQL's reWriteBatchedInserts): ask the table. */
    private boolean[] storedByLookup(List<Pending> batch) {
        List<String> ids = batch.stream().map(pending -> pending.entry().id()).toList();
        String marks = String.join(", ", ids.stream().map(id -> "?").toList());
        Set<String> found = new HashSet<>(jdbc.queryForList("select id from inbox where id in (" + marks + ")",
                String.class, ids.toArray()));
        boolean[] stored = new boolean[batch.size()];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = found.contains(ids.get(i));
        }
        return stored;
    }

    /** A transaction that could not begin or commit means the database is unreachable: the vendor should retry. */
    private static RuntimeException asDataAccess(RuntimeException e) {
        if (e instanceof TransactionException) {
            return new DataAccessResourceFailureException("the inbox transaction failed: " + e.getMessage(), e);
        }
        return e;
    }

    /** An unavailable or busy database, or a fault outside SQL: retrying the rows one by one would not help. */
    private static boolean failsEveryRow(RuntimeException e) {
        return e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException
                || !(e instanceof DataAccessException);
    }

    /** Stops taking entries, and commits the ones already handed over before the connection pool closes. */
    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(30));
        // an entry handed over while the writer was finishing: not stored, and its request must not hang
        for (Pending late; (late = waiting.poll()) != null; ) {
            late.stored().completeExceptionally(
                    new DataAccessResourceFailureException("Gatehouse is shutting down; the event was not stored"));
        }
    }
}
