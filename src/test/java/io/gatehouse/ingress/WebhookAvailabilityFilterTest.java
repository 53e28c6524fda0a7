package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class WebhookAvailabilityFilterTest {

    final AtomicBoolean running = new AtomicBoolean();
    final WebhookAvailabilityFilter filter = new WebhookAvailabilityFilter(running::get);

    @Test
    void answers503WithRetryAfterAndAJsonReasonWhileTheRoutesAreNotRunning() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("POST", "/webhooks/seam"), response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo(WebhookReplies.RETRY_AFTER_SECONDS);
        assertThat(response.getContentType()).startsWith("application/json");
        JsonNode body = new ObjectMapper().readTree(response.getContentAsByteArray());
        assertThat(body.get("error").asText()).isEqualTo("not_ready");
        assertThat(body.get("message").asText()).contains("stored nothing");
        assertThat(chain.getRequest()).as("the request went no further").isNull();
    }

    @Test
    void passesTheWebhookOnOnceTheRoutesRun() throws Exception {
        running.set(true);
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("POST", "/webhooks/seam"), response, chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Retry-After")).isNull();
    }
}
