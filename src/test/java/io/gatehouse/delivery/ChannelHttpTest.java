package io.gatehouse.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** How long a channel's Retry-After makes a delivery wait ({@link ChannelHttp#retryAfter}). */
class ChannelHttpTest {

    final ChannelHttp http = new ChannelHttp(new DeliveryProperties(Duration.ofSeconds(1), 8, Duration.ofSeconds(5),
            Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(1)),
            ChannelTestSupport.JSON, Clock.fixed(Instant.parse("2025-03-04T13:30:00Z"), ZoneOffset.UTC));

    @Test
    void waitsTheSecondsOrUntilTheDateTheReceiverAsksAtMostMaxBackoff() {
        assertThat(http.retryAfter(Optional.of("7"), 429)).isEqualTo(Duration.ofSeconds(7));
        assertThat(http.retryAfter(Optional.of("0"), 503)).isEqualTo(Duration.ofSeconds(1));
        assertThat(http.retryAfter(Optional.of("Tue, 04 Mar 2025 13:31:00 GMT"), 503)).isEqualTo(Duration.ofMinutes(1));
        assertThat(http.retryAfter(Optional.of("86400"), 429)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void waitsTheRateLimitedBackoffAfterA429WithoutRetryAfterAndTheQueuesOwnBackoffOtherwise() {
        assertThat(http.retryAfter(Optional.empty(), 429)).isEqualTo(Duration.ofSeconds(30));
        assertThat(http.retryAfter(Optional.of("soon"), 429)).isEqualTo(Duration.ofSeconds(30));
        assertThat(http.retryAfter(Optional.empty(), 503)).isNull();
    }
}
