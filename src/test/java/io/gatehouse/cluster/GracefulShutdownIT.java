package io.gatehouse.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseProcess;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.SlackStub;

/**
 * SIGTERM, as an orchestrator stops Gatehouse for a deploy, while a Slack send is in flight and webhooks keep
 * arriving: the send completes and is recorded (so it is not sent again after the restart), every webhook that was
 * acknowledged is kept, and the process exits on its own.
 */
class GracefulShutdownIT {

    static final String SLACK_PATH = "/services/T/B/graceful";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SlackStub SLACK = new SlackStub();
    GatehouseProcess gatehouse;

    @AfterEach
    void stop() throws InterruptedException {
        if (gatehouse != null) {
            gatehouse.kill();
        }
    }

    @Test
    void finishesTheSendInFlightAndKeepsEveryAcknowledgedWebhook() throws Exception {
        SLACK.stubFor(post(urlEqualTo(SLACK_PATH))
                .willReturn(aResponse().withStatus(200).withBody("ok").withFixedDelay(3_000)));
        Path workDir = Files.createTempDirectory("gatehouse-graceful");
        gatehouse = new GatehouseProcess(workDir, List.of(
                "--gatehouse.delivery.poll-interval=200",
                "--gatehouse.delivery.lease=3s",
                "--gatehouse.channels.slack.security.webhook-url=http://localhost:" + SLACK.port() + SLACK_PATH,
                "--gatehouse.channels.email.soc.to=",
                "--gatehouse.rules[0].name=forced-open",
                "--gatehouse.rules[0].match.types[0]=door.forced_open",
                "--gatehouse.rules[0].notify[0]=slack:security")).start();
        SignedWebhooks sender = new SignedWebhooks(gatehouse.port());
        assertThat(sender.verkada(forcedOpen("in-flight")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> slackRequests("in-flight") == 1);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<Integer> statuses = new ArrayList<>();
        ExecutorService burst = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 200; i++) {
            int door = i;
            burst.submit(() -> {
                try {
                    HttpResponse<String> reply = sender.verkada(forcedOpen("burst-" + door));
                    synchronized (statuses) {
                        statuses.add(reply.statusCode());
                    }
                    if (reply.statusCode() == 202) {
                        acknowledged.add(JSON.readTree(reply.body()).get("eventId").asText());
                    }
                } catch (Exception refusedWhileStopping) {
                    // the listener is closed: the vendor would retry later
                }
            });
        }
        Thread.sleep(100);
        int slackRequestsBeforeStop = SLACK.getAllServeEvents().size();
        int exitCode = gatehouse.terminate(Duration.ofSeconds(60));
        // the send in flight ends; no new one starts while stopping (each takes 3 s here: a stop would wait for all)
        assertThat(SLACK.getAllServeEvents().size() - slackRequestsBeforeStop).as("Slack sends begun while stopping")
                .isLessThanOrEqualTo(1);
        burst.shutdown();
        assertThat(burst.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

        assertThat(exitCode).as("exit code after SIGTERM; log in " + gatehouse.log()).isNotEqualTo(-1);
        assertThat(statuses).as("answers during the shutdown").allMatch(status -> status == 202 || status == 503);
        assertThat(slackRequests("in-flight")).isEqualTo(1);
        // nothing failed while stopping: e.g. no database closed under the work still in flight
        assertThat(Files.readAllLines(gatehouse.log())).noneMatch(line -> line.contains(" ERROR ")
                || line.contains("Database is already closed"));

        SLACK.resetMappings();
        SLACK.stubFor(post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        gatehouse.start();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(storedEventIds(sender)).containsAll(acknowledged));
        Thread.sleep(4_000);   // longer than the lease: a send that had not been recorded would go out again now
        assertThat(slackRequests("in-flight")).isEqualTo(1);
    }

    private int slackRequests(String door) {
        return (int) SLACK.findAll(postRequestedFor(urlEqualTo(SLACK_PATH))).stream()
                .filter(request -> request.getBodyAsString().contains("graceful-door-" + door + "-x")).count();
    }

    private static Set<String> storedEventIds(SignedWebhooks sender) throws Exception {
        JsonNode page = JSON.readTree(sender.get("/api/events?vendor=verkada&limit=500", SignedWebhooks.API_TOKEN)
                .body());
        Set<String> ids = ConcurrentHashMap.newKeySet();
        page.get("events").forEach(event -> ids.add(event.get("id").asText()));
        return ids;
    }

    private static String forcedOpen(String door) {
        return Fixtures.verkadaForcedOpen("graceful-door-" + door + "-x");
    }
}
