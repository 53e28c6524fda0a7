package io.gatehouse.sinks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Table sink_state: one row per sink, the lock that lets one instance at a time send a sink's next batch (so two
 * instances on one database never send an event twice), and what the sink did last.
 */
@Component
public class SinkStates {

    /** A sink's progress as recorded: events sent since it was created, the last success and the last error. */
    public record State(long sent, Instant lastSentAt, String lastError, Instant lastErrorAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SinkStates(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Creates the rows of sinks configured for the first time. */
    public void create(List<Sink> sinks) {
        for (Sink sink : sinks) {
            jdbc.update("insert into sink_state (sink, sent) values (?, 0) on conflict do nothing", sink.name());
        }
    }

    /**
     * Locks the sink's row for the current transaction; false when another transaction (another instance) holds
     * it, and is sending that sink's batch now.
     */
    public boolean lock(Sink sink) {
        return !jdbc.queryForList("select sink from sink_state where sink = ? for update skip locked", String.class,
                sink.name()).isEmpty();
    }

    public void sent(Sink sink, int events) {
        jdbc.update("update sink_state set sent = sent + ?, last_sent_at = ? where sink = ?", events,
                Timestamp.from(clock.instant()), sink.name());
    }

    public void failed(Sink sink, String error) {
        jdbc.update("update sink_state set last_error = ?, last_error_at = ? where sink = ?",
                error.length() > 2000 ? error.substring(0, 2000) : error, Timestamp.from(clock.instant()),
                sink.name());
    }

    public Optional<State> of(String sink) {
        return jdbc.query("select sent, last_sent_at, last_error, last_error_at from sink_state where sink = ?",
                (rs, n) -> new State(rs.getLong(1), instant(rs.getTimestamp(2)), rs.getString(3),
                        instant(rs.getTimestamp(4))), sink).stream().findFirst();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
