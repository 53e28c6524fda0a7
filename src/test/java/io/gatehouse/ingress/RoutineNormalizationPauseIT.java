package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;

/**
 * While webhooks arrive and the CPU is needed for taking them, routine events wait before they are normalized, and
 * alerts do not: here any CPU load counts as busy and a webhook keeps the gate closed for a minute, so each routine
 * event waits its whole maximum pause.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:gatehouse-routine-pause;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gatehouse.normalization.routine-pause-above-cpu=0",
        "gatehouse.normalization.routine-resume-below-cpu=0",
        "gatehouse.normalization.routine-pause-window=1m",
        "gatehouse.normalization.routine-max-pause=6s",
        "gatehouse.recovery.grace=1h"})   // only the routine lane normalizes them
class RoutineNormalizationPauseIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry registry;

    private int storedAtDoors(String prefix) {
        return jdbc.queryForObject("select count(*) from access_event where door_id like ?", Integer.class,
                prefix + "%");
    }

    @Test
    void routineEventsWaitForTheCpuWhileAForcedDoorIsAlertedAtOnce() {
        SignedWebhooks sender = new SignedWebhooks(port);
        assertThat(registry.get("gatehouse.normalization.routine.paused").gauge().value()).isZero();
        // a first webhook (a rejected one: no event to wait for) closes the gate at its next sample
        assertThat(sender.verkada("{\"webhook_type\": ").statusCode()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(5)).until(
                () -> registry.get("gatehouse.normalization.routine.paused").gauge().value() == 1);

        long sent = System.nanoTime();
        for (int door = 0; door < 5; door++) {
            assertThat(sender.verkada(Fixtures.verkadaRemoteUnlock("paused-door-" + door)).statusCode()).isEqualTo(202);
        }
        assertThat(sender.verkada(Fixtures.verkadaForcedOpen("unpaused-forced-door")).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from alert a join access_event e on e.id = a.trigger_event_id "
                        + "where e.door_id = 'unpaused-forced-door'", Integer.class)).isEqualTo(1));
        assertThat(storedAtDoors("paused-door-")).isZero();

        await().atMost(Duration.ofSeconds(30)).until(() -> storedAtDoors("paused-door-") == 5);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThan(Duration.ofSeconds(5));
        assertThat(jdbc.queryForObject("select count(*) from inbox where status <> 'normalized'", Integer.class))
                .isZero();
    }
}
