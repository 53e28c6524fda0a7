package io.gatehouse.ingress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers webhooks 503 + Retry-After while the routes that store them are not running.
 * <p>
 * Why: Tomcat takes requests a few seconds before Camel has started its routes, and again while Camel stops them
 * during a shutdown; in between, a webhook found no route and got 404, which a vendor may take as "gone" and stop
 * retrying. Here it is told to come back, and nothing was stored.
 */
public class WebhookAvailabilityFilter extends OncePerRequestFilter {

    static final String NOT_READY = "{\"error\":\"not_ready\",\"message\":\"Gatehouse is starting or stopping and "
            + "stored nothing; please retry\"}";

    private final BooleanSupplier routesRunning;

    /** @param routesRunning true while the webhook routes take requests (Camel's context is started) */
    public WebhookAvailabilityFilter(BooleanSupplier routesRunning) {
        this.routesRunning = routesRunning;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (routesRunning.getAsBoolean()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", WebhookReplies.RETRY_AFTER_SECONDS);
        response.setContentType("application/json");
        byte[] body = NOT_READY.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
