package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseProcess;
import io.gatehouse.support.SignedWebhooks;

/**
 * Webhooks sent while the packaged jar starts and while it stops (SIGTERM): Tomcat answers before Camel's routes
 * run, and after they stopped. Every answer is then 503 with Retry-After and a JSON body (never 404, which a
 * vendor may take as "gone"), or the webhook was stored (202); and every webhook answered 202 is in the inbox that
 * the next start reads.
 */
class StartupShutdownIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer, or none (status 0: no connection, which a vendor retries). */
    record Answer(String phase, int status, String retryAfter, String body) {
    }

    final List<Answer> answers = new ArrayList<>();
    final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
    GatehouseProcess gatehouse;
    volatile String phase = "starting";

    @AfterEach
    void stop() throws InterruptedException {
        sender.shutdownNow();
        if (gatehouse != null) {
            gatehouse.kill();
        }
    }

    /**
     * Bounded: the start-up has GatehouseProcess's budget (about 10 s on an idle 2-core machine, 130 s seen under a
     * load of 20), everything after readiness at most 15 + 40 + 10 + 10 s; the timeout is a backstop.
     */
    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void answersEveryWebhook503OrStoresItWhileStartingAndStopping() throws Exception {
        Path workDir = Files.createTempDirectory("gatehouse-start-stop");
        gatehouse = new GatehouseProcess(workDir, List.of());
        SignedWebhooks webhooks = new SignedWebhooks(gatehouse.port());
        gatehouse.launch();
        // one webhook every 20 ms from before the port is open: a steady pace, not a wait for a condition
        sender.scheduleWithFixedDelay(() -> send(webhooks), 0, 20, TimeUnit.MILLISECONDS);

        gatehouse.awaitReady();
        phase = "ready";
        await().atMost(Duration.ofSeconds(15)).until(() -> count("ready", 202) >= 5);

        phase = "stopping";
        int exitCode = gatehouse.terminate(Duration.ofSeconds(40));
        phase = "stopped";
        await().atMost(Duration.ofSeconds(10)).until(() -> count("stopped", 0) >= 3);
        sender.shutdown();
        assertThat(sender.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        List<Answer> seen;
        synchronized (answers) {
            seen = List.copyOf(answers);
        }
        String summary = summary(seen);
        System.out.println(summary);   // the figures, for the report of a run
        assertThat(exitCode).as("exit code after SIGTERM; log in " + gatehouse.log()).isNotEqualTo(-1);
        assertThat(seen).as(summary).extracting(Answer::status).allMatch(s -> s == 0 || s == 202 || s == 200
                || s == 503);
        for (Answer unavailable : seen.stream().filter(a -> a.status() == 503).toList()) {
            assertThat(unavailable.retryAfter()).as(unavailable.toString()).isNotBlank();
            JsonNode body = JSON.readTree(unavailable.body());
            assertThat(body.get("error").asText()).as(unavailable.toString()).isNotBlank();
            assertThat(body.get("message").asText()).as(unavailable.toString()).isNotBlank();
        }
        // what the next start finds: read the stopped process's database file
        Set<String> acknowledged = new HashSet<>();
        for (Answer accepted : seen.stream().filter(a -> a.status() == 202).toList()) {
            acknowledged.add(JSON.readTree(accepted.body()).get("eventId").asText());
        }
        assertThat(acknowledged).as(summary).isNotEmpty();
        assertThat(inbox(workDir)).as(summary).containsAll(acknowledged);
    }

    private void send(SignedWebhooks webhooks) {
        String during = phase;
        Answer answer;
        try {
            HttpResponse<String> reply = webhooks.verkada(Fixtures.verkadaRemoteUnlock("start-stop-door"));
            answer = new Answer(during, reply.statusCode(), reply.headers().firstValue("Retry-After").orElse(null),
                    reply.body());
        } catch (RuntimeException noConnection) {
            answer = new Answer(during, 0, null, noConnection.getClass().getSimpleName());
        }
        synchronized (answers) {
            answers.add(answer);
        }
    }

    private long count(String during, int status) {
        synchronized (answers) {
            return answers.stream().filter(a -> a.phase().equals(during) && a.status() == status).count();
        }
    }

    private static String summary(List<Answer> seen) {
        StringBuilder text = new StringBuilder("answers by phase and status:");
        seen.stream().collect(java.util.stream.Collectors.groupingBy(a -> a.phase() + " " + a.status(),
                java.util.LinkedHashMap::new, java.util.stream.Collectors.counting()))
                .forEach((key, n) -> text.append(' ').append(key).append('×').append(n));
        seen.stream().filter(a -> a.status() != 0 && a.status() != 202 && a.status() != 200).findFirst()
                .ifPresent(a -> text.append("; e.g. ").append(a));
        return text.toString();
    }

    private static Set<String> inbox(Path workDir) throws Exception {
        Set<String> ids = new HashSet<>();
        String url = "jdbc:h2:file:" + workDir.resolve("data/gatehouse").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (var connection = DriverManager.getConnection(url, "sa", "");
             var rows = connection.createStatement().executeQuery("select id from inbox")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
