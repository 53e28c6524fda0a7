package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;

/**
 * More requests than workers and queue places: the excess is answered 503 with Retry-After at once, the requests
 * already taken are served, and Gatehouse takes webhooks again as soon as a place is free.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:gatehouse-overload;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "spring.task.execution.pool.core-size=2",
        "spring.task.execution.pool.max-size=2",
        "spring.task.execution.pool.queue-capacity=2"})
@Import(OverloadIT.BlockedRoute.class)
class OverloadIT {

    static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A platform-http route that holds its worker until the test releases it. */
    @TestConfiguration
    static class BlockedRoute {
        @Bean
        RouteBuilder blockedRoute() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:/test/blocked").routeId("blocked").process(exchange -> {
                        RELEASE.await(2, TimeUnit.MINUTES);
                        exchange.getMessage().setBody("served");
                    });
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Test
    void answersTheExcessAtOnceWith503AndServesTheRestAfterwards() throws Exception {
        SignedWebhooks sender = new SignedWebhooks(port);
        List<CompletableFuture<HttpResponse<String>>> requests = IntStream.range(0, 8)
                .mapToObj(i -> sender.client().sendAsync(
                        HttpRequest.newBuilder(URI.create(sender.baseUrl() + "/test/blocked"))
                                .timeout(Duration.ofSeconds(60)).GET().build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();

        // two requests run, two wait in the queue: the other four are refused while those are still held
        await().atMost(Duration.ofSeconds(20)).until(() -> requests.stream().filter(CompletableFuture::isDone)
                .count() == 4);
        List<HttpResponse<String>> refused = requests.stream().filter(CompletableFuture::isDone)
                .map(CompletableFuture::join).toList();
        assertThat(refused).hasSize(4).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).contains("10");
            assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("overloaded");
        });

        RELEASE.countDown();
        List<HttpResponse<String>> all = requests.stream().map(CompletableFuture::join).toList();
        assertThat(all.stream().filter(response -> response.statusCode() == 200)).hasSize(4)
                .allSatisfy(response -> assertThat(response.body()).isEqualTo("served"));
        assertThat(sender.verkada(Fixtures.verkadaForcedOpen("overload-door-after")).statusCode()).isEqualTo(202);
    }
}
