package io.gatehouse.ingress;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.gatehouse.database.RowIds;
import io.gatehouse.definitions.PayloadExpression;
import io.gatehouse.definitions.PayloadExpression.MappingException;
import io.gatehouse.definitions.VendorCatalog;
import io.gatehouse.definitions.VendorDefinition;
import io.gatehouse.inbox.InboxEntry;

/**
 * Turns a verified, parsed payload into an {@link InboxEntry}: its event type, id and de-duplication key as the
 * vendor's definition reads them. Refuses a payload that names no event type.
 */
@Component
public class InboxEntries {

    private static final Logger LOG = LoggerFactory.getLogger(InboxEntries.class);

    private final VendorCatalog catalog;

    public InboxEntries(VendorCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Longer keys are stored as their SHA-256, so a column width never refuses a real event; so are keys holding
     * NUL, which a PostgreSQL text column refuses (the insert would fail before the 202, and the vendor retry for
     * ever).
     */
    static final int MAX_KEY_LENGTH = 200;
    static final int MAX_TYPE_LENGTH = 200;

    public InboxEntry create(@Body Map<String, Object> payload,
                             @ExchangeProperty(IngressExchange.VENDOR) String vendor,
                             @ExchangeProperty(IngressExchange.RAW_BODY) byte[] rawBody,
                             @ExchangeProperty(IngressExchange.RECEIVED_AT) Instant receivedAt,
                             @ExchangeProperty(IngressExchange.DELIVERY_ID) String deliveryId) {
        VendorDefinition definition = catalog.get(vendor);
        String eventType = read(definition, definition.eventType(), payload);
        if (eventType == null) {
            throw WebhookRejection.badRequest("missing_event_type",
                    "the payload names no " + vendor + " event type");
        }
        String raw = strictUtf8(rawBody);
        String eventId = read(definition, definition.eventId(), payload);
        String dedupKey = read(definition, definition.dedupKey(), payload);
        // a well-signed event is never refused for lack of an id: the exact body then tells redeliveries apart
        String key = !isBlank(dedupKey) ? dedupKey
                : !isBlank(deliveryId) ? deliveryId : bodyKey(definition, rawBody, receivedAt);
        return new InboxEntry(RowIds.next(), vendor, bounded(key), truncate(eventId),
                truncate(eventType), receivedAt, raw, payload);
    }

    /**
     * The body's digest; within the definition's {@code dedup-window} only, when it has one (the window a receipt
     * falls in is part of the key: a redelivery across a window's end is stored once more, never lost).
     */
    static String bodyKey(VendorDefinition definition, byte[] rawBody, Instant receivedAt) {
        String key = "body:" + sha256(rawBody);
        if (definition.dedupWindow() == null) {
            return key;
        }
        return key + "@" + Math.floorDiv(receivedAt.getEpochSecond(), definition.dedupWindow().toSeconds());
    }

    /**
     * What an expression of the definition reads in the payload. An expression that fails on a payload reads
     * nothing: the event is still stored (by its body's digest), never refused for a definition's mistake.
     */
    private static String read(VendorDefinition definition, PayloadExpression expression, Object payload) {
        if (expression == null) {
            return null;
        }
        try {
            return expression.text(payload);
        } catch (MappingException e) {
            LOG.warn("vendor={} {}: {}", definition.name(), definition.file(), e.getMessage());
            return null;
        }
    }

    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw WebhookRejection.badRequest("invalid_encoding", "the body is not valid UTF-8 JSON");
        }
    }

    static String bounded(String key) {
        return key.length() <= MAX_KEY_LENGTH && key.indexOf('\u0000') < 0 ? key
                : "sha256:" + sha256(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The vendor's event id and type as columns hold them: without NUL (see above), at most 200 characters. */
    private static String truncate(String value) {
        if (value == null) {
            return null;
        }
        String text = value.replace("\u0000", "");
        return text.length() <= MAX_TYPE_LENGTH ? text : text.substring(0, MAX_TYPE_LENGTH);
    }
}
