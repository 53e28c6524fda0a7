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
        try {
            boolean full = Boolean.TRUE.equals(transaction.execute(status -> sendNextBatch(sink)));
            backoff.failures = 0;
            return full;
        } catch (RuntimeException e) {
            Duration wait = backoff.failed(now, properties.pollInterval(), properties.maxBackoff());
            String error = SinkFailure.describe(e);
            LOG.warn("sink {}: batch not delivered ({}), trying again in {}", name, error, wait);
            metrics.sinkFailed(name);
            try {
                states.failed(sink, error);
            } catch (RuntimeException databaseDown) {
                LOG.debug("sink {}: could not record the error", name, databaseDown);
            }
            return false;
        }
    }

    private boolean sendNextBatch(Sink sink) {
        if (!states.lock(sink)) {
            return false;
        }
        List<SinkOutbox.Entry> batch = outbox.next(sink, properties.batchSize());
        if (batch.isEmpty()) {
            return false;
        }
        // an event purged by retention (or replayed: deleted and stored again, with a new outbox row) is skipped
        List<AccessEvent> events = batch.stream().map(SinkOutbox.Entry::event).filter(Objects::nonNull).toList();
        if (!events.isEmpty()) {
            Exchange done = camel.send(sink.sendEndpoint(), exchange -> {
                exchange.setProperty(SINK, sink.name());
                exchange.getMessage().setBody(events);
            });
            if (done.getException() != null) {
                throw new SinkFailure(done.getException());
            }
        }
        outbox.remove(batch);
        states.sent(sink, events.size());
        AfterCommit.run(() -> metrics.sinkSent(sink.name(), events.size()));
        return batch.size() == properties.batchSize();
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
