package io.gatehouse.ingress;

import java.time.Clock;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/**
 * First step of every ingress route: refuses a request that is not a JSON POST within the size limit, and puts the
 * exact bytes received in the body, where the signature verifier expects them.
 */
@Component
public class WebhookRequestGuard {

    private final Clock clock;

    public WebhookRequestGuard(Clock clock) {
        this.clock = clock;
    }

    public void check(Exchange exchange) {
        HttpServletRequest request = exchange.getIn(PlatformHttpMessage.class).getRequest();
        if (!"POST".equals(request.getMethod())) {
            throw new WebhookRejection(405, "method_not_allowed",
                    "webhooks are delivered with POST, not " + request.getMethod());
        }
        Object tooLarge = request.getAttribute(RawWebhookBodyFilter.TOO_LARGE);
        if (tooLarge != null) {
            throw new WebhookRejection(413, "payload_too_large",
                    "the body is larger than gatehouse.ingress.max-body-size allows");
        }
        if (!isJson(request.getContentType())) {
            throw new WebhookRejection(415, "unsupported_media_type",
                    "the body must be sent as Content-Type application/json, not "
                            + (request.getContentType() == null ? "nothing" : "'" + request.getContentType() + "'"));
        }
        byte[] body = (byte[]) request.getAttribute(RawWebhookBodyFilter.RAW_BODY);
        if (body == null) {
            throw new IllegalStateException("RawWebhookBodyFilter did not run for " + request.getRequestURI());
        }
        exchange.setProperty(IngressExchange.RAW_BODY, body);
        exchange.setProperty(IngressExchange.RECEIVED_AT, clock.instant());
        exchange.getIn().setBody(body);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
