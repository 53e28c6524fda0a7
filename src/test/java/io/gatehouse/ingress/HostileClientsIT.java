package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseProcess;
import io.gatehouse.support.SignedWebhooks;

/**
 * Clients that do not play by the rules, against the packaged jar over real sockets: connections opened and left
 * silent, uploads that send their body a byte at a time, and requests that are not valid HTTP. Vendors must still
 * be answered at once, and every answer is JSON.
 */
class HostileClientsIT {

    /** Silent connections: with the slow uploads, more than the 1 000 connections Tomcat used to take. */
    static final int IDLE_CONNECTIONS = 900;
    /** Uploads that drip their body: more than Tomcat's 200 request threads, which reading a body used to hold. */
    static final int SLOW_UPLOADS = 220;
    static final Duration DRIP_INTERVAL = Duration.ofSeconds(3);
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDir;

    static GatehouseProcess gatehouse;

    @BeforeAll
    static void start() {
        gatehouse = new GatehouseProcess(workDir, List.of()).start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (gatehouse != null) {
            gatehouse.kill();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void answersSignedWebhooksWithinTwoSecondsWhileSlowClientsHoldConnections() throws Exception {
        List<Socket> slowUploads = new ArrayList<>();
        List<Socket> idle = new ArrayList<>();
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < SLOW_UPLOADS; i++) {
                Socket upload = connect();
                if (upload != null) {
                    upload.getOutputStream().write(("POST /webhooks/seam HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
                    slowUploads.add(upload);
                }
            }
            drip.scheduleAtFixedRate(() -> slowUploads.forEach(HostileClientsIT::sendOneByte),
                    DRIP_INTERVAL.toMillis(), DRIP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < IDLE_CONNECTIONS; i++) {
                Socket silent = connect();
                if (silent != null) {
                    idle.add(silent);
                }
            }

            List<Duration> answerTimes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Instant sent = Instant.now();
                int status = signedWebhook("slow-clients-" + i);
                Duration took = Duration.between(sent, Instant.now());
                answerTimes.add(took);
                assertThat(status).as("webhook %d answered within %s (took %s)", i, ANSWER_WITHIN, took)
                        .isEqualTo(202);
            }
            assertThat(answerTimes).allMatch(took -> took.compareTo(ANSWER_WITHIN) <= 0);
            System.out.printf("signed webhooks answered in %s while %d connections were silent and %d uploads "
                    + "dripped%n", answerTimes, idle.size(), slowUploads.size());

            // the slow uploads are answered 408 once gatehouse.ingress.body-read-timeout (10 s) has passed
            String late = readResponse(slowUploads.get(0), Duration.ofSeconds(20));
            assertThat(late).startsWith("HTTP/1.1 408");
            assertThat(json(late).get("error").asText()).isEqualTo("request_timeout");
        } finally {
            drip.shutdownNow();
            closeAll(slowUploads);
            closeAll(idle);
        }
    }

    @Test
    void answersRequestsThatAreNotValidHttpWithJson() throws Exception {
        List<String> malformed = List.of(
                "GARBAGE\r\n\r\n",
                "GET /webhooks/seam?a=\u0001 HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "POST /webhooks/seam HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n",
                "POST /webhooks/seam HTTP/1.1\r\nHost: localhost\r\nX-Note: \u0001\r\n\r\n",
                "POST /webhooks/seam HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: bogus\r\n\r\n",
                "GET / HTTP/9.9\r\nHost: localhost\r\n\r\n",
                "FOO /webhooks/seam HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        for (String request : malformed) {
            String response;
            try (Socket socket = connect()) {
                assertThat(socket).isNotNull();
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                response = readResponse(socket, Duration.ofSeconds(10));
            }

            String shown = request.replace("\r\n", "\\r\\n");
            int status = Integer.parseInt(response.substring(9, 12));
            assertThat(status).as("status for %s", shown).isBetween(400, 599);
            assertThat(header(response, "Content-Type")).as("content type for %s", shown)
                    .startsWith("application/json");
            assertThat(json(response).get("error").asText()).as("error for %s", shown).isNotBlank();
        }
    }

    private static int signedWebhook(String doorId) {
        String body = Fixtures.verkadaRemoteUnlock(doorId);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + gatehouse.port() + "/webhooks/verkada"))
                .timeout(ANSWER_WITHIN)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        SignedWebhooks.verkadaHeaders(body.getBytes(StandardCharsets.UTF_8), SignedWebhooks.VERKADA_SECRET,
                Instant.now().getEpochSecond()).forEach(request::header);
        // a new client each time: a new connection, as a vendor's delivery opens
        HttpClient client = HttpClient.newBuilder().connectTimeout(ANSWER_WITHIN).build();
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return -1;   // not answered in time (or not connected): the assertion says which webhook
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A connection, or null when the server's backlog is full (as today's code let it be). */
    private static Socket connect() {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("localhost", gatehouse.port()), 1000);
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            return null;
        }
    }

    private static void sendOneByte(Socket socket) {
        try {
            socket.getOutputStream().write(' ');
            socket.getOutputStream().flush();
        } catch (IOException e) {
            // the server closed it: nothing more to drip
        }
    }

    /** Everything the server sends until it closes the connection (or the wait is over). */
    private static String readResponse(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        InputStream in = socket.getInputStream();
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // what came so far
        } catch (IOException e) {
            // reset after the answer
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    private static String header(String response, String name) {
        String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
        return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
                .map(line -> line.substring(name.length() + 1).trim()).findFirst().orElse("");
    }

    /** The body of a raw response, chunked or not, as JSON. */
    private static JsonNode json(String response) throws IOException {
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        if (header(response, "Transfer-Encoding").equalsIgnoreCase("chunked")) {
            StringBuilder joined = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    break;
                }
                joined.append(body, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
            body = joined.toString();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response, e);
        }
    }

    private static void closeAll(List<Socket> sockets) {
        sockets.forEach(HostileClientsIT::closeQuietly);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
