package io.gatehouse.normalize;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.gatehouse.inbox.InboxEntry;

/**
 * Runs a stored event through normalization and the rules again, from its raw payload: after a fix of its vendor's definition,
 * for an event whose normalization failed, or after a rule change. Rules that already looked at the event do not
 * fire again; rules added since do.
 */
@Component
public class EventReplay {

    /** Exchange property marking a replay, whose age since receipt is no measure of normalization lag. */
    public static final String REPLAY = "gatehouseReplay";

    private final JdbcTemplate jdbc;
    private final InboxRecovery recovery;
    private final ProducerTemplate producer;

    public EventReplay(JdbcTemplate jdbc, InboxRecovery recovery, ProducerTemplate producer) {
        this.jdbc = jdbc;
        this.recovery = recovery;
        this.producer = producer;
    }

    /** Returns the inbox status after the replay ({@code normalized} or {@code failed}); empty for an unknown id. */
    public Optional<String> replay(String id) throws IOException {
        List<Map<String, Object>> rows = jdbc.queryForList("select id, vendor, dedup_key, vendor_event_id, "
                + "vendor_event_type, received_at, raw_body from inbox where id = ?", id);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        jdbc.update("delete from access_event where id = ?", id);
        jdbc.update("update inbox set status = 'received', error = null where id = ?", id);
        InboxEntry entry;
        try {
            entry = recovery.toEntry(rows.get(0));
        } catch (IOException | RuntimeException e) {
            jdbc.update("update inbox set status = 'failed', error = ? where id = ?",
                    "replay: " + e.getClass().getSimpleName(), id);
            return Optional.of("failed");
        }
        producer.send("direct:normalize", exchange -> {
            exchange.setProperty("inboxEntry", entry);
            exchange.setProperty(REPLAY, true);
            exchange.getIn().setBody(entry);
        });
        return Optional.of(jdbc.queryForObject("select status from inbox where id = ?", String.class, id));
    }

    /** Events kept with a normalization error, newest first. */
    public List<Map<String, Object>> failed(int limit) {
        return jdbc.queryForList(FAILED, limit);
    }

    /** Status first in the order, though fixed: only so does H2 read the index in order (InboxIndexUseTest). */
    static final String FAILED = "select id, vendor, vendor_event_type, received_at, error from inbox "
            + "where status = 'failed' order by status desc, received_at desc limit ?";
}
