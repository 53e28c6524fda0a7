package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;

/**
 * Normalization busy and its queue full: webhooks are still stored and acknowledged at once, never normalized by
 * the request's thread, and the recovery sweep normalizes every one of them once the queue has room again. An event
 * that may raise an alert has a lane of its own, and is normalized at once while routine events wait.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:gatehouse-backlog;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gatehouse.normalization.threads=1",
        "gatehouse.normalization.alert-lane-threads=1",
        "gatehouse.normalization.queue-size=1",
        "gatehouse.recovery.interval=300",
        "gatehouse.recovery.grace=8s"})   // longer than sending the webhooks takes
class NormalizationBacklogIT {

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry registry;

    /** Holds the lane's one thread and takes its one queue place until the latch is released. */
    private void holdLane(String executor, CountDownLatch release) throws InterruptedException {
        ExecutorService lane = camel.getRegistry().lookupByNameAndType(executor, ExecutorService.class);
        CountDownLatch held = new CountDownLatch(1);
        lane.submit(() -> {
            held.countDown();
            release.await(2, TimeUnit.MINUTES);
            return null;
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        lane.submit(() -> null);
    }

    private int storedAtDoors(String prefix) {
        return jdbc.queryForObject("select count(*) from access_event where door_id like ?", Integer.class,
                prefix + "%");
    }

    @Test
    void webhooksBeyondTheNormalizationQueueAreAcknowledgedAndNormalizedByTheSweep() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        holdLane("normalizationExecutor", release);
        holdLane("alertNormalizationExecutor", release);
        double postponedBefore = registry.counter("gatehouse.events.normalization.postponed").count();
        SignedWebhooks sender = new SignedWebhooks(port);

        for (int door = 0; door < 30; door++) {
            long started = System.nanoTime();
            assertThat(sender.verkada(Fixtures.verkadaForcedOpen("backlog-door-" + door)).statusCode())
                    .isEqualTo(202);
            // answered without waiting for normalization, which cannot run now
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(registry.counter("gatehouse.events.normalization.postponed").count() - postponedBefore)
                .isEqualTo(30);
        assertThat(storedAtDoors("backlog-door-")).isZero();

        release.countDown();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(storedAtDoors("backlog-door-")).isEqualTo(30);
            assertThat(jdbc.queryForObject("select count(*) from inbox where status <> 'normalized'", Integer.class))
                    .isZero();
        });
    }

    @Test
    void aForcedDoorIsNormalizedAndAlertedAtOnceWhileRoutineEventsWaitForTheirLane() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        holdLane("normalizationExecutor", release);
        SignedWebhooks sender = new SignedWebhooks(port);
        try {
            for (int door = 0; door < 20; door++) {
                assertThat(sender.verkada(Fixtures.verkadaRemoteUnlock("routine-door-" + door)).statusCode())
                        .isEqualTo(202);
            }
            assertThat(sender.verkada(Fixtures.verkadaForcedOpen("lane-forced-door")).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "select count(*) from alert a join access_event e on e.id = a.trigger_event_id "
                            + "where e.door_id = 'lane-forced-door'", Integer.class)).isEqualTo(1));
            // the routine events sent before it are still waiting (their lane is held, the sweep's grace not over)
            assertThat(storedAtDoors("routine-door-")).isZero();
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(storedAtDoors("routine-door-")).isEqualTo(20));
    }
}
