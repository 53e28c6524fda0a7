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
 * the request's thread, and the recovery sweep normalizes every one of them once the queue has room again.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:gatehouse-backlog;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gatehouse.normalization.threads=1",
        "gatehouse.normalization.queue-size=1",
        "gatehouse.recovery.interval=300",
        "gatehouse.recovery.grace=5s"})   // longer than sending the 30 webhooks takes
class NormalizationBacklogIT {

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry registry;

    @Test
    void webhooksBeyondTheNormalizationQueueAreAcknowledgedAndNormalizedByTheSweep() throws Exception {
        ExecutorService normalization = camel.getRegistry().lookupByNameAndType("normalizationExecutor",
                ExecutorService.class);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        normalization.submit(() -> {           // the one thread, held
            held.countDown();
            release.await(2, TimeUnit.MINUTES);
            return null;
        });
        held.await(10, TimeUnit.SECONDS);
        normalization.submit(() -> null);       // the one queue place, taken
        SignedWebhooks sender = new SignedWebhooks(port);

        for (int door = 0; door < 30; door++) {
            long started = System.nanoTime();
            assertThat(sender.verkada(Fixtures.verkadaForcedOpen("backlog-door-" + door)).statusCode())
                    .isEqualTo(202);
            // answered without waiting for normalization, which cannot run now
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(registry.counter("gatehouse.events.normalization.postponed").count()).isEqualTo(30);
        assertThat(jdbc.queryForObject("select count(*) from inbox where status = 'received'", Integer.class))
                .isEqualTo(30);
        assertThat(jdbc.queryForObject("select count(*) from access_event", Integer.class)).isZero();

        release.countDown();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("select count(*) from access_event", Integer.class)).isEqualTo(30);
            assertThat(jdbc.queryForObject("select count(*) from inbox where status <> 'normalized'", Integer.class))
                    .isZero();
        });
    }
}
