package io.gatehouse.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.ops.EventLogContext;
import io.gatehouse.ops.GatehouseMetrics;
import io.gatehouse.rules.AlertEngine;

/**
 * Records a normalized event: the canonical event stored once, the alerts its rules raise (each with a pending
 * delivery per channel), and its inbox row marked normalized, all in one transaction, so a crash leaves all of it or
 * none and the recovery sweep normalizes the event again. Events normalized at the same time share that transaction
 * ({@link GroupCommit}): its commit cost most of an event's normalization. One writer thread also means the rules
 * see events one after the other, so two events never race for a rule's throttle or threshold state.
 */
@Component
public class EventRecorder {

    static final int MAX_BATCH = 100;

    // "on conflict do nothing": an event normalized again (replay, recovery) is kept as first stored
    private static final String INSERT_EVENT = "insert into access_event (id, vendor, vendor_event_id, "
            + "vendor_event_type, type, severity, outcome, occurred_at, received_at, device_id, device_name, "
            + "device_kind, door_id, door_name, site_id, site_name, actor_id, actor_name, actor_email, method, "
            + "attributes, time_zone, enrichment) values (:id, :vendor, :vendorEventId, :vendorEventType, :type, "
            + ":severity, :outcome, :occurredAt, :receivedAt, :deviceId, :deviceName, :deviceKind, :doorId, "
            + ":doorName, :siteId, :siteName, :actorId, :actorName, :actorEmail, :method, :attributes, :timeZone, "
            + ":enrichment) on conflict do nothing";
    private static final String MARK_NORMALIZED = "update inbox set status = 'normalized', error = null where id = ?";

    private record Recording(AccessEvent event, boolean replay) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate namedJdbc;
    private final AccessEventRows rows;
    private final AlertEngine alertEngine;
    private final GatehouseMetrics metrics;
    private final GroupCommit<Recording, List<String>> commits;

    public EventRecorder(JdbcTemplate jdbc, TransactionTemplate transaction, AccessEventRows rows,
                         AlertEngine alertEngine, GatehouseMetrics metrics) {
        this.jdbc = jdbc;
        this.namedJdbc = new NamedParameterJdbcTemplate(jdbc);
        this.rows = rows;
        this.alertEngine = alertEngine;
        this.metrics = metrics;
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
            try (var eventId = MDC.putCloseable(EventLogContext.EVENT_ID, event.id());
                 var vendor = MDC.putCloseable(EventLogContext.VENDOR, event.vendor())) {
                if (namedJdbc.update(INSERT_EVENT, row(event)) == 1) {
                    AfterCommit.run(() -> metrics.eventStored(event, recording.replay()));
                }
                alerts.add(alertEngine.evaluate(event));
            }
        }
        jdbc.batchUpdate(MARK_NORMALIZED, batch.stream().map(recording -> new Object[] {recording.event().id()})
                .toList());
        return alerts;
    }

    private Map<String, Object> row(AccessEvent event) {
        try {
            return rows.toRow(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the event's attributes cannot be written as JSON", e);
        }
    }

    /** Stops taking events, and commits the ones already handed over before the connection pool closes. */
    @PreDestroy
    void stop() throws InterruptedException {
        commits.stop();
    }
}
