package io.gatehouse.normalize;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

import io.gatehouse.definitions.VendorCatalog;
import io.gatehouse.inbox.InboxEntry;

/**
 * Finds the inbox rows that were acknowledged but never normalized (the process stopped between the 202 and the
 * normalization) and turns them back into inbox entries, their payload parsed again.
 */
@Component
public class InboxRecovery {

    private final VendorCatalog catalog;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration grace;

    public InboxRecovery(VendorCatalog catalog, ObjectMapper json, Clock clock, RecoveryProperties recovery) {
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
        this.grace = recovery.grace();
    }

    /** Parameters of sql/select-unnormalized-inbox.sql: rows older than the grace period, which the fast path had. */
    public Map<String, Object> query() {
        return Map.of("receivedBefore", OffsetDateTime.now(clock).minus(grace).withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** Rebuilds the inbox entry of a stored row. */
    public InboxEntry toEntry(Map<String, Object> row) throws IOException {
        String vendor = (String) row.get("vendor");
        if (!catalog.defines(vendor)) {
            throw new IllegalStateException("inbox row " + row.get("id") + " names vendor '" + vendor
                    + "', which this Gatehouse does not serve");
        }
        String raw = text(row.get("raw_body"));
        return new InboxEntry((String) row.get("id"), vendor, (String) row.get("dedup_key"),
                (String) row.get("vendor_event_id"), (String) row.get("vendor_event_type"),
                toInstant(row.get("received_at")), raw, json.readValue(raw, Map.class));
    }

    /** H2 returns a TEXT column as a Clob, PostgreSQL as a String. */
    private static String text(Object value) {
        if (value instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot read raw_body", e);
            }
        }
        return (String) value;
    }

    private static java.time.Instant toInstant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof java.time.Instant instant) {
            return instant;
        }
        throw new IllegalStateException("unexpected received_at type " + value.getClass().getName());
    }

}
