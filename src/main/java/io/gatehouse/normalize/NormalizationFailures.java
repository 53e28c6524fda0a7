package io.gatehouse.normalize;

import java.util.Map;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.telemetry.GatehouseMetrics;

/** Records why an event could not be normalized, so that it is listed and can be replayed rather than lost. */
@Component
public class NormalizationFailures {

    private static final Logger LOG = LoggerFactory.getLogger(NormalizationFailures.class);
    static final int MAX_ERROR_LENGTH = 2000;

    private final GatehouseMetrics metrics;

    public NormalizationFailures(GatehouseMetrics metrics) {
        this.metrics = metrics;
    }

    /** Sets the body to the parameters of sql/mark-inbox-failed.sql. */
    public void record(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        InboxEntry entry = exchange.getProperty("inboxEntry", InboxEntry.class);
        Object body = exchange.getIn().getBody();
        Object id = entry != null ? entry.id() : column(body, "id");
        metrics.normalizationFailed(entry != null ? entry.vendor() : (String) column(body, "vendor"));
        // the message may quote the payload, which can hold personal data: it goes to the database, not the log
        String error = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.warn("event {} could not be normalized ({}); kept with status failed",
                id, cause == null ? "unknown" : cause.getClass().getSimpleName());
        exchange.getIn().setBody(Map.of("id", String.valueOf(id),
                "error", error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error));
    }

    /** Whether the exchange failed on a database that is unavailable or busy, rather than on the event. */
    public boolean isTransient(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof RecoverableDataAccessException) {
                return true;
            }
        }
        return false;
    }

    /** A transient database error: the row stays 'received', and the recovery sweep runs it again. */
    public void deferred(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        InboxEntry entry = exchange.getProperty("inboxEntry", InboxEntry.class);
        Object id = entry != null ? entry.id() : column(exchange.getIn().getBody(), "id");
        LOG.warn("event {} not normalized yet, the database is unavailable or busy ({}); the recovery sweep retries it",
                id, cause == null ? "unknown" : cause.getClass().getSimpleName());
    }

    private static Object column(Object body, String name) {
        return body instanceof Map<?, ?> row ? row.get(name) : null;
    }
}
