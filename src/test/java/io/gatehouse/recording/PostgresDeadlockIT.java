package io.gatehouse.recording;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.EmbeddedPostgresDatabase;
import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;

/**
 * A batch of the event recorder that loses to another transaction on PostgreSQL (a deadlock, a serialization
 * failure) is written again at once: the alerts of its events reach Slack within seconds, once each. A trigger on
 * access_event raises the error once; the recovery sweep waits ten minutes, so only that immediate retry can deliver.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = {
        "gatehouse.recovery.grace=10m",
        "gatehouse.recovery.interval=600000",
        "gatehouse.channels.slack.deadlock.webhook-url=http://localhost:${test.slack.port}"
                + PostgresDeadlockIT.SLACK_PATH,
        "gatehouse.rules[0].name=door-forced-open",
        "gatehouse.rules[0].match.types[0]=door.forced_open",
        "gatehouse.rules[0].severity=critical",
        "gatehouse.rules[0].notify[0]=slack:deadlock"})
class PostgresDeadlockIT {

    static final String SLACK_PATH = "/services/T000/B000/deadlock";
    private static final WireMockServer SLACK = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The forced doors sent while the first one's insert is held: with it, no more than the alert lane's threads. */
    private static final int BATCHED = 3;
    /** The advisory lock (a number of the test's choosing) that holds the first insert. */
    private static final int HOLD = 17_017;
    /** The route that calls the event recorder (routes/record/record.camel.yaml). */
    private static final String STORE_ROUTE = "store-access-event";

    static {
        SLACK.start();
    }

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("test.slack.port", SLACK::port);
        EmbeddedPostgresDatabase.register(registry);
    }

    @AfterAll
    static void stopSlack() {
        SLACK.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    CamelContext camel;

    /**
     * The second row inserted into access_event raises the error. The first waits for the advisory lock that the
     * test holds, so that the events sent meanwhile queue for the recorder's next batch, which the error then
     * fails. A sequence counts the inserts: unlike a flag row, nextval survives the rollback that the error causes.
     */
    private void loseTheSecondInsertOnce(String sqlState) {
        jdbc.execute("create sequence access_event_inserts");
        jdbc.execute("""
                create function lose_second_insert_once() returns trigger language plpgsql as $$
                begin
                    case nextval('access_event_inserts')
                        when 1 then perform pg_advisory_xact_lock_shared(%d);
                        when 2 then raise exception 'raised once by PostgresDeadlockIT' using errcode = tg_argv[0];
                        else null;
                    end case;
                    return new;
                end $$""".formatted(HOLD));
        jdbc.execute("create trigger lose_second_insert_once before insert on access_event for each row "
                + "execute function lose_second_insert_once('" + sqlState + "')");
    }

    @AfterEach
    void dropTrigger() {
        jdbc.execute("drop trigger if exists lose_second_insert_once on access_event");
        jdbc.execute("drop function if exists lose_second_insert_once()");
        jdbc.execute("drop sequence if exists access_event_inserts");
    }

    @ParameterizedTest(name = "SQLSTATE {0}")
    @ValueSource(strings = {"40P01", "40001"})   // deadlock detected; could not serialize access
    void theEventsOfABatchThatLostToAnotherTransactionAreRecordedAtOnceAndTheirAlertsSentOnce(String sqlState)
            throws SQLException {
        loseTheSecondInsertOnce(sqlState);
        SLACK.stubFor(post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        SignedWebhooks webhooks = new SignedWebhooks(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> eventsByDoor = new LinkedHashMap<>();
        Instant released;
        try (Connection holder = dataSource.getConnection(); Statement lock = holder.createStatement()) {
            lock.execute("select pg_advisory_lock(" + HOLD + ")");
            try {
                String firstDoor = "Held-" + run;
                eventsByDoor.put(firstDoor, send(webhooks, firstDoor));
                await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("select count(*) from "
                        + "pg_stat_activity where datname = current_database() and wait_event = 'advisory'",
                        Integer.class) == 1);
                // the recorder is held in the first event's insert: the next events queue for its next batch
                for (int i = 1; i <= BATCHED; i++) {
                    String door = "Batched-" + i + "-" + run;
                    eventsByDoor.put(door, send(webhooks, door));
                }
                await("all " + (1 + BATCHED) + " events at the recorder (the alert lane has as many threads)")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> camel.getInflightRepository().size(STORE_ROUTE) == 1 + BATCHED);
            } finally {
                // a session's lock outlives the connection's return to the pool
                lock.execute("select pg_advisory_unlock_all()");
                released = Instant.now();
            }
        }
        List<String> events = List.copyOf(eventsByDoor.values());

        // every event is recorded within seconds, its alert at Slack soon after: the recovery sweep would have
        // taken ten minutes (the first Slack message of the JVM took 4-5 s on a busy two-core machine)
        await().atMost(Duration.ofSeconds(3)).until(() -> events.stream().allMatch(eventId -> "normalized".equals(
                jdbc.queryForObject("select status from inbox where id = ?", String.class, eventId))));
        Duration recorded = Duration.between(released, Instant.now());
        List<String> atSlack = new ArrayList<>();
        for (String door : eventsByDoor.keySet()) {
            Duration delay = Duration.between(released, awaitSlackRequest(door).getLoggedDate().toInstant());
            atSlack.add(door + " " + delay.toMillis() + " ms");
            assertThat(delay).as(door).isLessThan(Duration.ofSeconds(15));
        }
        System.out.println("SQLSTATE " + sqlState + ": after the release, recorded within " + recorded.toMillis()
                + " ms; at Slack: " + atSlack);

        // the trigger did raise: one insert, the first of the second batch, was rolled back and made again
        assertThat(jdbc.queryForObject("select last_value from access_event_inserts", Long.class))
                .isEqualTo(events.size() + 1L);
        for (String eventId : events) {
            assertThat(count("select count(*) from access_event where id = ?", eventId)).isEqualTo(1);
            assertThat(count("select count(*) from rule_evaluation where event_id = ?", eventId)).isEqualTo(1);
            assertThat(count("select count(*) from alert where trigger_event_id = ?", eventId)).isEqualTo(1);
        }
        // each alert sent once: its delivery is done after one attempt, and Slack saw one message per door
        for (String eventId : events) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                    "select d.status || '/' || d.attempts from alert_delivery d join alert a on a.id = d.alert_id "
                            + "where a.trigger_event_id = ?", String.class, eventId)).containsExactly("sent/1"));
        }
        eventsByDoor.keySet().forEach(door -> assertThat(SLACK.findAll(postRequestedFor(urlEqualTo(SLACK_PATH))
                .withRequestBody(containing(door)))).as(door).hasSize(1));
    }

    private static String send(SignedWebhooks webhooks, String door) {
        HttpResponse<String> response = webhooks.verkada(Fixtures.verkadaForcedOpen(door));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        try {
            return JSON.readTree(response.body()).get("eventId").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private LoggedRequest awaitSlackRequest(String door) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !SLACK.findAll(postRequestedFor(urlEqualTo(SLACK_PATH))
                .withRequestBody(containing(door))).isEmpty());
        return SLACK.findAll(postRequestedFor(urlEqualTo(SLACK_PATH)).withRequestBody(containing(door))).get(0);
    }

    private int count(String sql, String eventId) {
        return jdbc.queryForObject(sql, Integer.class, eventId);
    }
}
