package io.gatehouse.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How callers share commits, how one caller's failure stays its own, and how a batch that lost to another
 * transaction is written again at once.
 */
class GroupCommitTest {

    private final DriverManagerDataSource database =
            new DriverManagerDataSource("jdbc:h2:mem:group-commit;DB_CLOSE_DELAY=-1", "sa", "");
    private final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(database));
    /** What the write functions store, in the writer's transaction: what a rolled-back attempt stored is gone. */
    private final JdbcTemplate stored = new JdbcTemplate(database);
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService callers = Executors.newFixedThreadPool(16);
    private GroupCommit<String, String> commits;

    @BeforeEach
    void emptyTable() {
        stored.execute("drop table if exists written");
        stored.execute("create table written (item varchar(50) not null)");
    }

    @AfterEach
    void stop() throws InterruptedException {
        callers.shutdownNow();
        if (commits != null) {
            commits.stop();
        }
    }

    private GroupCommit<String, String> start(Function<String, String> perItem) {
        commits = new GroupCommit<>("test-writer", 100, transaction, items -> {
            assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
            batches.add(List.copyOf(items));
            return items.stream().map(perItem).toList();
        });
        return commits;
    }

    private final CountDownLatch firstWriting = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);

    /** Starts a writer whose item "first" holds its commit until releaseFirst; commits "first" and waits for that. */
    private Future<String> startWithFirstCommitHeld(Function<String, String> perItem) throws InterruptedException {
        start(item -> {
            if (item.equals("first")) {
                firstWriting.countDown();
                await(releaseFirst);
            }
            return perItem.apply(item);
        });
        Future<String> first = callers.submit(() -> commits.commit("first"));
        assertThat(firstWriting.await(5, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    @Test
    void callersWaitingWhileACommitRunsShareTheNextOne() throws Exception {
        Future<String> first = startWithFirstCommitHeld(String::toUpperCase);
        List<Future<String>> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String item = "item-" + i;
            others.add(callers.submit(() -> commits.commit(item)));
        }
        awaitWaiting(10);   // all ten are waiting behind the first commit
        releaseFirst.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("FIRST");
        for (int i = 0; i < 10; i++) {
            assertThat(others.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("ITEM-" + i);
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).hasSize(10);
    }

    @Test
    void anItemThatFailsFailsAloneWithItsOwnErrorAndTheOthersOfItsBatchCommit() throws Exception {
        startWithFirstCommitHeld(item -> {
            if (item.equals("bad")) {
                throw new IllegalArgumentException("bad item");
            }
            return item;
        });
        Future<String> bad = callers.submit(() -> commits.commit("bad"));
        List<Future<String>> good = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String item = "good-" + i;
            good.add(callers.submit(() -> commits.commit(item)));
        }
        awaitWaiting(6);
        releaseFirst.countDown();

        for (int i = 0; i < 5; i++) {
            assertThat(good.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("good-" + i);
        }
        assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class).hasRootCauseMessage("bad item");
        // the batch of six failed, then each of its items was written in a transaction of its own
        assertThat(batches.get(1)).hasSize(6);
        assertThat(batches.subList(2, batches.size())).hasSize(6).allSatisfy(batch -> assertThat(batch).hasSize(1));
    }

    /** What the database drivers throw when a transaction lost to another: pgjdbc has no subclass per error. */
    static Stream<Arguments> lostToAnotherTransaction() {
        return Stream.of(
                arguments("PostgreSQL deadlock", new SQLException("ERROR: deadlock detected", "40P01")),
                arguments("PostgreSQL serialization failure", new SQLException(
                        "ERROR: could not serialize access due to concurrent update", "40001")),
                arguments("PostgreSQL lock timeout", new SQLException(
                        "ERROR: canceling statement due to lock timeout", "55P03")),
                arguments("H2 deadlock", DbException.get(ErrorCode.DEADLOCK_1, "written").getSQLException()),
                arguments("H2 lock timeout", DbException.get(ErrorCode.LOCK_TIMEOUT_1, "written")
                        .getSQLException()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lostToAnotherTransaction")
    void aBatchThatLostToAnotherTransactionIsWrittenAgainWholeAtOnceAndStoresItsItemsOnce(String name,
            SQLException driverError) throws Exception {
        DataAccessException lost = translated(driverError);
        AtomicBoolean hasLost = new AtomicBoolean();
        startWithFirstCommitHeld(item -> {
            store(item);
            if (item.equals("loser") && hasLost.compareAndSet(false, true)) {
                throw lost;
            }
            return item.toUpperCase();
        });
        List<Future<String>> batch = submitAndAwaitWaiting("loser", "other-1", "other-2", "other-3");
        releaseFirst.countDown();

        // every caller has its result: none is left to a later sweep
        for (Future<String> result : batch) {
            assertThat(result.get(5, TimeUnit.SECONDS)).isUpperCase();
        }
        // the batch that failed was written again whole, in a transaction of its own, before anything else
        assertThat(batches).hasSize(3);
        assertThat(batches.get(1)).hasSize(4).containsExactlyInAnyOrderElementsOf(batches.get(2));
        // the failed attempt rolled back: the write that was repeated stored each item once
        assertThat(storedCounts()).isEqualTo(Map.of("first", 1L, "loser", 1L, "other-1", 1L, "other-2", 1L,
                "other-3", 1L));
    }

    @Test
    void aBatchThatKeepsLosingIsWrittenItemByItemSoThatOnlyTheContendedItemFailsAfterItsAttempts() throws Exception {
        DataAccessException deadlock = translated(new SQLException("ERROR: deadlock detected", "40P01"));
        startWithFirstCommitHeld(item -> {
            store(item);
            if (item.equals("contended")) {
                throw deadlock;
            }
            return item;
        });
        List<Future<String>> results = submitAndAwaitWaiting("contended", "other-1", "other-2");
        releaseFirst.countDown();

        assertThat(results.get(1).get(5, TimeUnit.SECONDS)).isEqualTo("other-1");
        assertThat(results.get(2).get(5, TimeUnit.SECONDS)).isEqualTo("other-2");
        // its caller gets the deadlock (the event recorder's leaves the event to the recovery sweep)
        assertThatThrownBy(() -> results.get(0).get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isSameAs(deadlock);
        List<List<String>> afterFirst = batches.subList(1, batches.size());
        assertThat(afterFirst.subList(0, GroupCommit.ATTEMPTS)).allSatisfy(batch -> assertThat(batch).hasSize(3));
        assertThat(afterFirst.subList(GroupCommit.ATTEMPTS, afterFirst.size())).allSatisfy(
                batch -> assertThat(batch).hasSize(1));
        assertThat(afterFirst.stream().filter(batch -> batch.equals(List.of("contended"))))
                .hasSize(GroupCommit.ATTEMPTS);
        assertThat(afterFirst).hasSize(GroupCommit.ATTEMPTS + GroupCommit.ATTEMPTS + 2);
        assertThat(storedCounts()).isEqualTo(Map.of("first", 1L, "other-1", 1L, "other-2", 1L));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "PostgreSQL connection lost, 08006, An I/O error occurred while sending to the backend.",
            "PostgreSQL too many connections, 53300, 'FATAL: sorry, too many clients already'",
            "PostgreSQL statement timeout, 57014, ERROR: canceling statement due to statement timeout"})
    void anUnavailableOrTooSlowDatabaseFailsTheWholeBatchAtOnceWithoutWritingItAgain(String name, String sqlState,
            String message) throws Exception {
        DataAccessException failure = translated(new SQLException(message, sqlState));
        assertThat(failure).isInstanceOfAny(DataAccessResourceFailureException.class, QueryTimeoutException.class);
        assertFailsTheWholeBatchAtOnce(failure);
    }

    private void assertFailsTheWholeBatchAtOnce(DataAccessException failure) throws Exception {
        startWithFirstCommitHeld(item -> {
            store(item);
            if (!item.equals("first")) {
                throw failure;
            }
            return item;
        });
        List<Future<String>> batch = submitAndAwaitWaiting("one", "two", "three");
        releaseFirst.countDown();

        for (Future<String> result : batch) {
            assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isSameAs(failure);
        }
        assertThat(batches).hasSize(2);
        assertThat(storedCounts()).isEqualTo(Map.of("first", 1L));
    }

    @Test
    void anErrorInTheWriterReachesItsCallerInsteadOfLeavingItWaitingAndTheWriterGoesOn() throws Exception {
        start(item -> {
            if (item.equals("one")) {
                throw new StackOverflowError("writer broke");
            }
            return item.toUpperCase();
        });
        Future<String> caller = callers.submit(() -> commits.commit("one"));
        assertThatThrownBy(() -> caller.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(StackOverflowError.class);
        assertThat(callers.submit(() -> commits.commit("two")).get(5, TimeUnit.SECONDS)).isEqualTo("TWO");
    }

    /** Hands these items over while the first commit is held, and waits until all of them wait for the writer. */
    private List<Future<String>> submitAndAwaitWaiting(String... items) {
        int before = commits.waitingCount();
        List<Future<String>> results = new ArrayList<>();
        for (String item : items) {
            results.add(callers.submit(() -> commits.commit(item)));
        }
        awaitWaiting(before + items.length);
        return results;
    }

    private void store(String item) {
        stored.update("insert into written (item) values (?)", item);
    }

    /** How many times each item is stored, once the writer's transactions are over. */
    private Map<String, Long> storedCounts() {
        return stored.queryForList("select item from written", String.class).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** The exception that the application's JdbcTemplate throws for this error of the driver (as its update does). */
    private DataAccessException translated(SQLException error) {
        DataAccessException translated = stored.getExceptionTranslator().translate("insert", null, error);
        return translated != null ? translated : new UncategorizedSQLException("insert", null, error);
    }

    private void awaitWaiting(int items) {
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> commits.waitingCount() == items);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
