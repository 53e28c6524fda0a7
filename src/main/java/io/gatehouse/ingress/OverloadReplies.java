package io.gatehouse.ingress;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * platform-http hands every request to Spring's task executor, whose queue is bounded
 * ({@code spring.task.execution.pool.queue-capacity}) so that a burst beyond what Gatehouse can store fills neither
 * the heap nor the vendors' timeouts. A request the full queue refuses is answered at once with 503 and
 * Retry-After: nothing was stored, and the vendor retries it.
 */
@RestControllerAdvice
public class OverloadReplies {

    private static final Logger LOG = LoggerFactory.getLogger(OverloadReplies.class);

    @ExceptionHandler(RejectedExecutionException.class)
    public ResponseEntity<Map<String, String>> overloaded(RejectedExecutionException refused) {
        LOG.warn("request refused with 503: every worker is busy and the queue is full");
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", "overloaded");
        body.put("message", "Gatehouse is at capacity and stored nothing; please retry");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                .header("Retry-After", WebhookReplies.RETRY_AFTER_SECONDS).body(body);
    }
}
