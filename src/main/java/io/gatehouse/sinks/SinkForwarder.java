package io.gatehouse.sinks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatehouse.database.AfterCommit;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.telemetry.GatehouseMetrics;

/**
 * Sends a sink's next batch, in one transaction: lock the sink's row (another instance holding it is sending that
 * sink now), read its oldest waiting events, hand them to the sink's send route (routes/sinks/), and delete them
 * from the outbox only once the platform accepted them. A failure rolls back and leaves them waiting, in order,
 * and the sink backs off. A crash between the platform's acceptance and the commit sends that one batch again.
 * A platform that refuses the events themselves (malformed, too large) gets them one at a time until the one it
 * refuses is found; refused {@code max-attempts} times, that one is parked, and the sink goes on.
 */
@Component
public class SinkForwarder {

    /** Exchange property of the send routes: the name of the sink whose batch it is. */
    public static final String SINK = "gatehouseSink";

    private static final Logger LOG = LoggerFactory.getLogger(SinkForwarder.class);

    private final SinkCatalog catalog;
    private final SinkOutbox outbox;
    private final SinkStates states;
    private final SinksProperties properties;
    private final TransactionTemplate transaction;
    private final ProducerTemplate camel;
    private final GatehouseMetrics metrics;
    private final Clock clock;
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();

    public SinkForwarder(SinkCatalog catalog, SinkOutbox outbox, SinkStates states, SinksProperties properties,
                         TransactionTemplate transaction, ProducerTemplate camel, GatehouseMetrics metrics,
                         Clock clock) {
        this.catalog = catalog;
        this.outbox = outbox;
        this.states = states;
        this.properties = properties;
        this.transaction = transaction;
        this.camel = camel;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Returns true when a full batch went out, so more may be waiting and the route goes on at once. */
    public boolean forward(String name) {
        Sink sink = catalog.named(name).orElseThrow(() -> new IllegalArgumentException("no sink " + name));
        Backoff backoff = backoffs.computeIfAbsent(name, n -> new Backoff());
        Instant now = clock.instant();
        // while stopping, a sink catching up ends with the batch at hand: what waits stays in the outbox
        if (now.isBefore(backoff.until) || camel.getCamelContext().isStopping()) {
            return false;
        }
        Outcome outcome;
        try {
            outcome = transaction.execute(status -> sendNextBatch(sink));
        } catch (RuntimeException e) {
            String error = SinkFailure.describe(e);
            failed(sink, backoff, now, error);
            try {
                states.failed(sink, error);
            } catch (RuntimeException databaseDown) {
                LOG.debug("sink {}: could not record the error", name, databaseDown);
            }
            return false;
        }
        if (outcome.refusal() != null) {
            failed(sink, backoff, now, outcome.refusal());
            return false;
        }
        backoff.failures = 0;
        return outcome.full();
    }

    private void failed(Sink sink, Backoff backoff, Instant now, String error) {
        Duration wait = backoff.failed(now, properties.pollInterval(), properties.maxBackoff());
        LOG.warn("sink {}: batch not delivered ({}), trying again in {}", sink.name(), error, wait);
        metrics.sinkFailed(sink.name());
    }

    private Outcome sendNextBatch(Sink sink) {
        if (!states.lock(sink)) {
            return Outcome.DONE;
        }
        List<SinkOutbox.Entry> batch = outbox.next(sink, properties.batchSize());
        if (batch.isEmpty()) {
            return Outcome.DONE;
        }
        // the events of a batch the platform refused go one at a time, so that the one it refuses is found (and
        // parked) and the others go on
        if (batch.get(0).attempts() > 0) {
            batch = batch.subList(0, 1);
        }
        // an event purged by retention (or replayed: deleted and stored again, with a new outbox row) is skipped;
        // what the platform gets of an event is the sink's to say (personal data)
        List<AccessEvent> events = batch.stream().map(SinkOutbox.Entry::event).filter(Objects::nonNull)
                .map(sink::streamed).toList();
        if (!events.isEmpty()) {
            Exchange done = camel.send(sink.sendEndpoint(), exchange -> {
                exchange.setProperty(SINK, sink.name());
                exchange.getMessage().setBody(events);
            });
            if (done.getException() != null) {
                if (!SinkFailure.isRefusal(done.getException())) {
                    throw new SinkFailure(done.getException());
                }
                return refused(sink, batch, SinkFailure.describe(done.getException()));
            }
        }
        outbox.remove(batch);
        states.sent(sink, events.size());
        AfterCommit.run(() -> metrics.sinkSent(sink.name(), events.size()));
        return batch.size() == properties.batchSize() ? Outcome.FULL : Outcome.DONE;
    }

    /**
     * The platform refused the events as such: committed, not rolled back, each counts an attempt; an event
     * refused alone {@code max-attempts} times is parked and the events behind it go on at once. An event in a
     * larger batch is never parked: the platform did not say which one it refused.
     */
    private Outcome refused(Sink sink, List<SinkOutbox.Entry> batch, String refusal) {
        SinkOutbox.Entry first = batch.get(0);
        states.failed(sink, refusal);
        if (batch.size() == 1 && first.attempts() + 1 >= properties.maxAttempts()) {
            outbox.park(first, refusal);
            LOG.warn("sink {}: event {} parked after {} refusals ({}); POST /api/sinks/{}/parked/retry or skip",
                    sink.name(), first.event() == null ? "?" : first.event().id(), first.attempts() + 1, refusal,
                    sink.name());
            AfterCommit.run(() -> metrics.sinkFailed(sink.name()));
            // the events behind it have waited long enough
            return Outcome.FULL;
        }
        outbox.refused(batch, refusal);
        return new Outcome(false, refusal);
    }

    /**
     * What one turn did: {@code full}, more may wait and the sink goes on at once (a full batch sent, an event
     * parked); {@code refusal}, the platform refused the events and the sink backs off.
     */
    private record Outcome(boolean full, String refusal) {
        static final Outcome FULL = new Outcome(true, null);
        static final Outcome DONE = new Outcome(false, null);
    }

    /** A sink's wait after failures: the poll interval, doubled after each failure, at most the maximum. */
    private static final class Backoff {
        private int failures;
        private Instant until = Instant.MIN;

        Duration failed(Instant now, Duration first, Duration max) {
            failures++;
            Duration wait = first.multipliedBy(1L << Math.min(failures - 1, 20));
            if (wait.compareTo(max) > 0) {
                wait = max;
            }
            until = now.plus(wait);
            return wait;
        }
    }
}
