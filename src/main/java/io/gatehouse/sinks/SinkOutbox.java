package io.gatehouse.sinks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.recording.AccessEventTable;

/**
 * The sinks' transactional outbox (table sink_outbox): a row per stored event and sink that wants it, written in
 * the transaction that stores the event, so an event is either stored and waiting for every sink or not stored at
 * all; a row leaves once its sink's platform accepted the event.
 */
@Component
public class SinkOutbox {

    /**
     * One waiting event of a sink; {@code event} is null when the event was purged (retention) or replayed.
     * {@code attempts}: how many batches that held it the platform refused as such.
     */
    public record Entry(long position, AccessEvent event, int attempts) {
    }

    /** An event the sink's platform refused alone, again and again, held aside until retried or skipped. */
    public record Parked(String eventId, int attempts, Instant parkedAt, String refusal) {
    }

    /** How far a sink is behind: events waiting, and when the oldest of them was recorded (null: none waits). */
    public record Lag(long events, Instant oldestRecordedAt) {
    }

    private record Received(AccessEvent event, Timestamp at) {
    }

    private static final String INSERT = "insert into sink_outbox (sink, event_id, recorded_at) values (?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final SinkCatalog catalog;
    private final AccessEventTable events;
    private final Clock clock;

    public SinkOutbox(JdbcTemplate jdbc, SinkCatalog catalog, AccessEventTable events, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A step of record-access-event, inside the recorder's transaction: the event waits for each sink that wants
     * it. Only when this exchange stored it: an event normalized again (the sweep, a replay that found it stored)
     * was handed to the sinks the first time.
     */
    public void add(@Body AccessEvent event, @ExchangeProperty(AccessEventTable.NEWLY_STORED) Boolean newlyStored) {
        if (!Boolean.TRUE.equals(newlyStored)) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>();
        for (Sink sink : catalog.all()) {
            if (sink.wants(event)) {
                rows.add(new Object[] {sink.name(), event.id(), now});
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT, rows);
        }
    }

    /**
     * The sink's oldest waiting events (parked ones aside), in the order they were recorded; ordered by the whole
     * index (sink and parked_at fixed), so that H2 reads them from it in order instead of sorting every waiting row.
     */
    public List<Entry> next(Sink sink, int limit) {
        return jdbc.query("select o.position, o.attempts, e.* from sink_outbox o "
                        + "left join access_event e on e.id = o.event_id "
                        + "where o.sink = ? and o.parked_at is null order by o.sink, o.parked_at, o.position limit ?",
                (rs, n) -> new Entry(rs.getLong("position"), rs.getString("id") == null ? null : events.fromRow(rs),
                        rs.getInt("attempts")),
                sink.name(), limit);
    }

    /** The platform refused a batch that held these events as such: each counts one more attempt. */
    public void refused(List<Entry> batch, String refusal) {
        jdbc.batchUpdate("update sink_outbox set attempts = attempts + 1, refusal = ? where position = ?",
                batch.stream().map(entry -> new Object[] {fit(refusal), entry.position()}).toList());
    }

    /** Refused alone too often: the event is held aside, and the events behind it go on. */
    public void park(Entry entry, String refusal) {
        jdbc.update("update sink_outbox set attempts = attempts + 1, refusal = ?, parked_at = ? where position = ?",
                fit(refusal), Timestamp.from(clock.instant()), entry.position());
    }

    public long parkedCount(String sink) {
        Long parked = jdbc.queryForObject("select count(*) from sink_outbox where sink = ? and parked_at is not null",
                Long.class, sink);
        return parked == null ? 0 : parked;
    }

    /** The sink's parked events, the oldest first (at most {@code limit}). */
    public List<Parked> parked(String sink, int limit) {
        return jdbc.query("select event_id, attempts, parked_at, refusal from sink_outbox where sink = ? "
                        + "and parked_at is not null order by position limit ?",
                (rs, n) -> new Parked(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(), rs.getString(4)),
                sink, limit);
    }

    /**
     * Parked events go back in line, at their place (before the events recorded after them), with their attempts
     * counted afresh: for a platform that will take them now. {@code eventId} null: all of the sink's.
     */
    public int retryParked(String sink, String eventId) {
        String retry = "update sink_outbox set parked_at = null, attempts = 0, refusal = null where sink = ? "
                + "and parked_at is not null";
        return eventId == null ? jdbc.update(retry, sink) : jdbc.update(retry + " and event_id = ?", sink, eventId);
    }

    /** Parked events are dropped: this sink never sends them. {@code eventId} null: all of the sink's. */
    public int skipParked(String sink, String eventId) {
        String skip = "delete from sink_outbox where sink = ? and parked_at is not null";
        return eventId == null ? jdbc.update(skip, sink) : jdbc.update(skip + " and event_id = ?", sink, eventId);
    }

    /** The platform has them: they leave the outbox. */
    public void remove(List<Entry> sent) {
        jdbc.batchUpdate("delete from sink_outbox where position = ?",
                sent.stream().map(entry -> new Object[] {entry.position()}).toList());
    }

    /** Parked events aside: they wait for an operator, not for the platform. */
    public Lag lag(String sink) {
        Long waiting = jdbc.queryForObject("select count(*) from sink_outbox where sink = ? and parked_at is null",
                Long.class, sink);
        // the first in position order, read from the index (H2 would read every row for min(recorded_at))
        List<Timestamp> oldest = jdbc.queryForList("select recorded_at from sink_outbox where sink = ? "
                + "and parked_at is null order by sink, parked_at, position limit 1", Timestamp.class, sink);
        return new Lag(waiting == null ? 0 : waiting, oldest.isEmpty() ? null : oldest.get(0).toInstant());
    }

    private static String fit(String refusal) {
        return refusal.length() > 2000 ? refusal.substring(0, 2000) : refusal;
    }

    /**
     * Queues again, behind what waits, every stored event the sink wants that Gatehouse received since
     * {@code since}, in the order received; returns how many. For a platform that lost data: it gets these events
     * a second time (the same CloudEvent ids).
     */
    public int replay(Sink sink, Instant since) {
        int queued = 0;
        Timestamp after = Timestamp.from(since);
        String afterId = "";
        Timestamp now = Timestamp.from(clock.instant());
        while (true) {
            // keyset pages over the inbox's received_at index; the event row has the same id
            List<Received> page = jdbc.query("select e.*, i.received_at as inbox_received_at from inbox i "
                            + "join access_event e on e.id = i.id where i.received_at > ? "
                            + "or (i.received_at = ? and i.id > ?) order by i.received_at, i.id limit 500",
                    (rs, n) -> new Received(events.fromRow(rs), rs.getTimestamp("inbox_received_at")),
                    after, after, afterId);
            if (page.isEmpty()) {
                return queued;
            }
            List<Object[]> rows = new ArrayList<>();
            for (Received received : page) {
                if (sink.wants(received.event())) {
                    rows.add(new Object[] {sink.name(), received.event().id(), now});
                }
            }
            if (!rows.isEmpty()) {
                jdbc.batchUpdate(INSERT, rows);
            }
            queued += rows.size();
            Received last = page.get(page.size() - 1);
            after = last.at();
            afterId = last.event().id();
        }
    }
}
