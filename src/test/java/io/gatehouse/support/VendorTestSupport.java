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

import io.gatehouse.ingress.IngressExchange;

/** Builds what the vendor beans are given in the routes: exchanges with headers and raw bytes. */
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

    public static String fixture(String path) {
        return Fixtures.json(Fixtures.load(path));
    }
}
