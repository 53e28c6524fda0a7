package io.gatehouse.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets the browser security headers on every answer, before anything else can answer (a 401 included). The events
 * console shows attacker-influenced text (door and person names from webhooks), so its page may run only its own
 * script and style (console.js sets all event text with textContent and has no inline code or style), connect only
 * to Gatehouse, and not be framed by another site; {@code frame-ancestors} has effect only as a header, which is
 * why the policy is not a meta tag of index.html.
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        // for browsers that do not know frame-ancestors
        response.setHeader("X-Frame-Options", "DENY");
        chain.doFilter(request, response);
    }
}
