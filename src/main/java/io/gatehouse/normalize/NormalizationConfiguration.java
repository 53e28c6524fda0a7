package io.gatehouse.normalize;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.gatehouse.telemetry.GatehouseMetrics;

/**
 * The threads that normalize events after their 202 (the wireTap in routes/ingress/inbox.camel.yaml). Few of them,
 * with a bounded queue, so that under a burst storing and acknowledging webhooks keeps the CPU and the database
 * connections it needs. When the queue is full the event is not normalized now: its inbox row stays 'received'
 * and the recovery sweep (routes/normalize/recovery.camel.yaml) normalizes it once the burst has passed. Camel's own
 * policies would either make the request thread normalize (CallerRuns: the vendor's reply waits) or fail the
 * already stored webhook (Abort), so the pool is Camel's with a handler that leaves the event to the sweep.
 */
@Configuration(proxyBeanMethods = false)
public class NormalizationConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(NormalizationConfiguration.class);

    /** Names in Camel's registry of the two lanes' pools (routes/ingress/inbox.camel.yaml names them too). */
    public static final String ROUTINE_LANE = "normalizationExecutor";
    public static final String ALERT_LANE = "alertNormalizationExecutor";

    /**
     * Bound in Camel's registry only: an Executor bean in Spring's context would make Spring Boot leave out the task
     * executor that platform-http serves requests with.
     */
    @Bean
    CamelContextConfiguration normalizationExecutors(
            GatehouseMetrics metrics,
            @Value("${gatehouse.normalization.threads:8}") int threads,
            @Value("${gatehouse.normalization.alert-lane-threads:4}") int alertLaneThreads,
            @Value("${gatehouse.normalization.queue-size:1000}") int queueSize) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                bind(camel, ROUTINE_LANE, "normalization", threads);
                // events that may raise an alert (NormalizationLanes): never behind a backlog of routine ones
                bind(camel, ALERT_LANE, "normalization-alert", alertLaneThreads);
            }

            private void bind(CamelContext camel, String name, String threadName, int poolSize) {
                ExecutorService pool = camel.getExecutorServiceManager().newThreadPool(this, threadName,
                        new ThreadPoolProfileBuilder(threadName).poolSize(poolSize).maxPoolSize(poolSize)
                                .maxQueueSize(queueSize).build());
                ((ThreadPoolExecutor) pool).setRejectedExecutionHandler((task, executor) -> {
                    metrics.normalizationPostponed();
                    LOG.debug("{} queue full: the event is left to the recovery sweep", threadName);
                });
                camel.getRegistry().bind(name, ExecutorService.class, pool);
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // nothing to do once started
            }
        };
    }
}
