package io.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The query parameters of GET /api/events, parsed and checked. */
class EventFilterTest {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    @Test
    void parsesEveryFilter() {
        EventFilter filter = parse("seam", "lock.*", "Front Door", "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z",
                10);

        assertThat(filter).isEqualTo(new EventFilter("seam", "lock.*", "Front Door",
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-02T00:00:00Z"), null, 10));
    }

    @Test
    void treatsBlankFiltersAsAbsentAndUsesTheDefaultLimit() {
        EventFilter filter = parse(" ", "", null, "  ", null, null);

        assertThat(filter).isEqualTo(new EventFilter(null, null, null, null, null, null, DEFAULT_LIMIT));
        assertThat(filter.typeCodes()).isNull();
    }

    @Test
    void trimsFilterValues() {
        EventFilter filter = parse(" verkada ", " door.forced_open ", " Lobby ", " 2025-01-01T00:00:00Z ", null,
                null);

        assertThat(filter.vendor()).isEqualTo("verkada");
        assertThat(filter.type()).isEqualTo("door.forced_open");
        assertThat(filter.door()).isEqualTo("Lobby");
        assertThat(filter.since()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void expandsATypeFamilyIntoItsCanonicalTypes() {
        assertThat(parse(null, "lockdown.*", null, null, null, null).typeCodes())
                .containsExactly("lockdown.started", "lockdown.ended");
        assertThat(parse(null, "device.*", null, null, null, null).typeCodes())
                .contains("device.connected", "device.battery_low").doesNotContain("door.opened");
    }

    @Test
    void keepsAnExactTypeAsGivenEvenWhenUnknown() {
        assertThat(parse(null, "door.forced_open", null, null, null, null).typeCodes())
                .containsExactly("door.forced_open");
        assertThat(parse(null, "door.exploded", null, null, null, null).typeCodes()).containsExactly("door.exploded");
    }

    @Test
    void treatsAPatternMatchingEveryTypeAsNoFilterAndOneMatchingNoneAsEmpty() {
        assertThat(parse(null, "*", null, null, null, null).typeCodes()).isNull();
        assertThat(parse(null, "elevator.*", null, null, null, null).typeCodes()).isEmpty();
        assertThat(parse(null, null, null, null, null, null).typeCodes()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2025-01-01", "2025-01-01T00:00:00", "1735689600"})
    void refusesASinceThatIsNoInstant(String since) {
        ApiError error = catchThrowableOfType(ApiError.class, () -> parse(null, null, null, since, null, null));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("invalid_since");
        assertThat(error.getMessage()).contains("2025-01-01T00:00:00Z");
    }

    @Test
    void refusesAnUntilThatIsNoInstant() {
        ApiError error = catchThrowableOfType(ApiError.class,
                () -> parse(null, null, null, null, "tomorrow", null));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("invalid_until");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, MAX_LIMIT})
    void acceptsALimitWithinBounds(int limit) {
        assertThat(parse(null, null, null, null, null, limit).limit()).isEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, MAX_LIMIT + 1, Integer.MAX_VALUE})
    void refusesALimitOutOfBounds(int limit) {
        ApiError error = catchThrowableOfType(ApiError.class, () -> parse(null, null, null, null, null, limit));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("invalid_limit");
        assertThat(error.getMessage()).contains(String.valueOf(MAX_LIMIT));
    }

    @Test
    void readsBackTheCursorOfAPreviousPage() {
        EventCursor end = new EventCursor(Instant.parse("2025-03-01T10:15:30Z"),
                Instant.parse("2025-03-01T10:15:31.123456Z"), "0b6c1f2e-8f1d-4c1e-9d6b-2a7c3e9f1a00");

        EventFilter filter = EventFilter.parse(null, null, null, null, null, end.encode(), null, DEFAULT_LIMIT,
                MAX_LIMIT);

        assertThat(filter.before()).isEqualTo(end);
        assertThat(end.encode()).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a cursor", "bm90IGEgY3Vyc29y", "MjAyNS0wMS0wMVQwMDowMDowMFp8eHx5"})
    void refusesABeforeThatNoPageHandedOut(String before) {
        ApiError error = catchThrowableOfType(ApiError.class, () -> EventFilter.parse(null, null, null, null, null,
                before, null, DEFAULT_LIMIT, MAX_LIMIT));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("invalid_before");
    }

    private static EventFilter parse(String vendor, String type, String door, String since, String until,
                                     Integer limit) {
        return EventFilter.parse(vendor, type, door, since, until, limit, DEFAULT_LIMIT, MAX_LIMIT);
    }
}
