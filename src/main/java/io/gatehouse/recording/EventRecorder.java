package io.gatehouse.recording;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.ProducerTemplate;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatehouse.database.GroupCommit;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.normalize.EventReplay;
import io.gatehouse.telemetry.LogFields;

/**
 * Records a normalized event in one transaction: the route {@code record-access-event}
 * (routes/record/record.camel.yaml: the event stored once, the rules evaluated, each alert raised with a pending
 * delivery per channel), then its inbox row marked normalized. A crash leaves all of it or none, and the recovery
 * sweep normalizes the event again. Events normalized at the same time share that transaction ({@link GroupCommit}):
 * its commit costs most of an event's normalization. One writer thread also means the rules see events one after the
 * other, so two events never race for a rule's throttle or threshold state.
 */
@Component
public class EventRecorder {

    static final int MAX_BATCH = 100;

    /** The route that runs, on the writer's thread and so inside its transaction, for each event of a batch. */
    static final String RECORD_ROUTE = "direct:record-access-event";

    private static final String MARK_NORMALIZED = "update inbox set status = 'normalized', error = null where id = ?";

    private record Recording(AccessEvent event, boolean replay) {
    }

    private final JdbcTemplate jdbc;
    private final ProducerTemplate camel;
    private final GroupCommit<Recording, List<String>> commits;

    public EventRecorder(JdbcTemplate jdbc, TransactionTemplate transaction, ProducerTemplate camel) {
        this.jdbc = jdbc;
        this.camel = camel;
        this.commits = new GroupCommit<>("event-recorder", MAX_BATCH, transaction, this::write);
    }

    /** Returns, once committed, the ids of the alerts the event raised; throws the error that kept it from commit. */
    public List<String> record(@Body AccessEvent event, @ExchangeProperty(EventReplay.REPLAY) Boolean replay) {
        return commits.commit(new Recording(event, Boolean.TRUE.equals(replay)));
    }

    private List<List<String>> write(List<Recording> batch) {
        List<List<String>> alerts = new ArrayList<>(batch.size());
        for (Recording recording : batch) {
            AccessEvent event = recording.event();
            // this thread works for many events: its log lines name the one at hand, as the routes' do
            try (var eventId = MDC.putCloseable(LogFields.EVENT_ID, event.id());
                 var vendor = MDC.putCloseable(LogFields.VENDOR, event.vendor())) {
                alerts.add(recordInRoute(recording));
            }
        }
        jdbc.batchUpdate(MARK_NORMALIZED, batch.stream().map(recording -> new Object[] {recording.event().id()})
                .toList());
        return alerts;
    }

    @SuppressWarnings("unchecked")
    private List<String> recordInRoute(Recording recording) {
        Exchange done = camel.send(RECORD_ROUTE, exchange -> {
            exchange.getMessage().setBody(recording.event());
            exchange.setProperty(EventReplay.REPLAY, recording.replay());
        });
        if (done.getException() != null) {
            // the whole batch rolls back; GroupCommit writes it again (after a deadlock), or its events one by one
            throw done.getException() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("recording the event failed", done.getException());
        }
        return done.getMessage().getBody(List.class);
    }

    /** Stops taking events, and commits the ones already handed over before the connection pool closes. */
    @PreDestroy
    void stop() throws InterruptedException {
        commits.stop();
    }
}
