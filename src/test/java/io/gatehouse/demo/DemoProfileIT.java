package io.gatehouse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.support.EmbeddedPostgresDatabase;
import io.gatehouse.support.GatehouseProcess;
import io.gatehouse.support.SignedWebhooks;

/**
 * The newcomer's try-it path, as the README gives it: the packaged jar with the demo profile and nothing else, the
 * samples sent by {@code java demo/SendSamples.java}, events stored, the forced door's alert in the log; and the
 * demo profile refusing a database that is not the embedded H2 one.
 */
class DemoProfileIT {

    static final String DEMO_API_TOKEN = "demo-api-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");

    GatehouseProcess gatehouse;

    @AfterEach
    void stop() throws InterruptedException {
        if (gatehouse != null) {
            gatehouse.kill();
        }
    }

    @Test
    void storesTheSamplesOfEveryVendorAndLogsTheForcedDoorAlert() throws Exception {
        gatehouse = new GatehouseProcess(Files.createTempDirectory("gatehouse-demo"),
                List.of("--spring.profiles.active=demo"), false).start();
        SignedWebhooks http = new SignedWebhooks(gatehouse.port());
        // a fresh clone: no SMTP server, no Slack, and health says UP, with neither reported DOWN
        JsonNode health = JSON.readTree(http.get("/actuator/health", null).body());
        assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("UP");
        assertThat(health.at("/components/mail/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/slack/status").asText()).isEqualTo("UP");

        Process send = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "demo/SendSamples.java", "http://localhost:" + gatehouse.port()).redirectErrorStream(true).start();
        String output = new String(send.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(send.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(send.exitValue()).as(output).isZero();

        Set<String> accepted = new HashSet<>();
        Matcher ids = EVENT_ID.matcher(output);
        while (ids.find()) {
            accepted.add(ids.group(1));
        }
        assertThat(accepted).as(output).hasSize(sampleCount());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode page = JSON.readTree(http.get("/api/events?limit=500", DEMO_API_TOKEN).body());
            Set<String> stored = new HashSet<>();
            Set<String> vendors = new HashSet<>();
            page.get("events").forEach(event -> {
                stored.add(event.get("id").asText());
                vendors.add(event.get("vendor").asText());
            });
            assertThat(stored).containsAll(accepted);
            assertThat(vendors).containsExactlyInAnyOrder("seam", "verkada", "tedee");
        });

        // delivered through the delivery queue (a row, one attempt) to the log channel, and so to the console
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode alerts = JSON.readTree(http.get("/api/alerts", DEMO_API_TOKEN).body());
            JsonNode delivery = null;
            for (JsonNode alert : alerts.get("alerts")) {
                if (alert.get("rule").asText().equals("door-forced-open")) {
                    delivery = alert.at("/deliveries/0");
                }
            }
            assertThat(delivery).as(alerts.toString()).isNotNull();
            assertThat(delivery.get("channel").asText()).isEqualTo("log:console");
            assertThat(delivery.get("status").asText()).isEqualTo("sent");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        });
        List<String> log = Files.readAllLines(gatehouse.log());
        assertThat(log).anyMatch(line -> line.contains("DEMO PROFILE ACTIVE: NOT FOR PRODUCTION"));
        assertThat(log).filteredOn(line -> line.contains(" WARN ") && line.contains("gatehouse.alerts"))
                .anyMatch(line -> line.contains("ALERT [CRITICAL] Door forced open — Loading Dock"))
                .noneMatch(line -> line.contains("151|39924"));   // the rejected keycard's number
        assertThat(log).noneMatch(line -> line.contains(" ERROR "));
    }

    @Test
    void refusesToStartOnADatabaseOtherThanTheEmbeddedH2() throws Exception {
        Map<String, String> postgres = EmbeddedPostgresDatabase.freshDatabase();
        gatehouse = new GatehouseProcess(Files.createTempDirectory("gatehouse-demo-pg"), List.of(
                "--spring.profiles.active=demo",
                "--spring.datasource.url=" + postgres.get("spring.datasource.url"),
                "--spring.datasource.username=" + postgres.get("spring.datasource.username"),
                "--spring.datasource.password=" + postgres.get("spring.datasource.password")), false).launch();

        int exitCode = gatehouse.awaitExit(Duration.ofMinutes(3));

        String log = Files.readString(gatehouse.log());
        assertThat(exitCode).as(log).isNotIn(0, -1);
        assertThat(log).contains("DEMO PROFILE ACTIVE: NOT FOR PRODUCTION")
                .contains("The demo profile refuses to start with spring.datasource.url jdbc:postgresql:")
                .doesNotContain(postgres.get("spring.datasource.url"));   // only its scheme is named
        // refused before anything connected: Flyway never ran there
        try (var connection = DriverManager.getConnection(postgres.get("spring.datasource.url"),
                postgres.get("spring.datasource.username"), postgres.get("spring.datasource.password"));
             var tables = connection.createStatement().executeQuery(
                     "select count(*) from information_schema.tables where table_schema = 'public'")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
    }

    private static int sampleCount() throws Exception {
        try (var files = Files.walk(Path.of("demo", "samples"))) {
            return (int) files.filter(file -> file.toString().endsWith(".json")).count();
        }
    }
}
