package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** The webhook contract on the default database, H2 (in PostgreSQL mode, as in production use). */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:gatehouse-it;MODE=PostgreSQL;"
        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@Import(H2WebhookIngressIT.ConcurrencyProbe.class)
class H2WebhookIngressIT extends WebhookIngressContract {

    static final int CONCURRENT_REQUESTS = 24;

    /**
     * A platform-http route that only answers once {@link #CONCURRENT_REQUESTS} requests are inside it at the same
     * time: with Spring's default task executor (8 threads) it would never answer.
     */
    @TestConfiguration
    static class ConcurrencyProbe {
        @Bean
        RouteBuilder concurrencyProbeRoute() {
            CountDownLatch allInside = new CountDownLatch(CONCURRENT_REQUESTS);
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:/test/concurrency-probe").routeId("concurrency-probe").process(exchange -> {
                        allInside.countDown();
                        boolean together = allInside.await(10, TimeUnit.SECONDS);
                        exchange.getMessage().setBody(together ? "together" : "capped");
                    });
                }
            };
        }
    }

    @Test
    void servesMoreThanEightWebhookRequestsAtOnce() {
        List<CompletableFuture<HttpResponse<String>>> inFlight = IntStream.range(0, CONCURRENT_REQUESTS)
                .mapToObj(i -> webhooks.client().sendAsync(
                        HttpRequest.newBuilder(URI.create(webhooks.baseUrl() + "/test/concurrency-probe"))
                                .timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();

        List<String> bodies = inFlight.stream().map(CompletableFuture::join).map(HttpResponse::body).toList();

        assertThat(bodies).hasSize(CONCURRENT_REQUESTS).allMatch("together"::equals);
    }
}
