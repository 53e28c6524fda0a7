package io.gatehouse.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseProcess;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.SlackStub;
import io.gatehouse.support.SmtpServer;

/**
 * The packaged jar as a separate process, on its default H2 file database, killed with SIGKILL at chosen points and
 * started again in the same directory: every acknowledged event is stored, normalized and alerted, and alerts go
 * out once (the one exception, a send in flight at the kill, is asserted as such).
 */
class CrashRecoveryIT {

    static final String SLACK_PATH = "/services/T/B/crash";
    static final Pattern DOOR = Pattern.compile("crash-door-(\\d+)-x");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SlackStub SLACK = new SlackStub();
    @RegisterExtension
    static final SmtpServer SMTP = new SmtpServer();
    final List<GatehouseProcess> started = new ArrayList<>();

    @BeforeEach
    void slackHasSeenNothing() {
        SLACK.resetAll();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (GatehouseProcess gatehouse : started) {
            gatehouse.kill();
        }
    }

    @Test
    void keepsEveryAcknowledgedEventAndAlertsItAfterAKillMidBurst() throws Exception {
        int webhooks = 400;
        int killAfterAcks = 200;
        slackAnswers(0);
        GatehouseProcess gatehouse = gatehouse(Files.createTempDirectory("gatehouse-crash"), "").start();
        SignedWebhooks sender = new SignedWebhooks(gatehouse.port());

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger acks = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (int i = 0; i < webhooks; i++) {
            int door = i;
            senders.submit(() -> {
                try {
                    HttpResponse<String> response = sender.verkada(forcedOpen(door));
                    if (response.statusCode() == 202) {
                        acknowledged.add(JSON.readTree(response.body()).get("eventId").asText());
                        if (acks.incrementAndGet() == killAfterAcks) {
                            gatehouse.kill();   // SIGKILL: no shutdown hook, no flush
                        }
                    }
                } catch (Exception refusedAfterTheKill) {
                    // the process is gone: the vendor would retry later
                }
            });
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        gatehouse.kill();
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(killAfterAcks);

        gatehouse.start();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(storedEventIds(sender)).containsAll(acknowledged));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(slackDoors()).hasSizeGreaterThanOrEqualTo(acknowledged.size()));
        // deliveries to one channel go one at a time, so at most the one in flight at the kill can go out twice
        assertThat(slackDoors().size() - new HashSet<>(slackDoors()).size()).isLessThanOrEqualTo(1);
    }

    @Test
    void aKillBetweenSlacksReceiptAndTheRecordSendsThatAlertOnceMoreAndNothingElseTwice() throws Exception {
        slackAnswers(5_000);   // Slack has the message, Gatehouse is still waiting for the 200 when it dies
        GatehouseProcess gatehouse = gatehouse(Files.createTempDirectory("gatehouse-midsend"), "").start();
        SignedWebhooks sender = new SignedWebhooks(gatehouse.port());

        assertThat(sender.verkada(forcedOpen(1)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> slackDoors().size() == 1);
        gatehouse.kill();

        slackAnswers(0);
        gatehouse.start();
        assertThat(sender.verkada(forcedOpen(2)).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(slackDoors()).containsExactly("1", "1", "2"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(deliveryStatuses(sender)).containsOnly("sent").hasSize(2));
        Thread.sleep(4_000);   // longer than the lease: nothing else is re-sent
        assertThat(slackDoors()).containsExactly("1", "1", "2");
    }

    @Test
    void alertsQueuedWhileSlackAndSmtpAreDownGoOutOnceInOrderAfterAKill() throws Exception {
        SMTP.stop();   // down from the start, like Slack
        SLACK.stubFor(post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(503)));
        GatehouseProcess gatehouse = gatehouse(Files.createTempDirectory("gatehouse-outage"), "soc@example.com",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + SMTP.port()).start();
        SignedWebhooks sender = new SignedWebhooks(gatehouse.port());

        // one at a time: events are normalized concurrently, so webhooks sent back to back may raise their alerts
        // in another order; the guarantee is the order alerts were raised, so the test fixes that order first
        for (int door = 0; door < 5; door++) {
            assertThat(sender.verkada(forcedOpen(door)).statusCode()).isEqualTo(202);
            int raised = door + 1;
            await().atMost(Duration.ofSeconds(30)).until(() -> alertCount(sender) == raised);
        }
        // retried and refused at least twice: the deliveries are in their backoff when the process dies
        await().atMost(Duration.ofSeconds(30)).until(() -> slackDoors().size() >= 2);
        gatehouse.kill();

        SLACK.resetRequests();
        slackAnswers(0);
        SMTP.start();
        gatehouse.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(slackDoors()).containsExactly("0", "1", "2", "3", "4");
            assertThat(mailedDoors()).containsExactly("0", "1", "2", "3", "4");
        });
        Thread.sleep(4_000);   // longer than the lease and the backoff: nothing goes out twice
        assertThat(slackDoors()).containsExactly("0", "1", "2", "3", "4");
        assertThat(mailedDoors()).containsExactly("0", "1", "2", "3", "4");
    }

    private GatehouseProcess gatehouse(Path workDir, String emailTo, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--gatehouse.recovery.interval=500",
                "--gatehouse.recovery.grace=2s",
                "--gatehouse.delivery.poll-interval=200",
                "--gatehouse.delivery.lease=3s",
                "--gatehouse.delivery.initial-backoff=300ms",
                "--gatehouse.delivery.max-backoff=1s",
                "--gatehouse.delivery.max-attempts=1000",
                "--gatehouse.channels.slack.security.webhook-url=http://localhost:" + SLACK.port() + SLACK_PATH,
                "--gatehouse.channels.email.soc.to=" + emailTo,
                "--gatehouse.rules[0].name=forced-open",
                "--gatehouse.rules[0].match.types[0]=door.forced_open",
                "--gatehouse.rules[0].notify[0]=slack:security",
                "--gatehouse.rules[0].notify[1]=email:soc"));
        arguments.addAll(List.of(more));
        GatehouseProcess gatehouse = new GatehouseProcess(workDir, arguments);
        started.add(gatehouse);
        return gatehouse;
    }

    private void slackAnswers(int delayMillis) {
        SLACK.resetMappings();
        SLACK.stubFor(post(urlEqualTo(SLACK_PATH))
                .willReturn(aResponse().withStatus(200).withBody("ok").withFixedDelay(delayMillis)));
    }

    private static String forcedOpen(int door) {
        return Fixtures.verkadaForcedOpen("crash-door-" + door + "-x");
    }

    private static Set<String> storedEventIds(SignedWebhooks sender) throws IOException {
        JsonNode page = JSON.readTree(sender.get("/api/events?vendor=verkada&limit=500", SignedWebhooks.API_TOKEN)
                .body());
        Set<String> ids = new HashSet<>();
        page.get("events").forEach(event -> ids.add(event.get("id").asText()));
        return ids;
    }

    private static int alertCount(SignedWebhooks sender) throws IOException {
        return JSON.readTree(sender.get("/api/alerts?limit=500", SignedWebhooks.API_TOKEN).body()).get("alerts").size();
    }

    private static List<String> deliveryStatuses(SignedWebhooks sender) throws IOException {
        JsonNode page = JSON.readTree(sender.get("/api/alerts?limit=500", SignedWebhooks.API_TOKEN).body());
        List<String> statuses = new ArrayList<>();
        page.get("alerts").forEach(alert -> alert.get("deliveries").forEach(delivery -> {
            if (delivery.get("channel").asText().startsWith("slack")) {
                statuses.add(delivery.get("status").asText());
            }
        }));
        return statuses;
    }

    /** The door of every request Slack received, in the order it received them. */
    private List<String> slackDoors() {
        List<String> doors = new ArrayList<>();
        SLACK.findAll(postRequestedFor(urlEqualTo(SLACK_PATH))).forEach(request -> {
            Matcher door = DOOR.matcher(request.getBodyAsString());
            if (door.find()) {
                doors.add(door.group(1));
            }
        });
        return doors;
    }

    private List<String> mailedDoors() {
        List<String> doors = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            Matcher door = DOOR.matcher(GreenMailUtil.getWholeMessage(message));
            if (door.find()) {
                doors.add(door.group(1));
            }
        }
        return doors;
    }
}
