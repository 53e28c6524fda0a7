package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;

/**
 * A vendor (or an attacker replaying a captured request) sends the same event 100 000 times while other events keep
 * arriving: every copy is answered "duplicate" with the first copy's id, none is stored twice, nothing answers 5xx,
 * and the other events are all taken meanwhile.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:gatehouse-storm;MODE=PostgreSQL;"
        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class DuplicateStormIT {

    static final int DUPLICATES = 100_000;
    static final int OTHERS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void answersAHundredThousandCopiesOfOneEventDuplicateAndKeepsServingOthers() throws Exception {
        SignedWebhooks sender = new SignedWebhooks(port);
        String repeated = forcedOpen("storm-door-repeated");
        HttpResponse<String> first = sender.verkada(repeated);
        assertThat(first.statusCode()).isEqualTo(202);
        String firstId = JSON.readTree(first.body()).get("eventId").asText();

        Map<Integer, AtomicInteger> duplicateStatuses = new ConcurrentHashMap<>();
        Set<String> duplicateIds = ConcurrentHashMap.newKeySet();
        ExecutorService storm = Executors.newFixedThreadPool(12);
        AtomicInteger remaining = new AtomicInteger(DUPLICATES);
        List<Future<?>> stormers = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            stormers.add(storm.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    HttpResponse<String> reply = sender.verkada(repeated);   // signed anew, as Verkada retries
                    duplicateStatuses.computeIfAbsent(reply.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    if (reply.statusCode() == 200) {
                        duplicateIds.add(JSON.readTree(reply.body()).get("eventId").asText());
                    }
                }
                return null;
            }));
        }
        // meanwhile, other events from the same vendor
        List<Integer> otherStatuses = new ArrayList<>();
        for (int i = 0; i < OTHERS; i++) {
            otherStatuses.add(sender.verkada(forcedOpen("storm-door-other-" + i)).statusCode());
        }
        for (Future<?> stormer : stormers) {
            stormer.get();
        }
        storm.shutdown();

        assertThat(duplicateStatuses).containsOnlyKeys(200);
        assertThat(duplicateStatuses.get(200).get()).isEqualTo(DUPLICATES);
        assertThat(duplicateIds).containsExactly(firstId);
        assertThat(otherStatuses).hasSize(OTHERS).containsOnly(202);
        assertThat(jdbc.queryForObject("select count(*) from inbox where vendor = 'verkada' and raw_body like ?",
                Integer.class, "%storm-door-repeated%")).isOne();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from access_event where door_id like 'storm-door-%'", Integer.class))
                .isEqualTo(OTHERS + 1));
    }

    private static String forcedOpen(String door) {
        return Fixtures.verkadaForcedOpen(door);
    }
}
