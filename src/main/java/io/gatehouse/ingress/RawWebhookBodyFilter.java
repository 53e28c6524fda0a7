package io.gatehouse.ingress;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a webhook's body once, as bytes, before Camel sees the request, and keeps it as a request attribute.
 * <p>
 * Why: Camel 4.17's platform-http on Spring Boot reads bodies through a Reader (CAMEL-23320), which can change the
 * bytes a signature was computed over; and it reads the whole body into memory, whatever its size. Here the body is
 * read at most one byte past the configured limit, so an oversized request costs nothing and is answered 413 by the
 * ingress route.
 * <p>
 * A body that is not JSON is refused with 415 before anything reads it: Camel's HTTP binding would otherwise parse
 * a form body, fail on a bad escape with an HTML 500 and log the body. The body is read without blocking a thread
 * (Servlet asynchronous I/O), within a deadline: a client that sends it a byte at a time holds no Tomcat thread, and
 * is answered 408 when the deadline passes. Only a complete body goes on to Camel (an async dispatch).
 */
public class RawWebhookBodyFilter extends OncePerRequestFilter {

    /** Request attribute holding the exact body bytes. */
    public static final String RAW_BODY = "gatehouse.rawBody";
    /** Request attribute set when the body exceeds the limit; its value is the size seen or declared. */
    public static final String TOO_LARGE = "gatehouse.bodyTooLarge";

    /** Bytes read at a time; a webhook is usually smaller. */
    private static final int CHUNK = 4096;

    private final long maxBodyBytes;
    private final Duration bodyReadTimeout;
    private final Map<String, String> vendorsByPath;
    private final WebhookReplies replies;

    public RawWebhookBodyFilter(long maxBodyBytes, Duration bodyReadTimeout, Map<String, String> vendorsByPath,
                                WebhookReplies replies) {
        this.maxBodyBytes = maxBodyBytes;
        this.bodyReadTimeout = bodyReadTimeout;
        this.vendorsByPath = Map.copyOf(vendorsByPath);
        this.replies = replies;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;   // the async dispatch after the body is read must see it too
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] read = (byte[]) request.getAttribute(RAW_BODY);
        if (read != null) {
            chain.doFilter(new BodyReplayingRequest(request, read), response);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            // the route answers 405; whatever body came stays unread
            request.setAttribute(RAW_BODY, new byte[0]);
            chain.doFilter(new BodyReplayingRequest(request, new byte[0]), response);
            return;
        }
        if (!WebhookRequestGuard.isJson(request.getContentType())) {
            replies.refuse(response, vendor(request), new WebhookRejection(415, "unsupported_media_type",
                    "the body must be sent as Content-Type application/json, not "
                            + (request.getContentType() == null ? "nothing" : "'" + request.getContentType() + "'")));
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes || declared == 0) {
            if (declared > 0) {
                request.setAttribute(TOO_LARGE, declared);
            }
            request.setAttribute(RAW_BODY, new byte[0]);
            chain.doFilter(new BodyReplayingRequest(request, new byte[0]), response);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(bodyReadTimeout.toMillis());
        BodyReader reader = new BodyReader(request, response, async, declared);
        async.addListener(reader);
        request.getInputStream().setReadListener(reader);
    }

    /** The vendor served at the path, for the metric's tag: one of those defined, never what the request says. */
    private String vendor(HttpServletRequest request) {
        return vendorsByPath.getOrDefault(request.getRequestURI(), "unknown");
    }

    /** Collects the body as it arrives, then dispatches the request on; or answers 408 when the deadline passes. */
    private final class BodyReader implements ReadListener, AsyncListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final AsyncContext async;
        private final ByteArrayOutputStream body;
        private final byte[] buffer = new byte[CHUNK];
        private final AtomicBoolean finished = new AtomicBoolean();

        BodyReader(HttpServletRequest request, HttpServletResponse response, AsyncContext async, long declared) {
            this.request = request;
            this.response = response;
            this.async = async;
            // grown as bytes arrive, never sized to what the client declares: a client that declares 256 KB and
            // sends nothing must not cost 256 KB
            this.body = new ByteArrayOutputStream(declared > 0 ? (int) Math.min(declared, CHUNK) : CHUNK);
        }

        @Override
        public void onDataAvailable() throws IOException {
            ServletInputStream in = request.getInputStream();
            while (!finished.get() && in.isReady() && !in.isFinished()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                body.write(buffer, 0, n);
                if (body.size() > maxBodyBytes) {
                    request.setAttribute(TOO_LARGE, (long) body.size());
                    dispatch(new byte[0]);
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            dispatch(body.toByteArray());
        }

        private void dispatch(byte[] bytes) {
            if (finished.compareAndSet(false, true)) {
                request.setAttribute(RAW_BODY, bytes);
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable error) {
            // the client went away or stopped sending: Tomcat's read timeout, or the deadline below
            refuseLate();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            refuseLate();
        }

        private void refuseLate() {
            if (finished.compareAndSet(false, true)) {
                try {
                    replies.refuse(response, vendor(request), new WebhookRejection(408, "request_timeout",
                            "the body did not arrive within " + bodyReadTimeout.toSeconds() + " s; nothing was stored"));
                } catch (IOException | RuntimeException e) {
                    // the client is gone: nobody to tell
                } finally {
                    async.complete();
                }
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
            refuseLate();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    /** Hands the bytes already read to whoever reads the request next. */
    private static final class BodyReplayingRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BodyReplayingRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    try {
                        return in.available() == 0;
                    } catch (IOException e) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }
            };
        }

        /**
         * Camel 4.17 reads through the Reader (CAMEL-23320); the route itself uses the bytes kept above. Its buffers
         * are sized to the body: an InputStreamReader in a default BufferedReader took 24 KB per request, a fifth of
         * all that ingress allocated (a flight recording at 1 000 webhooks a second).
         */
        @Override
        public BufferedReader getReader() {
            String text = new String(body, StandardCharsets.UTF_8);
            return new BufferedReader(new StringReader(text), Math.max(1, Math.min(text.length(), 8192)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
