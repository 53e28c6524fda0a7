package io.gatehouse.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.gatehouse.event.AccessEvent;

/**
 * Gatehouse's own metrics, counted where each outcome is decided: the webhook replies, the stored canonical event,
 * the alert engine and the delivery outcomes. Every tag takes its values from a small fixed set (vendors, error
 * codes, canonical types, configured rule and channel names), never from what a request carries.
 */
@Component
public class GatehouseMetrics {

    private final MeterRegistry registry;
    private final Clock clock;

    public GatehouseMetrics(MeterRegistry registry, Clock clock, JdbcTemplate jdbc) {
        this.registry = registry;
        this.clock = clock;
        // strong references: a gauge holds its object weakly, and this one has no other owner
        InboxBacklog backlog = new InboxBacklog(jdbc, clock);
        Gauge.builder("gatehouse.inbox.oldest.unnormalized.age", backlog, InboxBacklog::oldestAgeSeconds)
                .description("Age of the oldest acknowledged webhook not yet normalized (0 when there is none)")
                .baseUnit("seconds").strongReference(true)
                .register(registry);
        Gauge.builder("gatehouse.deliveries.waiting", backlog, InboxBacklog::waitingDeliveries)
                .description("Alert deliveries pending or being sent").strongReference(true)
                .register(registry);
    }

    /** 202: the webhook is stored. */
    public void webhookAccepted(String vendor) {
        received(vendor);
        Counter.builder("gatehouse.webhooks.accepted").description("Webhooks stored and answered 202")
                .tag("vendor", vendor).register(registry).increment();
    }

    /** 200 duplicate: the webhook was stored before. */
    public void webhookDuplicate(String vendor) {
        received(vendor);
        Counter.builder("gatehouse.webhooks.duplicates").description("Redeliveries of stored webhooks, answered 200")
                .tag("vendor", vendor).register(registry).increment();
    }

    /** Refused with an HTTP status and an error code (a 500 is counted too: the vendor will retry it). */
    public void webhookRejected(String vendor, int status, String reason) {
        received(vendor);
        Counter.builder("gatehouse.webhooks.rejected").description("Webhooks refused, by HTTP status and error code")
                .tag("vendor", vendor).tag("status", String.valueOf(status)).tag("reason", reason)
                .register(registry).increment();
    }

    private void received(String vendor) {
        Counter.builder("gatehouse.webhooks.received").description("Webhook requests answered, whatever the answer")
                .tag("vendor", vendor).register(registry).increment();
    }

    /**
     * A canonical event was stored. The lag, from receipt to stored event, is not recorded for a replay: a replayed
     * event was received long ago, and its age says nothing about how far behind normalization is.
     */
    public void eventStored(AccessEvent event, boolean replay) {
        Counter.builder("gatehouse.events.stored").description("Canonical events stored, by vendor, type and severity")
                .tag("vendor", event.vendor()).tag("type", event.type().code())
                .tag("severity", event.severity().code()).register(registry).increment();
        if (!replay && event.receivedAt() != null) {
            Duration lag = Duration.between(event.receivedAt(), clock.instant());
            Timer.builder("gatehouse.events.normalization.lag")
                    .description("From receipt of the webhook to its canonical event stored")
                    .tag("vendor", event.vendor()).register(registry).record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }

    /** A well-signed event whose type its vendor's type table does not name: stored as unknown. */
    public void eventTypeUnmapped(String vendor) {
        Counter.builder("gatehouse.events.unmapped")
                .description("Events stored as unknown: their vendor's type table does not name their type")
                .tag("vendor", vendor).register(registry).increment();
    }

    /** Normalization failed; the raw event stays stored with status failed. */
    public void normalizationFailed(String vendor) {
        Counter.builder("gatehouse.events.failed").description("Events whose normalization failed (kept, replayable)")
                .tag("vendor", vendor == null ? "unknown" : vendor).register(registry).increment();
    }

    /** A rule raised an alert. */
    public void alertRaised(String rule, String severity) {
        Counter.builder("gatehouse.alerts.raised").description("Alerts raised, by rule and severity")
                .tag("rule", rule).tag("severity", severity).register(registry).increment();
    }

    /** A rule matched but its throttle silenced the alert. */
    public void alertSuppressed(String rule) {
        Counter.builder("gatehouse.alerts.suppressed").description("Alerts silenced by their rule's throttle")
                .tag("rule", rule).register(registry).increment();
    }

    /**
     * What became of one delivery attempt: {@code sent}, {@code retrying} (failed, will be tried again),
     * {@code failed} (gave up after the last attempt) or {@code skipped} (the channel has no target configured).
     */
    public void delivery(String channel, String outcome) {
        Counter.builder("gatehouse.deliveries").description("Alert delivery attempts, by channel and outcome")
                .tag("channel", channel).tag("outcome", outcome).register(registry).increment();
    }

    /** A delivery was sent: also records how long after its alert was raised. */
    public void deliverySent(String channel, Instant alertRaisedAt) {
        delivery(channel, "sent");
        Duration latency = Duration.between(alertRaisedAt, clock.instant());
        Timer.builder("gatehouse.deliveries.latency").description("From alert raised to delivered, by channel")
                .tag("channel", channel).register(registry)
                .record(latency.isNegative() ? Duration.ZERO : latency);
    }

    /**
     * A sink's lag, read when metrics are scraped: events waiting for it, and the age of the oldest of them.
     */
    public void watchSinkLag(String sink, DoubleSupplier events, DoubleSupplier seconds) {
        Gauge.builder("gatehouse.sink.lag.events", events, DoubleSupplier::getAsDouble)
                .description("Events stored and waiting to be sent to the sink").tag("sink", sink)
                .strongReference(true).register(registry);
        Gauge.builder("gatehouse.sink.lag", seconds, DoubleSupplier::getAsDouble)
                .description("Age of the oldest event waiting to be sent to the sink (0 when none waits)")
                .baseUnit("seconds").tag("sink", sink).strongReference(true).register(registry);
    }

    /**
     * A sink's parked events, read when metrics are scraped: events its platform refused as such, held aside until
     * an operator retries or skips them (docs/operations.md#sinks).
     */
    public void watchSinkParked(String sink, DoubleSupplier events) {
        Gauge.builder("gatehouse.sink.parked.events", events, DoubleSupplier::getAsDouble)
                .description("Events the sink's platform refused, parked until retried or skipped").tag("sink", sink)
                .strongReference(true).register(registry);
    }

    /** A batch the sink's platform accepted. */
    public void sinkSent(String sink, int events) {
        Counter.builder("gatehouse.sink.sent").description("Events the sink's platform accepted")
                .tag("sink", sink).register(registry).increment(events);
    }

    /**
     * A batch the sink's platform refused or could not be reached for; the events wait and are sent again (an event
     * refused alone too often is parked).
     */
    public void sinkFailed(String sink) {
        Counter.builder("gatehouse.sink.errors").description("Batches not delivered to the sink (retried)")
                .tag("sink", sink).register(registry).increment();
    }

    /**
     * When the oldest event still waiting for normalization was received. Not {@code min(received_at)}: H2 reads
     * every waiting row for that, and after a burst there are tens of thousands; ordered by the whole index
     * (status first, fixed) it reads one (InboxIndexUseTest).
     */
    public static final String OLDEST_UNNORMALIZED = "select received_at from inbox where status = 'received' "
            + "order by status, received_at limit 1";

    /** The queries behind the gauges, run when metrics are scraped. */
    private record InboxBacklog(JdbcTemplate jdbc, Clock clock) {

        double oldestAgeSeconds() {
            List<OffsetDateTime> oldest = jdbc.queryForList(OLDEST_UNNORMALIZED, OffsetDateTime.class);
            return oldest.isEmpty() ? 0
                    : Math.max(0, Duration.between(oldest.get(0).toInstant(), clock.instant()).toMillis()) / 1000.0;
        }

        double waitingDeliveries() {
            Integer waiting = jdbc.queryForObject(
                    "select count(*) from alert_delivery where status in ('pending', 'sending')", Integer.class);
            return waiting == null ? 0 : waiting;
        }
    }
}
