package io.gatehouse.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.gatehouse.GatehouseApplication;
import io.gatehouse.support.EmbeddedPostgresDatabase;
import io.gatehouse.support.Fixtures;
import io.gatehouse.support.SignedWebhooks;

/**
 * Two Gatehouse instances on one PostgreSQL, both running the same Splunk HEC sink, each webhook delivered to both
 * (as a vendor retry landing on the other instance would): every event reaches the HEC stub exactly once.
 */
class SinksTwoInstancesIT {

    static final int EVENTS = 400;
    static final WireMockServer HEC = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private static final ObjectMapper JSON = new ObjectMapper();

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        HEC.start();
        HEC.stubFor(post(urlEqualTo("/services/collector/event"))
                .willReturn(aResponse().withStatus(200).withBody("{\"text\":\"Success\",\"code\":0}")));
        Map<String, String> database = EmbeddedPostgresDatabase.freshDatabase();
        first = start(database);
        second = start(database);
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        HEC.stop();
    }

    static ConfigurableApplicationContext start(Map<String, String> database) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--camel.main.jmx-enabled=false",
                "--gatehouse.vendors.verkada.secret=" + SignedWebhooks.VERKADA_SECRET,
                "--gatehouse.api.token=" + SignedWebhooks.API_TOKEN,
                "--gatehouse.channels.slack.security.webhook-url=",
                "--gatehouse.channels.email.soc.to=",
                "--gatehouse.sinks.poll-interval=50ms",
                "--gatehouse.sinks.batch-size=20",
                "--gatehouse.sinks.targets.splunk.splunk-hec.url=http://localhost:" + HEC.port(),
                "--gatehouse.sinks.targets.splunk.splunk-hec.token=hec-test-token"));
        database.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(GatehouseApplication.class).run(arguments.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void twoInstancesSendEveryEventOnce() throws Exception {
        SignedWebhooks toFirst = new SignedWebhooks(port(first));
        SignedWebhooks toSecond = new SignedWebhooks(port(second));
        String run = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<List<Integer>>> replies = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            ObjectNode webhook = Fixtures.verkada("door_remote_unlock_accepted");
            ObjectNode data = (ObjectNode) webhook.get("data");
            data.put("notification_type", "door_opened").put("door_id", run + "-" + i)
                    .put("created", Instant.now().getEpochSecond());
            ((ObjectNode) data.get("door_info")).put("name", run);
            String body = Fixtures.json(webhook);
            boolean firstGetsItFirst = i % 2 == 0;
            replies.add(senders.submit(() -> List.of(
                    (firstGetsItFirst ? toFirst : toSecond).verkada(body).statusCode(),
                    (firstGetsItFirst ? toSecond : toFirst).verkada(body).statusCode())));
        }
        for (Future<List<Integer>> reply : replies) {
            assertThat(reply.get()).containsExactly(202, 200);
        }
        senders.shutdown();

        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(120)).until(() -> jdbc.queryForObject(
                "select count(*) from access_event", Integer.class) == EVENTS
                && jdbc.queryForObject("select count(*) from sink_outbox", Integer.class) == 0);
        Map<String, Integer> timesSent = new HashMap<>();
        HEC.findAll(postRequestedFor(urlEqualTo("/services/collector/event"))).forEach(request -> {
            for (String line : request.getBodyAsString().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode event = JSON.readTree(line).get("event");
                    if (run.equals(event.path("door").path("name").asText())) {
                        timesSent.merge(event.get("id").asText(), 1, Integer::sum);
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        });
        assertThat(timesSent).hasSize(EVENTS).allSatisfy((id, count) -> assertThat(count).as(id).isOne());
        assertThat(jdbc.queryForObject("select sent from sink_state where sink = 'splunk'", Long.class))
                .isEqualTo(EVENTS);
    }
}
