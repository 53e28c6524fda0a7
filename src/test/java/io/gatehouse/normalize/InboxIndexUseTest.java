package io.gatehouse.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.gatehouse.telemetry.GatehouseMetrics;

/**
 * The queries over the events waiting in the inbox read only the rows they return, through the index, on H2. After
 * a burst tens of thousands of events wait; a query that reads them all to sort them (H2 does for
 * {@code where status = ? order by received_at}, PostgreSQL does not) made every recovery sweep and every metrics
 * scrape read every waiting row, raw bodies included. H2's {@code explain analyze} counts the rows read.
 */
class InboxIndexUseTest {

    private static final int WAITING = 3_000;
    /** The limit in sql/select-unnormalized-inbox.sql: routes/normalize/recovery.camel.yaml tells a full page by it. */
    private static final int PAGE = 500;
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private JdbcTemplate jdbc;
    private Instant oldest;

    @BeforeEach
    void inboxWithThousandsOfEventsWaiting() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:index-use-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        oldest = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        String[] statuses = {"received", "received", "normalized", "failed"};
        jdbc.batchUpdate("insert into inbox (id, vendor, dedup_key, vendor_event_type, received_at, raw_body, status) "
                + "values (?, 'seam', ?, 'lock.unlocked', ?, ?, ?)", IntStream.range(0, 2 * WAITING)
                .mapToObj(i -> new Object[] {"row-" + i, "key-" + i, Timestamp.from(oldest.plusMillis(i)),
                        "{\"event_id\":\"" + i + "\"}", statuses[i % statuses.length]})
                .toList());
        jdbc.execute("analyze");
    }

    @Test
    void theRecoverySweepReadsOnePageOfWaitingEvents() throws IOException {
        String sweep = classpathSql("sql/select-unnormalized-inbox.sql").replace(":#receivedBefore", "?");

        List<String> plan = explain(sweep, Timestamp.from(Instant.now()));

        assertThat(rowsRead(plan)).isEqualTo(PAGE);
        List<Map<String, Object>> page = jdbc.queryForList(sweep, Timestamp.from(Instant.now()));
        assertThat(page).hasSize(PAGE);
        assertThat(page.get(0).get("id")).isEqualTo("row-0");     // the oldest first
        assertThat(page.get(1).get("id")).isEqualTo("row-1");
        assertThat(page.get(2).get("id")).isEqualTo("row-4");     // 2 and 3 are not waiting
    }

    @Test
    void theBacklogGaugeReadsOneRow() {
        assertThat(rowsRead(explain(GatehouseMetrics.OLDEST_UNNORMALIZED))).isEqualTo(1);
        assertThat(jdbc.queryForList(GatehouseMetrics.OLDEST_UNNORMALIZED, Timestamp.class))
                .containsExactly(Timestamp.from(oldest));     // row-0, the oldest waiting
    }

    @Test
    void theConsoleListOfFailedEventsReadsOnlyWhatItShows() {
        assertThat(rowsRead(explain(EventReplay.FAILED, 20))).isEqualTo(20);
        assertThat(jdbc.queryForList(EventReplay.FAILED, 20).get(0).get("id")).isEqualTo("row-" + (2 * WAITING - 1));
    }

    private List<String> explain(String sql, Object... parameters) {
        return jdbc.queryForList("explain analyze " + sql, String.class, parameters);
    }

    private static int rowsRead(List<String> plan) {
        Matcher scanned = SCAN_COUNT.matcher(String.join("\n", plan));
        assertThat(scanned.find()).as("rows read in the plan %s", plan).isTrue();
        return Integer.parseInt(scanned.group(1));
    }

    /** The query as Camel's sql component sends it: lines starting with -- left out. */
    private static String classpathSql(String path) throws IOException {
        try (InputStream in = InboxIndexUseTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"));
        }
    }
}
