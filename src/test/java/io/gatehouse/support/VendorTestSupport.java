package io.gatehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.inbox.VendorEvent;
import io.gatehouse.ingress.IngressExchange;

/** Builds what the vendor beans are given in the routes: exchanges with headers and raw bytes, inbox entries. */
public final class VendorTestSupport {

    public static final ObjectMapper JSON = new ObjectMapper();

    private VendorTestSupport() {
    }

    public static Exchange exchange(String body, Map<String, String> headers) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        headers.forEach((name, value) -> exchange.getIn().setHeader(name, value));
        exchange.setProperty(IngressExchange.RAW_BODY, body.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }

    /** An inbox entry for a payload, as the ingress makes it. */
    public static <T extends VendorEvent> InboxEntry entry(String vendor, String json, Class<T> type) {
        try {
            T payload = JSON.readValue(json, type);
            return new InboxEntry("id-1", vendor, "key", payload.vendorEventId(), payload.eventType(),
                    Instant.parse("2026-01-01T00:00:00Z"), json, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String fixture(String path) {
        return Fixtures.json(Fixtures.load(path));
    }
}
