package io.gatehouse.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import io.gatehouse.alerting.Glob;
import io.gatehouse.event.EventType;

/**
 * The filters of GET /api/events, parsed and checked.
 *
 * @param type a canonical type, or a family such as {@code lock.*}
 * @param door a door id or name
 * @param before the end of the previous page, or null for the newest events
 */
public record EventFilter(String vendor, String type, String door, Instant since, Instant until, EventCursor before,
                          int limit) {

    public static EventFilter parse(String vendor, String type, String door, String since, String until,
                                    Integer limit, int defaultLimit, int maxLimit) {
        return parse(vendor, type, door, since, until, null, limit, defaultLimit, maxLimit);
    }

    public static EventFilter parse(String vendor, String type, String door, String since, String until,
                                    String before, Integer limit, int defaultLimit, int maxLimit) {
        int size = limit == null ? defaultLimit : limit;
        if (size < 1 || size > maxLimit) {
            throw new ApiError(400, "invalid_limit", "limit must be between 1 and " + maxLimit);
        }
        return new EventFilter(blankToNull(vendor), blankToNull(type), blankToNull(door),
                instant("since", since), instant("until", until),
                before == null || before.isBlank() ? null : EventCursor.decode(before.trim()), size);
    }

    /**
     * The canonical types the type filter stands for, or null for any type. A family such as {@code lock.*}
     * becomes the list of its types, which the database finds through its type index (a LIKE prefix cannot use
     * an index on PostgreSQL outside the C locale); an exact type stays as given, known or not.
     */
    public List<String> typeCodes() {
        if (type == null) {
            return null;
        }
        if (!type.contains("*") && !type.contains("?")) {
            return List.of(type);
        }
        Glob glob = Glob.of(type);
        List<String> codes = Arrays.stream(EventType.values()).map(EventType::code).filter(glob::matches).toList();
        return codes.size() == EventType.values().length ? null : codes;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "invalid_" + name, name + " must be an ISO-8601 instant such as "
                    + "2025-01-01T00:00:00Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
