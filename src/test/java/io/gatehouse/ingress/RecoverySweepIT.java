package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;

/**
 * A backlog larger than one page of the recovery sweep (after a burst, or a crash) is worked off in one go: a sweep
 * that found a full page goes on with the next at once instead of waiting for the next interval. And sweeps never
 * overlap: one started while another runs waits for it, so no row is normalized (or recorded as failed) twice.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:gatehouse-sweep;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gatehouse.recovery.interval=3600000",   // no sweep of its own during the test: the test starts one
        "gatehouse.recovery.grace=1s"})
class RecoverySweepIT {

    private static final int PAGE = 500;   // the limit in sql/select-unnormalized-inbox.sql
    private static final String SWEEP = "seda:recover-unnormalized-events";   // what the timer sends each interval
    private static final String SWEEP_ROUTE = "recover-unnormalized-events";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProducerTemplate camel;

    @Autowired
    CamelContext camelContext;

    @Autowired
    MeterRegistry registry;

    @Test
    void oneSweepNormalizesABacklogOfSeveralPages() {
        int backlog = 2 * PAGE + 150;
        String body = Fixtures.json(Fixtures.seam("lock.locked"));
        OffsetDateTime receivedAt = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        List<Object[]> rows = IntStream.range(0, backlog).mapToObj(i -> new Object[] {
                "sweep-" + i, "sweep-" + i, receivedAt.plusNanos(i * 1000L), body}).toList();
        jdbc.batchUpdate("insert into inbox (id, vendor, dedup_key, vendor_event_type, received_at, raw_body, status) "
                + "values (?, 'seam', ?, 'lock.locked', ?, ?, 'received')", rows);

        camel.sendBody(SWEEP, null);

        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.queryForObject(
                "select count(*) from inbox where id like 'sweep-%' and status = 'received'", Integer.class) == 0);
        assertThat(jdbc.queryForObject("select count(*) from access_event where id like 'sweep-%'", Integer.class))
                .isEqualTo(backlog);
    }

    @Test
    void aSweepStartedWhileAnotherRunsWaitsForIt() {
        // rows that cannot be parsed: each is counted once per attempt, so a second attempt shows in the counter
        int broken = PAGE + 100;
        OffsetDateTime receivedAt = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        List<Object[]> rows = IntStream.range(0, broken).mapToObj(i -> new Object[] {
                "broken-" + i, "broken-" + i, receivedAt.plusNanos(i * 1000L), "{\"event_type\": ["}).toList();
        jdbc.batchUpdate("insert into inbox (id, vendor, dedup_key, vendor_event_type, received_at, raw_body, status) "
                + "values (?, 'seam', ?, 'lock.locked', ?, ?, 'received')", rows);
        double failedBefore = failedSeamEvents();

        camel.sendBody(SWEEP, null);
        await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                .until(() -> camelContext.getInflightRepository().size(SWEEP_ROUTE) > 0);
        camel.sendBody(SWEEP, null);   // the next interval's tick, while the first sweep is still at work

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from inbox where id like 'broken-%' and status = 'received'", Integer.class) == 0
                && camelContext.getInflightRepository().size(SWEEP_ROUTE) == 0);
        assertThat(failedSeamEvents() - failedBefore).isEqualTo(broken);
        assertThat(jdbc.queryForObject("select count(*) from inbox where id like 'broken-%' and status = 'failed'",
                Integer.class)).isEqualTo(broken);
    }

    private double failedSeamEvents() {
        Counter failed = registry.find("gatehouse.events.failed").tag("vendor", "seam").counter();
        return failed == null ? 0 : failed.count();
    }
}
