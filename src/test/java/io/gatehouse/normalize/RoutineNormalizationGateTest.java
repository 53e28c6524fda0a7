package io.gatehouse.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class RoutineNormalizationGateTest {

    private static final long SECOND = 1_000_000_000L;

    private double cpuLoad;
    private boolean loadUnreadable;
    private double webhooks;
    private long now = 0;
    private final AtomicBoolean stopping = new AtomicBoolean();

    private RoutineNormalizationGate gate(Duration maxPause) {
        return new RoutineNormalizationGate(this::readLoad, () -> webhooks, stopping::get, 0.85, 0.7,
                Duration.ofSeconds(1), maxPause);
    }

    private double readLoad() {
        if (loadUnreadable) {
            throw new IllegalStateException("no /proc");
        }
        return cpuLoad;
    }

    /** One sample, 200 ms after the previous one, with the load given and a webhook arrived meanwhile or not. */
    private void sample(RoutineNormalizationGate gate, double load, boolean webhookArrived) {
        cpuLoad = load;
        webhooks += webhookArrived ? 1 : 0;
        now += SECOND / 5;
        gate.sample(now);
    }

    @Test
    void pausesAtTheUpperThresholdAndResumesOnlyBelowTheLowerOne() {
        RoutineNormalizationGate gate = gate(Duration.ofSeconds(5));
        sample(gate, 0.84, true);
        assertThat(gate.isPaused()).isFalse();
        sample(gate, 0.85, true);
        assertThat(gate.isPaused()).isTrue();
        sample(gate, 0.75, true);            // between the two: stays paused, so it does not flap
        assertThat(gate.isPaused()).isTrue();
        sample(gate, 0.69, true);
        assertThat(gate.isPaused()).isFalse();
        sample(gate, 0.8, true);             // between the two again: stays open
        assertThat(gate.isPaused()).isFalse();
    }

    @Test
    void withoutWebhooksArrivingABusyCpuHoldsNothing() {
        RoutineNormalizationGate gate = gate(Duration.ofSeconds(5));
        sample(gate, 0.99, false);           // e.g. the recovery sweep working off a backlog after a restart
        assertThat(gate.isPaused()).isFalse();

        sample(gate, 0.99, true);
        assertThat(gate.isPaused()).isTrue();
        for (int i = 0; i < 5; i++) {        // the window is 1 s: a webhook 1 s ago still counts
            sample(gate, 0.99, false);
        }
        assertThat(gate.isPaused()).isTrue();
        sample(gate, 0.99, false);
        assertThat(gate.isPaused()).isFalse();
    }

    @Test
    void aLoadThePlatformCannotTellNeverHoldsEvents() {
        RoutineNormalizationGate gate = gate(Duration.ofSeconds(5));
        sample(gate, 0.99, true);
        sample(gate, -1, true);
        assertThat(gate.isPaused()).isFalse();
    }

    @Test
    void aLoadThatCannotBeReadOpensTheGateAndSamplingGoesOn() {
        RoutineNormalizationGate gate = gate(Duration.ofSeconds(5));
        sample(gate, 0.95, true);
        assertThat(gate.isPaused()).isTrue();

        loadUnreadable = true;
        sample(gate, 0.95, true);            // no exception: it would end the scheduled sampling
        assertThat(gate.isPaused()).isFalse();

        loadUnreadable = false;
        sample(gate, 0.95, true);
        assertThat(gate.isPaused()).isTrue();
    }

    @Test
    void aWaitingEventGoesOnAsSoonAsTheGateOpens() throws Exception {
        RoutineNormalizationGate gate = gate(Duration.ofSeconds(30));
        CompletableFuture<Void> waiting = waitingForItsTurn(gate);

        sample(gate, 0.2, true);
        waiting.get(2, TimeUnit.SECONDS);
    }

    @Test
    void noEventWaitsLongerThanTheMaximumPause() throws Exception {
        RoutineNormalizationGate gate = gate(Duration.ofMillis(300));
        sample(gate, 0.95, true);
        long start = System.nanoTime();
        gate.awaitTurn();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(300), Duration.ofSeconds(2));
    }

    @Test
    void noEventWaitsWhileGatehouseStops() throws Exception {
        RoutineNormalizationGate gate = gate(Duration.ofSeconds(30));
        CompletableFuture<Void> waiting = waitingForItsTurn(gate);

        stopping.set(true);
        waiting.get(2, TimeUnit.SECONDS);
    }

    @Test
    void anInterruptEndsTheWaitAndIsKept() throws Exception {
        RoutineNormalizationGate gate = gate(Duration.ofSeconds(30));
        sample(gate, 0.95, true);
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        Thread waiting = new Thread(() -> {
            gate.awaitTurn();
            interruptedAfter.complete(Thread.currentThread().isInterrupted());
        });
        waiting.start();
        Thread.sleep(100);
        assertThat(interruptedAfter).isNotDone();

        waiting.interrupt();
        assertThat(interruptedAfter.get(2, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anOpenGateDoesNotWait() throws Exception {
        RoutineNormalizationGate gate = gate(Duration.ofSeconds(30));
        sample(gate, 0.1, true);
        CompletableFuture.runAsync(awaitTurn(gate)).get(1, TimeUnit.SECONDS);
    }

    @Test
    void theResumeThresholdMayNotBeAboveThePauseThreshold() {
        assertThatThrownBy(() -> new RoutineNormalizationGate(() -> 0, () -> 0, () -> false, 0.5, 0.6,
                Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("routine-resume-below-cpu");
    }

    /** An event at a gate closed by a busy CPU and a webhook, still waiting a moment later. */
    private CompletableFuture<Void> waitingForItsTurn(RoutineNormalizationGate gate) throws InterruptedException {
        sample(gate, 0.95, true);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(awaitTurn(gate));
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        return waiting;
    }

    private static Runnable awaitTurn(RoutineNormalizationGate gate) {
        return gate::awaitTurn;
    }
}
