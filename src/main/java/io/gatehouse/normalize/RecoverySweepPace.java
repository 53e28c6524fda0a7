package io.gatehouse.normalize;

import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;

import org.apache.camel.CamelContext;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;


/**
 * Whether the recovery sweep (routes/normalize/recovery.camel.yaml) takes its next page at once or at the next
 * interval. At once after a full page, so a backlog left by a crash or a burst is worked off quickly; but not while
 * the normalization lanes still have queued work, which means webhooks are still coming faster than they are
 * normalized: the sweep then takes one page per interval, and taking and acknowledging webhooks keeps the CPU. A
 * page is routine work too, so it first waits while {@link RoutineNormalizationGate} holds routine normalization
 * back. Not while Gatehouse stops either: the next page would hold its shutdown up, and the rows wait for the next
 * start.
 */
@Component
public class RecoverySweepPace {

    /** The limit in sql/select-unnormalized-inbox.sql. */
    static final int PAGE = 500;
    private static final List<String> LANES = List.of(NormalizationConfiguration.ROUTINE_LANE,
            NormalizationConfiguration.ALERT_LANE);

    private final CamelContext camel;
    private final RoutineNormalizationGate routineGate;

    public RecoverySweepPace(CamelContext camel, RoutineNormalizationGate routineGate) {
        this.camel = camel;
        this.routineGate = routineGate;
    }

    public boolean nextPageAtOnce(@ExchangeProperty("sweepPageSize") int pageSize) {
        if (pageSize < PAGE || camel.isStopping() || !lanesIdle()) {
            return false;
        }
        routineGate.awaitTurn();
        return !camel.isStopping();
    }

    private boolean lanesIdle() {
        for (String lane : LANES) {
            ThreadPoolExecutor pool = camel.getRegistry().lookupByNameAndType(lane, ThreadPoolExecutor.class);
            if (pool == null) {   // not "idle": a lookup that stopped finding the pools would end the pacing unseen
                throw new IllegalStateException("no normalization lane named " + lane + " in Camel's registry");
            }
            if (!pool.getQueue().isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
