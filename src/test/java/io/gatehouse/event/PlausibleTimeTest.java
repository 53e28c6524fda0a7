package io.gatehouse.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.gatehouse.normalize.Timestamps;

class PlausibleTimeTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-02T17:00:00Z");

    @ParameterizedTest(name = "{0} is plausible: {1}")
    @CsvSource({
            "2000-01-01T00:00:00Z,           true",   // the earliest, included
            "1999-12-31T23:59:59.999Z,       false",
            "1970-01-01T00:00:00Z,           false",  // a zero epoch
            "-999999999-01-01T00:00:00Z,     false",  // Instant.MIN's year
            "2026-12-02T17:00:00Z,           true",   // at receipt
            "2026-12-02T16:59:00Z,           true",
            "2026-12-03T17:00:00Z,           true",   // a day ahead, included
            "2026-12-03T17:00:00.001Z,       false",
            "2027-01-01T00:00:00Z,           false",
            "+275761-01-01T00:00:00Z,        false",  // past what JavaScript's Date can hold
            "+294277-01-01T00:00:00Z,        false",  // past what PostgreSQL can hold
            "+300000-01-01T00:00:00Z,        false",
            "+1000000000-12-31T23:59:59Z,    false",  // Instant.MAX
    })
    void acceptsTimesFrom2000ToADayAfterReceipt(String occurredAt, boolean plausible) {
        assertThat(PlausibleTime.of(Instant.parse(occurredAt), RECEIVED)).isEqualTo(plausible);
    }

    @Test
    void aMissingTimeIsNotPlausible() {
        assertThat(PlausibleTime.of(null, RECEIVED)).isFalse();
    }

    @Test
    void datesAnEventByItsVendorTimeWhenPlausible() {
        AccessEvent event = builder().occurredAt(Instant.parse("2026-12-02T16:58:00Z"), "2026-12-02T16:58:00Z")
                .build();
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-12-02T16:58:00Z"));
        assertThat(event.attributes()).doesNotContainKey(AccessEventBuilder.OCCURRED_AT_AS_SENT);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"+300000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2026-12-04T00:00:00Z", "not a time", "''"})
    void datesAnEventByItsReceiptAndKeepsAnImplausibleTimeAsSent(String sent) {
        AccessEvent event = builder().occurredAt(Timestamps.parseIso(sent), sent).build();
        assertThat(event.occurredAt()).isEqualTo(RECEIVED);
        assertThat(event.attributes()).containsEntry(AccessEventBuilder.OCCURRED_AT_AS_SENT, sent);
    }

    @Test
    void keepsAnImplausibleEpochAsTheNumberSent() {
        long sent = 30_000_000_000_000_000L;
        AccessEvent event = builder().occurredAt(Timestamps.fromEpochSeconds(sent), sent).build();
        assertThat(event.occurredAt()).isEqualTo(RECEIVED);
        assertThat(event.attributes()).containsEntry(AccessEventBuilder.OCCURRED_AT_AS_SENT, sent);
        // beyond what an Instant can hold: unparsed, but kept as well
        AccessEvent beyond = builder().occurredAt(Timestamps.fromEpochSeconds(Long.MAX_VALUE), Long.MAX_VALUE).build();
        assertThat(beyond.occurredAt()).isEqualTo(RECEIVED);
        assertThat(beyond.attributes()).containsEntry(AccessEventBuilder.OCCURRED_AT_AS_SENT, Long.MAX_VALUE);
    }

    @Test
    void keepsAnImplausibleTimeGivenWithoutItsTextAsItsIsoForm() {
        AccessEvent event = builder().occurredAt(Instant.parse("1990-05-01T00:00:00Z")).build();
        assertThat(event.occurredAt()).isEqualTo(RECEIVED);
        assertThat(event.attributes()).containsEntry(AccessEventBuilder.OCCURRED_AT_AS_SENT, "1990-05-01T00:00:00Z");
    }

    @Test
    void anEventWithoutATimeIsDatedByItsReceiptWithNothingAdded() {
        AccessEvent event = builder().build();
        assertThat(event.occurredAt()).isEqualTo(RECEIVED);
        assertThat(event.attributes()).isEmpty();
    }

    private static AccessEventBuilder builder() {
        return new AccessEventBuilder("id", "seam", RECEIVED);
    }
}
