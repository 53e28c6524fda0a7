package io.gatehouse.normalize;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.gatehouse.telemetry.GatehouseMetrics;

/**
 * Holds routine normalization back while webhooks are arriving and the CPU has no room for both. During a burst,
 * taking, verifying and committing webhooks needs the CPU (a vendor that waits too long for its 2xx retries), and
 * the CPU a routine event's normalization takes is CPU a reply waits for. So while webhooks have arrived within
 * {@code gatehouse.normalization.routine-pause-window} and the machine's CPU load (as the JVM sees it, a container's
 * limit included) is at or above {@code routine-pause-above-cpu}, the routine lane's threads and the recovery sweep
 * wait before their next event or page; they go on once the load is below {@code routine-resume-below-cpu}, or
 * once no webhook has arrived for that window. Without webhooks arriving nothing waits: a sweep working off a
 * backlog may take all the CPU. Alerts are never held: their lane does not pass here.
 *
 * <p>Nothing is lost by waiting: every event is committed to the inbox before its 202. Each wait is at most
 * {@code routine-max-pause}, so a burst that does not end still has its events normalized, slower; events that find
 * the lane's queue full are left to the recovery sweep. The load is sampled by one thread every
 * {@link #SAMPLE_PERIOD}: the JVM measures it between two readings, so concurrent readers would shorten each
 * other's windows.
 */
@Component
public class RoutineNormalizationGate {

    private static final Logger LOG = LoggerFactory.getLogger(RoutineNormalizationGate.class);
    static final Duration SAMPLE_PERIOD = Duration.ofMillis(200);
    private static final long WAIT_STEP_MILLIS = 10;

    private final DoubleSupplier cpuLoad;
    private final DoubleSupplier webhooksReceived;
    private final BooleanSupplier stopping;
    private final double pauseAbove;
    private final double resumeBelow;
    private final long windowNanos;
    private final long maxPauseNanos;
    private volatile boolean paused;
    private double lastWebhookCount;
    private long lastWebhookAt = Long.MIN_VALUE;
    private boolean readingFailed;
    private ScheduledExecutorService sampler;

    @Autowired
    public RoutineNormalizationGate(CamelContext camel, GatehouseMetrics metrics,
            @Value("${gatehouse.normalization.routine-pause-above-cpu:0.85}") double pauseAbove,
            @Value("${gatehouse.normalization.routine-resume-below-cpu:0.7}") double resumeBelow,
            @Value("${gatehouse.normalization.routine-pause-window:1s}") Duration window,
            @Value("${gatehouse.normalization.routine-max-pause:2s}") Duration maxPause) {
        this(machineCpuLoad(), metrics::webhooksReceived, camel::isStopping, pauseAbove, resumeBelow, window,
                maxPause);
        metrics.watchRoutinePause(this::isPaused);
    }

    RoutineNormalizationGate(DoubleSupplier cpuLoad, DoubleSupplier webhooksReceived, BooleanSupplier stopping,
            double pauseAbove, double resumeBelow, Duration window, Duration maxPause) {
        if (resumeBelow > pauseAbove) {
            throw new IllegalArgumentException("gatehouse.normalization.routine-resume-below-cpu (" + resumeBelow
                    + ") must not be above routine-pause-above-cpu (" + pauseAbove + ")");
        }
        this.cpuLoad = cpuLoad;
        this.webhooksReceived = webhooksReceived;
        this.stopping = stopping;
        this.pauseAbove = pauseAbove;
        this.resumeBelow = resumeBelow;
        this.windowNanos = window.toNanos();
        this.maxPauseNanos = maxPause.toNanos();
        this.lastWebhookCount = webhooksReceived.getAsDouble();
    }

    /** The recent CPU load of the machine (or container), 0..1; negative when the platform does not tell. */
    private static DoubleSupplier machineCpuLoad() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os::getCpuLoad;
        }
        return () -> -1;
    }

    @PostConstruct
    void start() {
        if (pauseAbove > 1) {
            return;   // turned off: a load never reaches it
        }
        sampler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "routine-normalization-gate");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }

    /** Reads the load and the webhook count once, and opens or closes the gate. */
    void sample() {
        sample(System.nanoTime());
    }

    void sample(long now) {
        double load;
        double webhooks;
        try {
            load = cpuLoad.getAsDouble();
            webhooks = webhooksReceived.getAsDouble();
        } catch (RuntimeException e) {
            // an exception would end the scheduled sampling and leave the gate as it was, perhaps closed for good
            if (!readingFailed) {
                LOG.warn("cannot read the CPU load or the webhook count ({}); routine normalization is not held back",
                        e.getClass().getSimpleName());
            }
            readingFailed = true;
            paused = false;
            return;
        }
        readingFailed = false;
        if (webhooks != lastWebhookCount) {
            lastWebhookCount = webhooks;
            lastWebhookAt = now;
        }
        boolean webhooksArriving = lastWebhookAt != Long.MIN_VALUE && now - lastWebhookAt <= windowNanos;
        if (load < 0 || !webhooksArriving) {
            paused = false;       // a load the platform does not tell never holds events on a guess
        } else if (load >= pauseAbove) {
            paused = true;
        } else if (load < resumeBelow) {
            paused = false;
        }                         // in between: as it was, so that it does not flap
    }

    /** Whether routine normalization is held back now (also a gauge for operators). */
    public boolean isPaused() {
        return paused;
    }

    /**
     * Returns once routine normalization may go on: at once unless paused, else when the gate opens, when
     * Gatehouse stops (the event is normalized and recorded as usual, so the stop is not held up waiting), or after
     * routine-max-pause. An interrupt (a pool shut down) ends the wait too, and is kept for the thread: thrown, it
     * would reach the normalization's error handling and mark a valid event failed.
     */
    public void awaitTurn() {
        long deadline = System.nanoTime() + maxPauseNanos;
        while (paused && !stopping.getAsBoolean() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(WAIT_STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
