package io.gatehouse.ingress;

import java.io.IOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * After the signature is verified over the exact bytes received: the body must be one JSON value that Gatehouse
 * can store, read back and serve. A leading UTF-8 byte order mark is dropped here, once, so that what is stored
 * (and what normalization, the replay, the recovery sweep and the API read) is plain JSON text. Refused with 400:
 * data after the value ({@code {...}garbage}), a key twice in one object (which copy counts is up to each reader),
 * and nesting deeper than {@link #MAX_DEPTH}.
 */
@Component
public class WebhookJson {

    /**
     * Vendors' payloads nest a handful of levels. Jackson writes at most 1 000 levels and the API serves the raw
     * payload inside the event, one level deeper, so a payload as deep as Jackson reads (1 000) could be stored but
     * never shown: GET /api/events/{id} answered 500.
     */
    static final int MAX_DEPTH = 100;

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final JsonFactory strict = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public void check(Exchange exchange) throws IOException {
        byte[] received = exchange.getProperty(IngressExchange.RAW_BODY, byte[].class);
        byte[] body = withoutBom(received);
        try (JsonParser parser = strict.createParser(body)) {
            if (parser.nextToken() != null) {
                parser.skipChildren();
                if (parser.nextToken() != null) {
                    throw WebhookRejection.badRequest("malformed_json",
                            "the body goes on after its JSON value; send exactly one JSON object");
                }
            }
        }
        exchange.setProperty(IngressExchange.RAW_BODY, body);
        exchange.getIn().setBody(body);
    }

    static byte[] withoutBom(byte[] body) {
        boolean bom = body.length >= UTF8_BOM.length
                && Arrays.equals(body, 0, UTF8_BOM.length, UTF8_BOM, 0, UTF8_BOM.length);
        return bom ? Arrays.copyOfRange(body, UTF8_BOM.length, body.length) : body;
    }
}
