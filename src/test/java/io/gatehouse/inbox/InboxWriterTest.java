package io.gatehouse.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatehouse.database.RowIds;
import io.gatehouse.support.EmbeddedPostgresDatabase;

/** The group commit of the inbox, on both databases Gatehouse supports, with their real migrations. */
class InboxWriterTest {

    private InboxWriter writer;

    static Stream<String> databases() {
        return Stream.of("h2", "postgres");
    }

    private JdbcTemplate database(String kind) {
        DataSource dataSource;
        if (kind.equals("h2")) {
            dataSource = new DriverManagerDataSource("jdbc:h2:mem:inbox-" + System.nanoTime()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        } else {
            Map<String, String> fresh = EmbeddedPostgresDatabase.freshDatabase();
            dataSource = new DriverManagerDataSource(fresh.get("spring.datasource.url"),
                    fresh.get("spring.datasource.username"), fresh.get("spring.datasource.password"));
        }
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        writer = new InboxWriter(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        return jdbc;
    }

    @AfterEach
    void stopWriter() throws InterruptedException {
        if (writer != null) {
            writer.stop();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void manyConcurrentWebhooksAreEachCommittedOnceAndDuplicatesAreToldApart(String kind) throws Exception {
        JdbcTemplate jdbc = database(kind);
        int threads = 32;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                // every key twice: one copy stored, the other a duplicate, whichever commits first
                String key = "evt-" + ((t * perThread + i) / 2);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return writer.commit(entry(key));
                }));
            }
        }
        start.countDown();
        int stored = 0;
        int duplicates = 0;
        for (Future<Boolean> outcome : outcomes) {
            if (outcome.get()) {
                stored++;
            } else {
                duplicates++;
            }
        }
        pool.shutdown();

        assertThat(stored).isEqualTo(threads * perThread / 2);
        assertThat(duplicates).isEqualTo(threads * perThread / 2);
        assertThat(jdbc.queryForObject("select count(*) from inbox", Integer.class)).isEqualTo(stored);
        assertThat(jdbc.queryForObject("select count(distinct dedup_key) from inbox", Integer.class))
                .isEqualTo(stored);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anEntryTheDatabaseRefusesFailsAloneAndTheOthersOfItsBatchAreStored(String kind) throws Exception {
        JdbcTemplate jdbc = database(kind);
        InboxEntry tooLong = new InboxEntry(RowIds.next(), "seam", "evt-bad", "x".repeat(300), "lock.unlocked",
                Instant.now(), "{}", null);   // vendor_event_id is varchar(255)
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> good = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "evt-good-" + i;
            good.add(pool.submit(() -> {
                start.await();
                return writer.commit(entry(key));
            }));
        }
        Future<Boolean> bad = pool.submit(() -> {
            start.await();
            return writer.commit(tooLong);
        });
        start.countDown();

        for (Future<Boolean> outcome : good) {
            assertThat(outcome.get()).isTrue();
        }
        assertThatThrownBy(bad::get).hasCauseInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        pool.shutdown();
        assertThat(jdbc.queryForObject("select count(*) from inbox", Integer.class)).isEqualTo(20);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anEntryHandedOverAfterShutdownIsRefusedAsStorageUnavailable(String kind) throws Exception {
        JdbcTemplate jdbc = database(kind);
        assertThat(writer.commit(entry("before"))).isTrue();
        writer.stop();

        assertThatThrownBy(() -> writer.commit(entry("after"))).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(jdbc.queryForList("select dedup_key from inbox", String.class)).containsExactly("before");
    }

    private static InboxEntry entry(String key) {
        return new InboxEntry(RowIds.next(), "seam", key, key, "lock.unlocked", Instant.now(),
                "{\"event_id\":\"" + key + "\",\"note\":\"caf\u00e9\"}", null);
    }
}
