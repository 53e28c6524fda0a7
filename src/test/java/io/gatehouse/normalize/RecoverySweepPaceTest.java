package io.gatehouse.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


class RecoverySweepPaceTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ThreadPoolExecutor routine = lane();
    private final ThreadPoolExecutor alert = lane();
    private final CountDownLatch release = new CountDownLatch(1);
    private double cpuLoad = 0.1;
    private double webhooks;
    private final RoutineNormalizationGate routineGate = new RoutineNormalizationGate(() -> cpuLoad, () -> webhooks,
            () -> false, 0.85, 0.7, Duration.ofSeconds(1), Duration.ofMillis(500));
    private final RecoverySweepPace pace = new RecoverySweepPace(camel, routineGate);

    RecoverySweepPaceTest() {
        camel.getRegistry().bind(NormalizationConfiguration.ROUTINE_LANE, routine);
        camel.getRegistry().bind(NormalizationConfiguration.ALERT_LANE, alert);
    }

    private static ThreadPoolExecutor lane() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10));
    }

    /** The lane's one thread busy and one more event queued behind it. */
    private void busy(ThreadPoolExecutor lane) {
        lane.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        lane.execute(() -> { });
    }

    @AfterEach
    void stop() {
        release.countDown();
        routine.shutdownNow();
        alert.shutdownNow();
    }

    @Test
    void aFullPageWithIdleLanesGoesOnAtOnce() {
        assertThat(pace.nextPageAtOnce(RecoverySweepPace.PAGE)).isTrue();
    }

    @Test
    void aPageThatWasNotFullWaitsForTheNextInterval() {
        assertThat(pace.nextPageAtOnce(RecoverySweepPace.PAGE - 1)).isFalse();
        assertThat(pace.nextPageAtOnce(0)).isFalse();
    }

    @Test
    void aFullPageWaitsWhileEitherLaneHasQueuedEvents() {
        busy(routine);
        assertThat(pace.nextPageAtOnce(RecoverySweepPace.PAGE)).isFalse();

        release.countDown();
        await().until(() -> routine.getQueue().isEmpty() && routine.getActiveCount() == 0);
        assertThat(pace.nextPageAtOnce(RecoverySweepPace.PAGE)).isTrue();
    }

    @Test
    void theAlertLaneCountsToo() {
        busy(alert);
        assertThat(pace.nextPageAtOnce(RecoverySweepPace.PAGE)).isFalse();
    }

    @Test
    void waitsWhileRoutineNormalizationIsHeldBackForWebhooks() {
        cpuLoad = 0.95;
        webhooks = 10;
        routineGate.sample();
        assertThat(routineGate.isPaused()).isTrue();

        long start = System.nanoTime();
        assertThat(pace.nextPageAtOnce(RecoverySweepPace.PAGE)).isTrue();   // after the gate's longest pause
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aMissingLaneIsAnErrorNotAnIdleLane() {
        camel.getRegistry().unbind(NormalizationConfiguration.ALERT_LANE);

        assertThatThrownBy(() -> pace.nextPageAtOnce(RecoverySweepPace.PAGE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(NormalizationConfiguration.ALERT_LANE);
    }

    @Test
    void notWhileGatehouseStops() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch stopping = new CountDownLatch(1);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("seda:sweep").process(exchange -> {      // a sweep still running when the stop begins
                    inFlight.countDown();
                    stopping.await(10, TimeUnit.SECONDS);
                    exchange.getMessage().setBody(pace.nextPageAtOnce(RecoverySweepPace.PAGE));
                });
            }
        });
        camel.start();
        assertThat(pace.nextPageAtOnce(RecoverySweepPace.PAGE)).isTrue();
        Future<Object> sweep = camel.createProducerTemplate().asyncRequestBody("seda:sweep", "");
        assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stop = new Thread(camel::stop);
        stop.start();
        await().until(camel::isStopping);
        stopping.countDown();

        assertThat(sweep.get(10, TimeUnit.SECONDS)).isEqualTo(false);
        stop.join(10_000);
    }
}
