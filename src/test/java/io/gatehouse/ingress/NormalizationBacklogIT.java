package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;

/**
 * Normalization stalled and its queue full: webhooks are still stored and acknowledged at once, never normalized by
 * the request's thread, and the recovery sweep normalizes every one of them. An event that may raise an alert has a
 * lane of its own, and is normalized at once while routine events wait. A lane is stalled by suspending its route
 * (routes/normalize/lanes.camel.yaml): its queue still takes events, and nothing takes them out.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:gatehouse-backlog;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gatehouse.normalization.routine.consumers=1",
        "gatehouse.normalization.routine.queue-size=1",
        "gatehouse.normalization.alerting.consumers=1",
        "gatehouse.normalization.alerting.queue-size=1",
        "gatehouse.recovery.interval=300",
        "gatehouse.recovery.grace=12s"})   // well beyond sending the webhooks and checking the lanes
class NormalizationBacklogIT {

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @Autowired
    JdbcTemplate jdbc;

    private static final String ROUTINE_LANE = "normalize-routine-events";
    private static final String ALERTING_LANE = "normalize-alerting-events";

    @AfterEach
    void resumeLanes() throws Exception {
        camel.getRouteController().resumeRoute(ROUTINE_LANE);
        camel.getRouteController().resumeRoute(ALERTING_LANE);
    }

    private int storedAtDoors(String prefix) {
        return jdbc.queryForObject("select count(*) from access_event where door_id like ?", Integer.class,
                prefix + "%");
    }

    @Test
    void webhooksBeyondTheNormalizationQueueAreAcknowledgedAndNormalizedByTheSweep() throws Exception {
        camel.getRouteController().suspendRoute(ROUTINE_LANE);
        camel.getRouteController().suspendRoute(ALERTING_LANE);
        SignedWebhooks sender = new SignedWebhooks(port);

        for (int door = 0; door < 30; door++) {
            long started = System.nanoTime();
            assertThat(sender.verkada(Fixtures.verkadaForcedOpen("backlog-door-" + door)).statusCode())
                    .isEqualTo(202);
            // answered without waiting for normalization, which cannot run now
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(storedAtDoors("backlog-door-")).isZero();

        // the lane's queue held one event, the first, and it is normalized there; the 29 others are not queued
        // anywhere: they wait for the recovery sweep, which takes them after the grace
        camel.getRouteController().resumeRoute(ALERTING_LANE);
        await().atMost(Duration.ofSeconds(5)).until(() -> storedAtDoors("backlog-door-") == 1);
        assertThat(jdbc.queryForObject("select door_id from access_event where door_id like 'backlog-door-%'",
                String.class)).isEqualTo("backlog-door-0");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(storedAtDoors("backlog-door-")).isEqualTo(30);
            assertThat(jdbc.queryForObject("select count(*) from inbox where status <> 'normalized'", Integer.class))
                    .isZero();
        });
    }

    @Test
    void aForcedDoorIsNormalizedAndAlertedAtOnceWhileRoutineEventsWaitForTheirLane() throws Exception {
        camel.getRouteController().suspendRoute(ROUTINE_LANE);
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
            // the routine events sent before it are still waiting (their lane stalled, the sweep's grace not over)
            assertThat(storedAtDoors("routine-door-")).isZero();
        } finally {
            camel.getRouteController().resumeRoute(ROUTINE_LANE);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(storedAtDoors("routine-door-")).isEqualTo(20));
    }
}
