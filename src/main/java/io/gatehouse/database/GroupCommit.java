package io.gatehouse.database;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * <p>When a batch fails for another reason than an unavailable or busy database, its items are written again one
 * per transaction, so that only the faulty one fails, with its own error.
 *
 * @param <T> what a caller hands over
 * @param <R> what it gets back once committed
 */
public final class GroupCommit<T, R> {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

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
        try {
            List<T> items = batch.stream().map(Pending::item).toList();
            List<R> results = transaction.execute(status -> write.apply(items));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            RuntimeException failure = asDataAccess(e);
            if (batch.size() > 1 && !failsEveryItem(failure)) {
                batch.forEach(pending -> write(List.of(pending)));
            } else {
                batch.forEach(pending -> pending.result().completeExceptionally(failure));
            }
        } catch (Error e) {
            batch.forEach(pending -> pending.result().completeExceptionally(e));   // no caller may hang
            throw e;
        }
    }

    /** A transaction that could not begin or commit means the database is unreachable: the caller should retry. */
    private RuntimeException asDataAccess(RuntimeException e) {
        if (e instanceof TransactionException) {
            return new DataAccessResourceFailureException(name + ": the transaction failed: " + e.getMessage(), e);
        }
        return e;
    }

    /** An unavailable or busy database: retrying the items one by one would not help. */
    private static boolean failsEveryItem(RuntimeException e) {
        return e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException;
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
