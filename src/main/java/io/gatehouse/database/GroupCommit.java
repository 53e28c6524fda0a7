package io.gatehouse.database;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several callers' writes in one transaction ("group commit"). A commit is the costly part of a small write
 * (PostgreSQL flushes its log to disk; H2 writes every changed page to its file), and each caller may only go on
 * once its own write is committed. So each caller hands its item to one writer thread and waits; the writer takes
 * whatever items are waiting, up to {@code maxBatch}, writes them in one transaction and commits once, then releases
 * each caller with its own result. Under load many callers share a commit; alone, a caller waits for nothing but its
 * own.
 *
 * <p>A batch that lost to another transaction (a deadlock, a serialization failure, a lock wait that timed out) is
 * written again at once, in a new transaction, up to {@link #ATTEMPTS} times in all: the other transaction has
 * gone by then, and no caller should wait for the recovery sweep because of it. A batch that still fails, or fails
 * for another reason than an unavailable database, is written again one item per transaction (each with the same
 * attempts), so that only the faulty item fails, with its own error. An unavailable database fails every item at
 * once: writing them again could not help.
 *
 * @param <T> what a caller hands over
 * @param <R> what it gets back once committed
 */
public final class GroupCommit<T, R> {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /**
     * Transactions a batch gets while it loses to other transactions. A deadlock rarely meets the same transactions
     * twice; a batch that loses three times in a row is split into its items, each with as many attempts, so that a
     * lasting conflict holds the writer for a bounded time and fails only the items it concerns.
     */
    static final int ATTEMPTS = 3;

    /**
     * The pause before writing a batch again, in ms, drawn at random between these bounds: two writers that
     * deadlocked each other (two instances) do not start again in step.
     */
    private static final long MIN_PAUSE_MILLIS = 5;
    private static final long MAX_PAUSE_MILLIS = 50;

    /** SQLSTATEs of a transaction that lost to another: serialization failure, deadlock, lock not available. */
    private static final Set<String> LOST_TO_ANOTHER_TRANSACTION = Set.of("40001", "40P01", "55P03");
    /** H2's error code for a lock wait that timed out (its SQLSTATE, HYT00, is every timeout's). */
    private static final int H2_LOCK_TIMEOUT = 50200;

    private record Pending<T, R>(T item, CompletableFuture<R> result) {
    }

    private final String name;
    private final int maxBatch;
    private final TransactionTemplate transaction;
    private final Function<List<T>, List<R>> write;
    private final BlockingQueue<Pending<T, R>> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    /**
     * @param write writes a batch inside the transaction and returns one result per item, in order
     */
    public GroupCommit(String name, int maxBatch, TransactionTemplate transaction, Function<List<T>, List<R>> write) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.transaction = transaction;
        this.write = write;
        this.writer = new Thread(this::writeWhileRunning, name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Returns the item's result once its transaction has committed; throws the error that kept it from committing. */
    public R commit(T item) {
        if (!running) {
            throw shuttingDown();
        }
        Pending<T, R> pending = new Pending<>(item, new CompletableFuture<>());
        waiting.add(pending);
        try {
            return pending.result().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(name + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("interrupted while " + name + " was committing", e);
        }
    }

    /** How many items are handed over and waiting for the writer to take them. */
    int waitingCount() {
        return waiting.size();
    }

    private void writeWhileRunning() {
        while (running || !waiting.isEmpty()) {
            try {
                Pending<T, R> first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending<T, R>> batch = new ArrayList<>();
                batch.add(first);
                waiting.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // never let the writer die: every caller waiting on it would hang
                LOG.error("{} failed", name, e);
            }
        }
    }

    private void write(List<Pending<T, R>> batch) {
        RuntimeException failure = commitOnce(batch);
        for (int attempt = 2; attempt <= ATTEMPTS && failure != null && lostToAnotherTransaction(failure); attempt++) {
            pauseBefore(attempt, batch.size(), failure);
            failure = commitOnce(batch);
        }
        if (failure == null) {
            return;
        }
        if (batch.size() > 1 && !failsEveryItem(failure)) {
            batch.forEach(pending -> write(List.of(pending)));
        } else {
            RuntimeException cause = failure;
            batch.forEach(pending -> pending.result().completeExceptionally(cause));
        }
    }

    /** Writes the batch in one transaction and hands each caller its result; returns null, or what failed it. */
    private RuntimeException commitOnce(List<Pending<T, R>> batch) {
        try {
            List<T> items = batch.stream().map(Pending::item).toList();
            List<R> results = transaction.execute(status -> write.apply(items));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
            return null;
        } catch (RuntimeException e) {
            return asDataAccess(e);
        } catch (Error e) {
            batch.forEach(pending -> pending.result().completeExceptionally(e));   // no caller may hang
            throw e;
        }
    }

    private void pauseBefore(int attempt, int items, RuntimeException failure) {
        // the class only: the message of a database error may quote the event
        LOG.info("{}: a batch of {} lost to another transaction ({}); writing it again (attempt {} of {})", name,
                items, failure.getClass().getSimpleName(), attempt, ATTEMPTS);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(MIN_PAUSE_MILLIS, MAX_PAUSE_MILLIS + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // the writer is being stopped: write it again without a pause
        }
    }

    /** A transaction that could not begin or commit means the database is unreachable: the caller should retry. */
    private RuntimeException asDataAccess(RuntimeException e) {
        if (e instanceof TransactionException) {
            return new DataAccessResourceFailureException(name + ": the transaction failed: " + e.getMessage(), e);
        }
        return e;
    }

    /**
     * A deadlock, a serialization failure or a lock wait that timed out: not the items' fault, and over once the
     * other transaction is. Spring's JdbcTemplate calls some of them a {@link ConcurrencyFailureException}
     * (PostgreSQL's 40P01 and 40001, H2's deadlock), but not the lock timeouts: PostgreSQL's 55P03 is uncategorized
     * and H2's a query timeout. Hence their SQLSTATE and H2's error code as well.
     */
    private static boolean lostToAnotherTransaction(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyFailureException || t instanceof SQLException error
                    && (LOST_TO_ANOTHER_TRANSACTION.contains(error.getSQLState())
                    || error.getErrorCode() == H2_LOCK_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An unavailable database (or one too slow to answer): writing the items one by one would not help; they are
     * written again later (the event recorder's are left to the recovery sweep).
     */
    private static boolean failsEveryItem(RuntimeException e) {
        return e instanceof DataAccessResourceFailureException
                || e instanceof TransientDataAccessException && !lostToAnotherTransaction(e);
    }

    private DataAccessResourceFailureException shuttingDown() {
        return new DataAccessResourceFailureException("Gatehouse is shutting down; " + name + " did not commit it");
    }

    /** Stops taking items, and commits the ones already handed over (before the connection pool closes). */
    public void stop() throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(30));
        // an item handed over while the writer was finishing: not committed, and its caller must not hang
        for (Pending<T, R> late; (late = waiting.poll()) != null; ) {
            late.result().completeExceptionally(shuttingDown());
        }
    }
}
