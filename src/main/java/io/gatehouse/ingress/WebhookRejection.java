package io.gatehouse.ingress;

/** A webhook request refused with an HTTP status, a stable error code and a message saying what is wrong. */
public class WebhookRejection extends RuntimeException {

    private final int status;
    private final String code;

    public WebhookRejection(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static WebhookRejection unauthorized(String code, String message) {
        return new WebhookRejection(401, code, message);
    }

    public static WebhookRejection badRequest(String code, String message) {
        return new WebhookRejection(400, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
