package io.gatehouse.normalize;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.ZoneOffset;

/** Lenient parsing of the timestamps vendors send; every result is a UTC instant. */
public final class Timestamps {

    private Timestamps() {
    }

    /**
     * Parses ISO-8601 with or without an offset (no offset means UTC, as Tedee sends) and with any number of
     * fractional digits. Returns null for null, blank or unparseable text, so a bad timestamp never loses an event.
     */
    public static Instant parseIso(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unparseable) {
                return null;
            }
        }
    }

    /** Epoch seconds, or null when absent or outside the range an instant can hold. */
    public static Instant fromEpochSeconds(Long seconds) {
        if (seconds == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(seconds);
        } catch (java.time.DateTimeException outOfRange) {
            return null;
        }
    }
}
