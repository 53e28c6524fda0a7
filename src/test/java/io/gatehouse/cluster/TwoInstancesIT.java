package io.gatehouse.cluster;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.gatehouse.GatehouseApplication;
import io.gatehouse.support.EmbeddedPostgresDatabase;
import io.gatehouse.support.Fixtures;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.SlackStub;

/**
 * Two Gatehouse instances on one PostgreSQL, as behind a load balancer: every webhook is delivered to both (a
 * vendor retry that lands on the other instance), yet every event is stored once and every alert sent once.
 */
class TwoInstancesIT {

    static final int EVENTS = 1500;
    static final Pattern DOOR = Pattern.compile("cluster-door-(\\d+)-x");
    @RegisterExtension
    static final SlackStub SLACK = new SlackStub();

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        SLACK.stubFor(post(urlEqualTo("/services/T/B/cluster")).willReturn(aResponse().withStatus(200).withBody("ok")));
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
    }

    static ConfigurableApplicationContext start(Map<String, String> database) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--camel.main.jmx-enabled=false",
                "--gatehouse.vendors.verkada.secret=" + SignedWebhooks.VERKADA_SECRET,
                "--gatehouse.api.token=" + SignedWebhooks.API_TOKEN,
                "--gatehouse.delivery.poll-interval=100",
                "--gatehouse.channels.slack.security.webhook-url=http://localhost:" + SLACK.port() + "/services/T/B/cluster",
                "--gatehouse.channels.email.soc.to=",
                "--gatehouse.rules[0].name=forced-open",
                "--gatehouse.rules[0].match.types[0]=door.forced_open",
                "--gatehouse.rules[0].notify[0]=slack:security"));
        database.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(GatehouseApplication.class).run(arguments.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void storesEveryEventOnceAndSendsEveryAlertOnceAcrossTwoInstances() throws Exception {
        SignedWebhooks toFirst = new SignedWebhooks(port(first));
        SignedWebhooks toSecond = new SignedWebhooks(port(second));
        String run = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService senders = Executors.newFixedThreadPool(16);
        List<Future<List<Integer>>> replies = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            ObjectNode webhook = Fixtures.verkada("door_remote_unlock_accepted");
            ObjectNode data = (ObjectNode) webhook.get("data");
            data.put("notification_type", "door_forced_open").put("door_id", "cluster-door-" + i + "-x")
                    .put("created", Instant.now().getEpochSecond());
            ((ObjectNode) data.get("door_info")).put("name", run);
            String body = Fixtures.json(webhook);
            boolean firstGetsItFirst = i % 2 == 0;
            replies.add(senders.submit(() -> List.of(
                    (firstGetsItFirst ? toFirst : toSecond).verkada(body).statusCode(),
                    (firstGetsItFirst ? toSecond : toFirst).verkada(body).statusCode())));
        }
        List<List<Integer>> statuses = new ArrayList<>();
        for (Future<List<Integer>> reply : replies) {
            statuses.add(reply.get());
        }
        senders.shutdown();

        assertThat(statuses).allSatisfy(pair -> assertThat(pair).containsExactly(202, 200));
        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.queryForObject(
                "select count(*) from alert_delivery where status = 'sent'", Integer.class) == EVENTS);
        assertThat(jdbc.queryForObject("select count(*) from inbox", Integer.class)).isEqualTo(EVENTS);
        assertThat(jdbc.queryForObject("select count(*) from access_event", Integer.class)).isEqualTo(EVENTS);
        assertThat(jdbc.queryForObject("select count(*) from alert", Integer.class)).isEqualTo(EVENTS);
        Map<String, Integer> sentPerDoor = new HashMap<>();
        SLACK.findAll(postRequestedFor(urlEqualTo("/services/T/B/cluster"))).forEach(request -> {
            Matcher door = DOOR.matcher(request.getBodyAsString());
            if (door.find() && request.getBodyAsString().contains(run)) {
                sentPerDoor.merge(door.group(1), 1, Integer::sum);
            }
        });
        assertThat(sentPerDoor).hasSize(EVENTS).allSatisfy((door, count) -> assertThat(count).isOne());
    }
}
