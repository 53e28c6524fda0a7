package io.gatehouse.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** How callers share commits, and how one caller's failure stays its own. */
class GroupCommitTest {

    private final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(
            new DriverManagerDataSource("jdbc:h2:mem:group-commit;DB_CLOSE_DELAY=-1", "sa", "")));
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService callers = Executors.newFixedThreadPool(16);
    private GroupCommit<String, String> commits;

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

    @Test
    void aBusyDatabaseFailsTheWholeBatchWithoutRetryingItemByItem() {
        start(item -> {
            throw new CannotAcquireLockException("deadlock");
        });
        assertThatThrownBy(() -> commits.commit("one")).isInstanceOf(CannotAcquireLockException.class);
        assertThat(batches).hasSize(1);
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
