package io.gatehouse.ingress;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

import io.gatehouse.database.RowIds;
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.inbox.VendorEvent;

/** Turns a verified, parsed payload into an {@link InboxEntry}, refusing one that names no event type. */
@Component
public class InboxEntries {

    /**
     * Longer keys are stored as their SHA-256, so a column width never refuses a real event; so are keys holding
     * NUL, which a PostgreSQL text column refuses (the insert would fail before the 202, and the vendor retry for
     * ever).
     */
    static final int MAX_KEY_LENGTH = 200;
    static final int MAX_TYPE_LENGTH = 200;

    public InboxEntry create(@Body VendorEvent event,
                             @ExchangeProperty(IngressExchange.VENDOR) String vendor,
                             @ExchangeProperty(IngressExchange.RAW_BODY) byte[] rawBody,
                             @ExchangeProperty(IngressExchange.RECEIVED_AT) Instant receivedAt,
                             @ExchangeProperty(IngressExchange.DELIVERY_ID) String deliveryId) {
        if (event == null || event.eventType() == null || event.eventType().isBlank()) {
            throw WebhookRejection.badRequest("missing_event_type",
                    "the payload names no " + vendor + " event type");
        }
        String raw = strictUtf8(rawBody);
        // a well-signed event is never refused for lack of an id: the exact body then tells redeliveries apart
        String key = !isBlank(event.deduplicationKey()) ? event.deduplicationKey()
                : !isBlank(deliveryId) ? deliveryId : "body:" + sha256(rawBody);
        return new InboxEntry(RowIds.next(), vendor, bounded(key), truncate(event.vendorEventId()),
                truncate(event.eventType()), receivedAt, raw, event);
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
