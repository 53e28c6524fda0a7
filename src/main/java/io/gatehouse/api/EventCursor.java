package io.gatehouse.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of events ends, in their order (occurredAt, then receivedAt, then id, all descending): the next page
 * starts strictly after it. Keyset paging stays as fast on the thousandth page as on the first, and a page never
 * repeats or skips an event when new ones arrive meanwhile. Sent as an opaque base64url token.
 */
public record EventCursor(Instant occurredAt, Instant receivedAt, String id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    public String encode() {
        return ENCODER.encodeToString((occurredAt + "|" + receivedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a previous page handed out; a 400 for anything else. */
    public static EventCursor decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 3);
            if (parts.length == 3 && !parts[2].isBlank()) {
                return new EventCursor(Instant.parse(parts[0]), Instant.parse(parts[1]), parts[2]);
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // answered below, as for a token of the wrong shape
        }
        throw new ApiError(400, "invalid_before", "before must be the 'next' value of a previous page");
    }
}
