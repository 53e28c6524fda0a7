package io.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;

/**
 * GET /api/events over 100 000 stored events, as the console pages them: the newest page, a page 50 000 events
 * deep (by its cursor), and filtered pages. Asserts that each page holds exactly the right events, and prints how
 * long each took (median of 9 calls over HTTP, JSON included) to target/paging-perf.txt and the test output; no
 * assertion on time, since machines differ. Runs once per database.
 */
@GatehouseIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventPagingContract {

    static final int EVENTS = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] VENDORS = {"seam", "tedee", "verkada"};
    private static final String[] TYPES = {"lock.locked", "lock.unlocked", "access.granted", "access.denied",
            "door.opened", "door.closed", "door.held_open", "door.forced_open", "device.disconnected"};
    /** Recent enough that retention (90 days) leaves the events alone. */
    private static final Instant NEWEST = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    SignedWebhooks api;

    abstract String database();

    @BeforeAll
    void storeOneHundredThousandEvents() {
        api = new SignedWebhooks(port);
        Random random = new Random(42);
        List<Object[]> inbox = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            String vendor = VENDORS[i % VENDORS.length];
            // 80 days, a few events per second at busy times, and many sharing a second (Verkada's precision)
            Timestamp occurred = Timestamp.from(NEWEST.minusSeconds(random.nextInt(80 * 24 * 3600) / 60 * 60));
            Timestamp received = Timestamp.from(occurred.toInstant().plusMillis(random.nextInt(5000)));
            int door = random.nextInt(200);
            inbox.add(new Object[] {id, vendor, "perf-" + i, "perf", received, "{\"perf\":" + i + "}"});
            events.add(new Object[] {id, vendor, "perf-" + i, "perf", TYPES[random.nextInt(TYPES.length)], "info",
                    "success", occurred, received, "device-" + door, "Lock " + door, "door-" + door, "Door " + door,
                    "manual", "{}"});
            if (events.size() == 5_000 || i == EVENTS - 1) {
                jdbc.batchUpdate("insert into inbox (id, vendor, dedup_key, vendor_event_type, received_at, raw_body,"
                        + " status) values (?, ?, ?, ?, ?, ?, 'normalized')", inbox);
                jdbc.batchUpdate("insert into access_event (id, vendor, vendor_event_id, vendor_event_type, type,"
                        + " severity, outcome, occurred_at, received_at, device_id, device_name, door_id, door_name,"
                        + " method, attributes) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events);
                inbox.clear();
                events.clear();
            }
        }
        analyze();
    }

    /** Refreshes the planner's statistics after a bulk load, as autovacuum would. */
    void analyze() {
    }

    @Test
    void pagesOneHundredThousandEventsByCursorWithExactlyTheRightEvents() throws IOException {
        List<String> newestOrder = jdbc.queryForList("select id from access_event"
                + " order by occurred_at desc, received_at desc, id desc limit 50", String.class);
        JsonNode first = page("/api/events?limit=50");
        assertThat(ids(first)).isEqualTo(newestOrder);

        // a cursor half-way down, as 1 000 clicks on "Older" would reach
        Map<String, Object> middle = jdbc.queryForMap("select id, occurred_at, received_at from access_event"
                + " order by occurred_at desc, received_at desc, id desc offset 49999 rows fetch next 1 rows only");
        String cursor = new EventCursor(instant(middle.get("occurred_at")), instant(middle.get("received_at")),
                (String) middle.get("id")).encode();
        List<String> expected = jdbc.queryForList("select id from access_event order by occurred_at desc,"
                + " received_at desc, id desc offset 50000 rows fetch next 50 rows only", String.class);
        JsonNode deep = page("/api/events?limit=50&before=" + cursor);
        assertThat(ids(deep)).isEqualTo(expected);
        assertThat(deep.get("next").asText()).isNotBlank();

        // the next page continues exactly where this one ended
        JsonNode after = page("/api/events?limit=50&before=" + deep.get("next").asText());
        List<String> following = jdbc.queryForList("select id from access_event order by occurred_at desc,"
                + " received_at desc, id desc offset 50050 rows fetch next 50 rows only", String.class);
        assertThat(ids(after)).isEqualTo(following);

        JsonNode byDoor = page("/api/events?limit=50&door=Door%2017");
        assertThat(byDoor.get("events")).hasSize(50).allSatisfy(e -> assertThat(e.get("door").get("name").asText())
                .isEqualTo("Door 17"));
        JsonNode byType = page("/api/events?limit=50&vendor=verkada&type=door.*");
        assertThat(byType.get("events")).hasSize(50).allSatisfy(e -> {
            assertThat(e.get("vendor").asText()).isEqualTo("verkada");
            assertThat(e.get("type").asText()).startsWith("door.");
        });

        Instant dayStart = NEWEST.minus(Duration.ofDays(20));
        String day = "since=" + dayStart + "&until=" + dayStart.plus(Duration.ofDays(1));
        List<String> lines = List.of(
                measure("newest page", "/api/events?limit=50"),
                measure("page at event 50 000 (cursor)", "/api/events?limit=50&before=" + cursor),
                measure("door=Door 17", "/api/events?limit=50&door=Door%2017"),
                measure("vendor=verkada&type=door.*", "/api/events?limit=50&vendor=verkada&type=door.*"),
                measure("one day (since/until)", "/api/events?limit=50&" + day),
                measure("door + one day", "/api/events?limit=50&door=door-17&" + day),
                measure("no match (type=lockdown.*)", "/api/events?limit=50&type=lockdown.*"));
        report(lines);
    }

    private String measure(String name, String path) {
        for (int i = 0; i < 3; i++) {
            page(path);
        }
        long[] millis = new long[9];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            page(path);
            millis[i] = Duration.ofNanos(System.nanoTime() - start).toMillis();
        }
        Arrays.sort(millis);
        return String.format("%-10s %-32s median %4d ms, max %4d ms", database(), name, millis[millis.length / 2],
                millis[millis.length - 1]);
    }

    private void report(List<String> lines) throws IOException {
        lines.forEach(System.out::println);
        Path file = Path.of("target", "paging-perf.txt");
        Files.write(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private JsonNode page(String path) {
        HttpResponse<String> response = api.get(path, SignedWebhooks.API_TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("events").forEach(event -> ids.add(event.get("id").asText()));
        return ids;
    }

    private static Instant instant(Object value) {
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
