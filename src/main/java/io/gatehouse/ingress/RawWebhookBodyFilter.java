package io.gatehouse.ingress;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

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
 */
public class RawWebhookBodyFilter extends OncePerRequestFilter {

    /** Request attribute holding the exact body bytes. */
    public static final String RAW_BODY = "gatehouse.rawBody";
    /** Request attribute set when the body exceeds the limit; its value is the size seen or declared. */
    public static final String TOO_LARGE = "gatehouse.bodyTooLarge";

    private final long maxBodyBytes;

    public RawWebhookBodyFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = new byte[0];
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            request.setAttribute(TOO_LARGE, declared);
        } else {
            byte[] read = request.getInputStream().readNBytes((int) maxBodyBytes + 1);
            if (read.length > maxBodyBytes) {
                request.setAttribute(TOO_LARGE, (long) read.length);
            } else {
                body = read;
            }
        }
        request.setAttribute(RAW_BODY, body);
        chain.doFilter(new BodyReplayingRequest(request, body), response);
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
