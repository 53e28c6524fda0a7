package io.gatehouse.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.SignedWebhooks;

/**
 * The packaged jar as a separate process, on its default H2 file database, killed with SIGKILL in the middle of a
 * burst of webhooks and started again: every acknowledged event is stored, normalized and alerted.
 */
class CrashRecoveryIT {

    static final int WEBHOOKS = 400;
    static final int KILL_AFTER_ACKS = 200;
    static final Pattern DOOR = Pattern.compile("crash-door-(\\d+)-x");
    private static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer slack = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    Process gatehouse;

    @AfterEach
    void stop() {
        if (gatehouse != null) {
            gatehouse.destroyForcibly();
        }
        slack.stop();
    }

    @Test
    void keepsEveryAcknowledgedEventAndAlertsItAfterAKillMidBurst() throws Exception {
        slack.start();
        slack.stubFor(post(urlEqualTo("/services/T/B/crash")).willReturn(aResponse().withStatus(200).withBody("ok")));
        Path workDir = Files.createTempDirectory("gatehouse-crash");
        int port = freePort();
        gatehouse = start(workDir, port);
        SignedWebhooks webhooks = new SignedWebhooks(port);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger acks = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (int i = 0; i < WEBHOOKS; i++) {
            int door = i;
            senders.submit(() -> {
                try {
                    HttpResponse<String> response = webhooks.verkada(forcedOpen(door));
                    if (response.statusCode() == 202) {
                        acknowledged.add(JSON.readTree(response.body()).get("eventId").asText());
                        if (acks.incrementAndGet() == KILL_AFTER_ACKS) {
                            gatehouse.destroyForcibly();   // SIGKILL: no shutdown hook, no flush
                        }
                    }
                } catch (Exception refusedAfterTheKill) {
                    // the process is gone: the vendor would retry later
                }
            });
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        gatehouse.waitFor(30, TimeUnit.SECONDS);
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(KILL_AFTER_ACKS);

        gatehouse = start(workDir, port);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(storedEventIds(webhooks)).containsAll(acknowledged));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(alertedDoors()).hasSizeGreaterThanOrEqualTo(acknowledged.size()));
        // deliveries to one channel go one at a time, so at most the one in flight at the kill can go out twice
        assertThat(sentPerDoor().values().stream().filter(count -> count > 1).count()).isLessThanOrEqualTo(1);
    }

    private Process start(Path workDir, int port) throws IOException {
        File jar = Files.list(Path.of("target"))
                .filter(p -> p.getFileName().toString().matches("gatehouse-.*\\.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("run through mvn verify: no jar in target"))
                .toFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
                jar.getAbsolutePath(),
                "--server.port=" + port,
                "--gatehouse.vendors.verkada.secret=" + SignedWebhooks.VERKADA_SECRET,
                "--gatehouse.api.token=" + SignedWebhooks.API_TOKEN,
                "--gatehouse.recovery.interval=500",
                "--gatehouse.recovery.grace=2s",
                "--gatehouse.delivery.poll-interval=200",
                "--gatehouse.delivery.lease=5s",
                "--gatehouse.channels.slack.security.webhook-url=http://localhost:" + slack.port() + "/services/T/B/crash",
                "--gatehouse.channels.email.soc.to=",
                "--gatehouse.rules[0].name=forced-open",
                "--gatehouse.rules[0].match.types[0]=door.forced_open",
                "--gatehouse.rules[0].notify[0]=slack:security"));
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("gatehouse.log").toFile()).start();
        SignedWebhooks probe = new SignedWebhooks(port);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> probe.get("/actuator/health/readiness", null).statusCode() == 200);
        return process;
    }

    private static String forcedOpen(int door) {
        ObjectNode webhook = Fixtures.verkada("door_remote_unlock_accepted");
        ObjectNode data = (ObjectNode) webhook.get("data");
        data.put("notification_type", "door_forced_open").put("door_id", "crash-door-" + door + "-x")
                .put("created", Instant.now().getEpochSecond());
        return Fixtures.json(webhook);
    }

    private static Set<String> storedEventIds(SignedWebhooks webhooks) throws IOException {
        JsonNode page = JSON.readTree(webhooks.get("/api/events?vendor=verkada&limit=500", SignedWebhooks.API_TOKEN)
                .body());
        Set<String> ids = new java.util.HashSet<>();
        page.get("events").forEach(event -> ids.add(event.get("id").asText()));
        return ids;
    }

    private Set<String> alertedDoors() {
        return sentPerDoor().keySet();
    }

    private Map<String, Integer> sentPerDoor() {
        Map<String, Integer> perDoor = new HashMap<>();
        slack.findAll(postRequestedFor(urlEqualTo("/services/T/B/crash"))).forEach(request -> {
            Matcher door = DOOR.matcher(request.getBodyAsString());
            if (door.find()) {
                perDoor.merge(door.group(1), 1, Integer::sum);
            }
        });
        return perDoor;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
