package io.gatehouse.ingress;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

import io.gatehouse.definitions.VendorCatalog;
import io.gatehouse.definitions.VendorDefinition;
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.telemetry.GatehouseMetrics;

/** The JSON replies a vendor gets; the only place that sets a webhook's HTTP status, and so where it is counted. */
@Component
public class WebhookReplies {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReplies.class);

    /** What a 503 asks the vendor to wait before retrying. */
    static final String RETRY_AFTER_SECONDS = "10";

    private final ObjectMapper json;
    private final GatehouseMetrics metrics;
    private final String servedPaths;

    public WebhookReplies(ObjectMapper json, GatehouseMetrics metrics, VendorCatalog catalog) {
        this.servedPaths = catalog.all().stream().map(VendorDefinition::path).sorted()
                .collect(java.util.stream.Collectors.joining(", "));
        this.json = json;
        this.metrics = metrics;
    }

    /** 202: the event is committed to the inbox. */
    public void accepted(Exchange exchange) {
        InboxEntry entry = exchange.getIn().getBody(InboxEntry.class);
        metrics.webhookAccepted(entry.vendor());
        write(exchange.getMessage(), 202, Map.of("status", "accepted", "eventId", entry.id()));
    }

    /** 200: the event was stored before; the id is the one it got then. */
    public void duplicate(Exchange exchange) {
        String existingId = exchange.getIn().getBody(String.class);
        metrics.webhookDuplicate(vendor(exchange));
        write(exchange.getMessage(), 200, Map.of("status", "duplicate", "eventId", existingId));
    }

    /** 404 for a path under /webhooks that names no vendor Gatehouse knows. */
    public void unknownVendor(Exchange exchange) {
        metrics.webhookRejected(vendor(exchange), 404, "unknown_vendor");
        write(exchange.getMessage(), 404, error("unknown_vendor",
                "no vendor is served at this path; Gatehouse serves " + servedPaths));
    }

    /** Replies to an exception caught by the shared error handler in routes/errors.camel.yaml. */
    public void rejected(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String vendor = vendor(exchange);
        int status;
        Map<String, String> body;
        if (cause instanceof WebhookRejection rejection) {
            status = rejection.status();
            body = error(rejection.code(), rejection.getMessage());
        } else if (findCause(cause, JsonProcessingException.class) != null) {
            status = 400;
            JsonProcessingException parse = findCause(cause, JsonProcessingException.class);
            body = error("malformed_json", "the body is not JSON of the shape " + vendor + " sends: "
                    + parse.getOriginalMessage());
        } else if (findCause(cause, DataAccessResourceFailureException.class) != null
                || findCause(cause, TransientDataAccessException.class) != null) {
            // The database is unreachable or busy: nothing was stored, and the vendor should retry soon.
            LOG.warn("vendor={} webhook not stored, the database is unavailable: {}", vendor, rootMessage(cause));
            status = 503;
            body = error("storage_unavailable", "the event was not stored because the database is unavailable; "
                    + "please retry");
        } else {
            // Logged without the body: it may carry badge holders' personal data.
            LOG.error("vendor={} webhook could not be stored, answering 500 so the vendor retries", vendor, cause);
            status = 500;
            body = error("internal_error", "the event was not stored; please retry");
        }
        if (status < 500) {
            LOG.info("vendor={} webhook rejected: {} {}", vendor, status, body.get("error"));
        }
        metrics.webhookRejected(vendor, status, body.get("error"));
        write(exchange.getMessage(), status, body);
        if (status == 503) {
            exchange.getMessage().setHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
    }

    /**
     * Replies before Camel sees the request, from {@link RawWebhookBodyFilter}: a body that is not JSON (415) or
     * that did not arrive in time (408). The connection is closed, since the rest of the body is never read.
     */
    public void refuse(HttpServletResponse response, String vendor, WebhookRejection rejection) throws IOException {
        LOG.info("vendor={} webhook rejected: {} {}", vendor, rejection.status(), rejection.code());
        metrics.webhookRejected(vendor, rejection.status(), rejection.code());
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setStatus(rejection.status());
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        byte[] body = json.writeValueAsBytes(error(rejection.code(), rejection.getMessage()));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String vendor(Exchange exchange) {
        return exchange.getProperty(IngressExchange.VENDOR, "unknown", String.class);
    }

    private static Map<String, String> error(String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return body;
    }

    private void write(Message message, int status, Map<String, ?> body) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            message.setBody(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    private static <T extends Throwable> T findCause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
