package io.gatehouse.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The lenient timestamp parsing every normalizer relies on; every result is a UTC instant. */
class TimestampsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2025-01-01T00:00:00.000Z,        2025-01-01T00:00:00Z",
            "2025-01-01T00:00:00Z,            2025-01-01T00:00:00Z",
            "2022-11-09T14:15:28.327Z,        2022-11-09T14:15:28.327Z",
            "2022-11-09T14:15:28.3270000Z,    2022-11-09T14:15:28.327Z",
            "2022-11-09T14:15:28.3270000,     2022-11-09T14:15:28.327Z",
            "2022-11-09T14:15:28,             2022-11-09T14:15:28Z",
            "2022-11-09T14:15:28.123456789,   2022-11-09T14:15:28.123456789Z",
            "2022-11-09T16:15:28.327+02:00,   2022-11-09T14:15:28.327Z",
            "2022-11-09T09:15:28.3270000-05:00, 2022-11-09T14:15:28.327Z",
            "'  2022-11-09T14:15:28Z  ',      2022-11-09T14:15:28Z",
    })
    void parsesIsoTimestampsToUtcInstants(String text, String expected) {
        assertThat(Timestamps.parseIso(text)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void readsATimestampWithoutOffsetAsUtcWhateverTheDefaultZone() {
        assertThat(Timestamps.parseIso("2024-07-01T12:00:00")).isEqualTo(Instant.parse("2024-07-01T12:00:00Z"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "yesterday", "1692131000", "2022-11-09", "09/11/2022 14:15",
            "2022-13-40T25:61:00Z"})
    void givesNullForTextThatIsNoIsoTimestamp(String text) {
        assertThat(Timestamps.parseIso(text)).isNull();
    }

    @Test
    void convertsEpochSeconds() {
        assertThat(Timestamps.fromEpochSeconds(1692131000L)).isEqualTo(Instant.parse("2023-08-15T20:23:20Z"));
        assertThat(Timestamps.fromEpochSeconds(0L)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void givesNullForMissingOrImpossibleEpochSeconds() {
        assertThat(Timestamps.fromEpochSeconds(null)).isNull();
        assertThat(Timestamps.fromEpochSeconds(Long.MAX_VALUE)).isNull();
        assertThat(Timestamps.fromEpochSeconds(Long.MIN_VALUE)).isNull();
    }
}
