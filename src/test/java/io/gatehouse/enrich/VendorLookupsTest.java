package io.gatehouse.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.AccessEventBuilder;
import io.gatehouse.event.EventType;
import io.gatehouse.event.Ref;
import io.gatehouse.support.VendorFixtures;

class VendorLookupsTest {

    /** A vendor API whose answer to each device id the test decides; counts the calls. */
    static final class FakeApi implements VendorDirectoryApi {
        final AtomicInteger calls = new AtomicInteger();
        Function<String, CompletableFuture<Optional<VendorName>>> answer;
        boolean configured = true;

        final String name;

        FakeApi(String name) {
            this.name = name;
        }

        FakeApi() {
            this("seam");
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean configured() {
            return configured;
        }

        @Override
        public CompletableFuture<Optional<VendorName>> device(String deviceId) {
            calls.incrementAndGet();
            return answer.apply(deviceId);
        }
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2025-03-04T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final FakeApi api = new FakeApi();
    final TestClock clock = new TestClock();
    /** The other directory the shipped definitions name, unused here. */
    final FakeApi tedee = new FakeApi("tedee");
    final VendorLookups lookups = new VendorLookups(List.of(api, tedee), VendorFixtures.catalog(),
            new EnrichmentProperties(Duration.ofMillis(200),
            Duration.ofSeconds(30), new EnrichmentProperties.Cache(100, Duration.ofHours(1)),
            new EnrichmentProperties.VendorApi("key", null), new EnrichmentProperties.VendorApi(null, null)), clock);

    static AccessEvent unlockedBy(String deviceId) {
        return new AccessEventBuilder("e", "seam", Instant.now()).type(EventType.LOCK_UNLOCKED)
                .device(Ref.of(deviceId, null)).build();
    }

    static CompletableFuture<Optional<VendorName>> named(String name) {
        return CompletableFuture.completedFuture(Optional.of(new VendorName(name, null, null)));
    }

    @Test
    void asksOnceForADeviceAndAnswersRepeatsFromTheCache() {
        api.answer = id -> named("Lock " + id);

        assertThat(lookups.lookup(unlockedBy("d1")).device().name()).isEqualTo("Lock d1");
        assertThat(lookups.lookup(unlockedBy("d1")).device().name()).isEqualTo("Lock d1");
        assertThat(lookups.lookup(unlockedBy("d2")).device().name()).isEqualTo("Lock d2");

        assertThat(api.calls).hasValue(2);
    }

    @Test
    void cachesThatTheVendorDoesNotKnowAnIdButNotAFailure() {
        api.answer = id -> CompletableFuture.completedFuture(Optional.empty());
        assertThat(lookups.lookup(unlockedBy("unknown"))).isEqualTo(VendorFacts.NOTHING);
        assertThat(lookups.lookup(unlockedBy("unknown"))).isEqualTo(VendorFacts.NOTHING);
        assertThat(api.calls).hasValue(1);

        api.answer = id -> CompletableFuture.failedFuture(new IllegalStateException("HTTP 500"));
        assertThat(lookups.lookup(unlockedBy("d3")).failed()).isTrue();
        clock.now = clock.now.plusSeconds(31);
        api.answer = id -> named("Back again");
        assertThat(lookups.lookup(unlockedBy("d3")).device().name()).isEqualTo("Back again");
        assertThat(api.calls).hasValue(3);
    }

    @Test
    void aSlowApiCostsOneTimeoutThenRestsForRetryAfter() {
        api.answer = id -> new CompletableFuture<>();   // never answers

        long start = System.nanoTime();
        VendorFacts facts = lookups.lookup(unlockedBy("slow"));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(facts.failed()).isTrue();
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(200)).isLessThan(Duration.ofSeconds(2));

        clock.now = clock.now.plusSeconds(10);
        start = System.nanoTime();
        assertThat(lookups.lookup(unlockedBy("other")).failed()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
        assertThat(api.calls).hasValue(1);

        clock.now = clock.now.plusSeconds(21);
        api.answer = id -> named("Awake");
        assertThat(lookups.lookup(unlockedBy("other")).device().name()).isEqualTo("Awake");
    }

    @Test
    void neverCallsAnApiWithoutKeyNorForWhatIsNamed() {
        api.answer = id -> named("x");
        api.configured = false;
        assertThat(lookups.lookup(unlockedBy("d1"))).isEqualTo(VendorFacts.NOTHING);
        api.configured = true;
        AccessEvent named = unlockedBy("d1");
        named = named.withPlaces(Ref.of("d1", "Named"), null, null, null, ZoneId.of("Europe/Berlin"),
                named.attributes());
        assertThat(lookups.lookup(named)).isEqualTo(VendorFacts.NOTHING);
        AccessEvent tedee = new AccessEventBuilder("e", "verkada", Instant.now()).type(EventType.DOOR_OPENED)
                .device(Ref.of("acu", null)).build();
        assertThat(lookups.lookup(tedee)).isEqualTo(VendorFacts.NOTHING);
        assertThat(api.calls).hasValue(0);
    }
}
