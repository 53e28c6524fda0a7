package io.gatehouse.delivery;

import static io.gatehouse.alerting.AlertStore.utc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;


/**
 * The durable queue of alert deliveries. A delivery is claimed with a conditional update, so that of several
 * pollers (threads or instances) exactly one sends it; a claim is a lease, so a delivery whose sender died is
 * claimed again once the lease ends. Deliveries to one channel go out in the order their alerts were raised.
 * <p>
 * The lease is short (seconds) and renewed while its send lasts ({@link #renewLease}): a send may
 * take as long as Slack or SMTP make it, yet a delivery left "sending" by a process that died holds its channel,
 * and so the next forced door, only until its short lease ends, not for the longest send there could be.
 */
@Component
public class DeliveryQueue {

    static final int BATCH = 50;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final DeliveryProperties config;
    /** The delivery this process is sending: it has one sender (routes/deliver/deliveries.camel.yaml). */
    private final AtomicReference<Delivery> inFlight = new AtomicReference<>();

    public DeliveryQueue(JdbcTemplate jdbc, Clock clock, DeliveryProperties config) {
        if (config.lease().compareTo(config.leaseRenewalInterval().multipliedBy(3)) < 0) {
            throw new IllegalStateException("gatehouse.delivery.lease (" + config.lease() + ") is shorter than three "
                    + "gatehouse.delivery.lease-renewal-interval (" + config.leaseRenewalInterval() + "): a lease of "
                    + "fewer renewals could end while its send is still going on; raise the lease or renew more often");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.config = config;
    }

    /** Deliveries that are due, oldest first; each still has to be {@link #claim claimed}. */
    public List<Delivery> due() {
        return jdbc.query("select d.id, d.alert_id, d.channel, d.attempts, d.created_at, d.action, a.trigger_event_id, "
                        + "e.vendor "
                        + "from alert_delivery d join alert a on a.id = d.alert_id "
                        + "left join access_event e on e.id = a.trigger_event_id "
                        + "where d.status in ('pending', 'sending') and d.next_attempt_at <= ? "
                        + "order by d.created_at, d.id limit " + BATCH,
                (rs, n) -> new Delivery(rs.getString("id"), rs.getString("alert_id"), rs.getString("channel"),
                        rs.getInt("attempts") + 1, rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getString("trigger_event_id"), rs.getString("vendor"), rs.getString("action")),
                utc(clock.instant()));
    }

    /**
     * Takes the delivery for this poller; null when another poller has it, or when an older delivery to the same
     * channel is still waiting for its retry (this one then waits too, to keep the channel's order).
     */
    public Delivery claim(Delivery delivery) {
        Instant now = clock.instant();
        Integer olderWaiting = jdbc.queryForObject("select count(*) from alert_delivery where channel = ? "
                        + "and status in ('pending', 'sending') and (created_at < ? or (created_at = ? and id < ?))",
                Integer.class, delivery.channel(), utc(delivery.createdAt()), utc(delivery.createdAt()), delivery.id());
        if (olderWaiting != null && olderWaiting > 0) {
            return null;
        }
        int claimed = jdbc.update("update alert_delivery set status = 'sending', attempts = attempts + 1, "
                        + "next_attempt_at = ? where id = ? and status in ('pending', 'sending') and next_attempt_at <= ?",
                utc(now.plus(config.lease())), delivery.id(), utc(now));
        if (claimed != 1) {
            return null;
        }
        inFlight.set(delivery);
        return delivery;
    }

    /**
     * Extends the lease of the delivery this process is sending, if any; called every lease-renewal-interval, from
     * another thread than the send. A process that dies stops renewing; its delivery is claimed again within a lease.
     */
    public void renewLease() {
        Delivery sending = inFlight.get();
        if (sending != null) {
            jdbc.update("update alert_delivery set next_attempt_at = ? where id = ? and status = 'sending'",
                    utc(clock.instant().plus(config.lease())), sending.id());
        }
    }

    public void sent(Delivery delivery) {
        inFlight.compareAndSet(delivery, null);
        jdbc.update("update alert_delivery set status = 'sent', sent_at = ?, last_error = null where id = ?",
                utc(clock.instant()), delivery.id());
    }

    /**
     * Records a failed attempt: retried after an exponential backoff (or the wait the receiver asked for), or
     * marked failed after the last attempt, or at once when the failure is permanent (so that the channel's later
     * alerts do not wait for its retries). Returns the new status.
     */
    public String failed(Delivery delivery, String error, Duration requestedWait, boolean permanent) {
        inFlight.compareAndSet(delivery, null);
        String message = error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 2000) : error;
        if (permanent || delivery.attempt() >= config.maxAttempts()) {
            jdbc.update("update alert_delivery set status = 'failed', last_error = ? where id = ?",
                    message, delivery.id());
            return "failed";
        }
        Duration wait = requestedWait != null ? requestedWait : backoff(delivery.attempt());
        jdbc.update("update alert_delivery set status = 'pending', last_error = ?, next_attempt_at = ? where id = ?",
                message, utc(clock.instant().plus(wait)), delivery.id());
        return "pending";
    }

    /** initial-backoff doubled per attempt after the first, capped at max-backoff. */
    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    /** Makes a failed delivery due again, with a fresh set of attempts; false when it is not failed. */
    public boolean retry(String deliveryId) {
        return jdbc.update("update alert_delivery set status = 'pending', attempts = 0, next_attempt_at = ? "
                + "where id = ? and status = 'failed'", utc(clock.instant()), deliveryId) == 1;
    }
}
