import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The benchmark's client, a single Java file with no dependencies (compiled by bench/run with javac):
 * <ul>
 * <li>{@code sign FILE COUNT [tedee]} writes COUNT unique webhooks, signed now as Seam, Verkada and Tedee sign them,
 * one per line ({@code path TAB body TAB header TAB value ...}) for bench/wrk.lua and for {@code rate}; with
 * {@code tedee}, Tedee webhooks only (the floor phase, whose bench-only routes parse Tedee's payload);</li>
 * <li>{@code rate BASE_URL FILE RATE SECONDS OUT [PROBE_RATE PROBE_COUNT PROBE_SENT]} sends the webhooks of FILE on
 * an open-loop schedule of RATE per second (a slow reply never delays the next send, and each latency is counted
 * from the moment the request was due, so a stall shows in the percentiles instead of hiding), and meanwhile sends
 * alert probes: Verkada door_forced_open events, each for a door named by a unique marker, recording when each was
 * sent;</li>
 * <li>{@code e2e PROBE_SENT SLACK_ARRIVALS OUT} pairs each probe's send time with the time the Slack stub received
 * the alert that names its marker.</li>
 * </ul>
 * Results are written as {@code key=value} lines. Secrets come from the environment (BENCH_SEAM_SECRET,
 * BENCH_VERKADA_SECRET, BENCH_TEDEE_TOKEN), the ones bench/run starts Gatehouse with.
 */
public final class BenchClient {

    private static final String SEAM_SECRET = env("BENCH_SEAM_SECRET");
    private static final String VERKADA_SECRET = env("BENCH_VERKADA_SECRET");
    private static final String TEDEE_TOKEN = env("BENCH_TEDEE_TOKEN");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "sign" -> sign(Path.of(args[1]), Integer.parseInt(args[2]),
                    args.length > 3 && args[3].equals("tedee"));
            case "rate" -> rate(args);
            case "e2e" -> e2e(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    // ---- signed webhooks ------------------------------------------------------------------------------------

    /** One request as a vendor sends it. */
    record Signed(String path, String body, Map<String, String> headers) {
        String line() {
            StringBuilder line = new StringBuilder(path).append('\t').append(body);
            headers.forEach((name, value) -> line.append('\t').append(name).append('\t').append(value));
            return line.toString();
        }

        static Signed parse(String line) {
            String[] parts = line.split("\t");
            Map<String, String> headers = new HashMap<>();
            for (int i = 2; i + 1 < parts.length; i += 2) {
                headers.put(parts[i], parts[i + 1]);
            }
            return new Signed(parts[0], parts[1], headers);
        }
    }

    static void sign(Path file, int count, boolean tedeeOnly) throws IOException {
        String run = Long.toString(System.currentTimeMillis(), 36);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < count; i++) {
                Signed request = tedeeOnly ? tedeeLocked(run, i) : switch (i % 3) {
                    case 0 -> seamUnlock(run, i);
                    case 1 -> verkadaAccessGranted(run, i);
                    default -> tedeeLocked(run, i);
                };
                out.write(request.line());
                out.newLine();
            }
        }
    }

    /** Seam lock.unlocked: an event no shipped rule alerts on, the common case. */
    static Signed seamUnlock(String run, int i) {
        String now = Instant.now().toString();
        String body = "{\"event_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"lock.unlocked\","
                + "\"device_id\":\"bench-lock-" + (i % 50) + "\",\"workspace_id\":\"bench\",\"method\":\"keycode\","
                + "\"is_via_bluetooth\":false,\"is_via_nfc\":false,\"occurred_at\":\"" + now + "\","
                + "\"created_at\":\"" + now + "\",\"customer_key\":\"" + run + "\"}";
        String id = "msg_" + run + "_" + i;
        long ts = Instant.now().getEpochSecond();
        byte[] key = Base64.getDecoder().decode(SEAM_SECRET.substring(SEAM_SECRET.indexOf('_') + 1));
        String signature = Base64.getEncoder().encodeToString(
                hmac(key, (id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8)));
        return new Signed("/webhooks/seam", body, Map.of("Content-Type", "application/json", "svix-id", id,
                "svix-timestamp", Long.toString(ts), "svix-signature", "v1," + signature));
    }

    /** Verkada door_keycard_entered_accepted (access.granted), no alert. */
    static Signed verkadaAccessGranted(String run, int i) {
        return verkada(run, "door_keycard_entered_accepted", "bench-door-" + (i % 50), "Bench Door " + (i % 50));
    }

    /** Verkada door_forced_open for a door named by the marker: the shipped door-forced-open rule alerts on it. */
    static Signed verkadaForcedOpen(String run, String marker) {
        return verkada(run, "door_forced_open", marker, marker);
    }

    static Signed verkada(String run, String notification, String doorId, String doorName) {
        long now = Instant.now().getEpochSecond();
        String body = "{\"org_id\":\"bench-" + run + "\",\"webhook_type\":\"notification\",\"created_at\":" + now
                + ",\"webhook_id\":\"" + UUID.randomUUID() + "\",\"data\":{\"device_id\":\"bench-acu\","
                + "\"created\":" + now + ",\"notification_type\":\"" + notification + "\","
                + "\"device_type\":\"access_control\",\"door_id\":\"" + doorId + "\",\"input_value\":null,"
                + "\"aux_info\":null,\"user_info\":null,\"lockdown_info\":null,"
                + "\"door_info\":{\"acu_name\":\"Bench ACU\",\"acu_id\":\"bench-acu\",\"name\":\"" + doorName + "\"}}}";
        String signature = HexFormat.of().formatHex(hmac(VERKADA_SECRET.getBytes(StandardCharsets.UTF_8),
                (body + "|" + now).getBytes(StandardCharsets.UTF_8)));
        return new Signed("/webhooks/verkada", body,
                Map.of("Content-Type", "application/json", "Verkada-Signature", now + "|" + signature));
    }

    /** Tedee lock-status-changed to locked (state 6); unique by device, so never a duplicate. */
    static Signed tedeeLocked(String run, int i) {
        String now = Instant.now().toString();
        String body = "{\"event\":\"lock-status-changed\",\"timestamp\":\"" + now + "\",\"userIdentity\":\"bench-"
                + run + "\",\"data\":{\"deviceId\":" + (1_000_000 + i) + ",\"deviceType\":2,\"doorState\":0,"
                + "\"eventTime\":\"" + now + "\",\"state\":6}}";
        return new Signed("/webhooks/tedee?token=" + TEDEE_TOKEN, body, Map.of("Content-Type", "application/json"));
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- open-loop fixed rate, with alert probes --------------------------------------------------------------

    static void rate(String[] args) throws Exception {
        String base = args[1];
        List<Signed> requests = Files.readAllLines(Path.of(args[2])).stream().map(Signed::parse).toList();
        double perSecond = Double.parseDouble(args[3]);
        double seconds = Double.parseDouble(args[4]);
        Path out = Path.of(args[5]);
        int total = (int) Math.min(requests.size(), Math.round(perSecond * seconds));
        if (total < Math.round(perSecond * seconds)) {
            System.err.println("only " + requests.size() + " signed requests for " + Math.round(perSecond * seconds));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        Thread probes = null;
        if (args.length > 8) {
            double probeRate = Double.parseDouble(args[6]);
            int probeCount = Integer.parseInt(args[7]);
            Path probeFile = Path.of(args[8]);
            HttpClient probeHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String run = Long.toString(System.currentTimeMillis(), 36);
            probes = new Thread(() -> sendProbes(probeHttp, base, run, probeRate, probeCount, probeFile));
            probes.start();
        }

        long[] latency = new long[total];
        Arrays.fill(latency, Long.MAX_VALUE);       // unanswered when the wait ends: counted as infinitely slow
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long period = (long) (1_000_000_000L / perSecond);
        long start = System.nanoTime();
        AtomicLong maxBehind = new AtomicLong();
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 200_000));
            }
            maxBehind.accumulateAndGet(-wait, Math::max);
            int index = i;
            http.sendAsync(request(base, requests.get(i)), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        latency[index] = System.nanoTime() - due;
                        if (error != null) {
                            errors.incrementAndGet();
                        } else {
                            statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        }
                        done.countDown();
                    });
        }
        long sentIn = System.nanoTime() - start;
        done.await(60, TimeUnit.SECONDS);
        if (probes != null) {
            probes.join();
        }
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        try (PrintWriter result = new PrintWriter(Files.newBufferedWriter(out))) {
            result.printf(Locale.ROOT, "requests=%d%n", total);
            result.printf(Locale.ROOT, "offered_rate=%.0f%n", perSecond);
            result.printf(Locale.ROOT, "achieved_rate=%.0f%n", total / (sentIn / 1e9));
            result.printf(Locale.ROOT, "accepted=%d%n", statuses.getOrDefault(202, new AtomicInteger()).get());
            result.printf(Locale.ROOT, "statuses=%s%n", statuses);
            result.printf(Locale.ROOT, "errors=%d%n", errors.get());
            result.printf(Locale.ROOT, "unanswered=%d%n", done.getCount());
            result.printf(Locale.ROOT, "max_behind_schedule_ms=%.1f%n", maxBehind.get() / 1e6);
            result.printf(Locale.ROOT, "p50_ms=%.2f%n", percentile(sorted, 50));
            result.printf(Locale.ROOT, "p99_ms=%.2f%n", percentile(sorted, 99));
            result.printf(Locale.ROOT, "p999_ms=%.2f%n", percentile(sorted, 99.9));
            result.printf(Locale.ROOT, "max_ms=%.2f%n", percentile(sorted, 100));
        }
    }

    static void sendProbes(HttpClient http, String base, String run, double perSecond, int count, Path file) {
        long period = (long) (1_000_000_000L / perSecond);
        long start = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<?>> replies = new ArrayList<>();
        try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(file))) {
            for (int i = 0; i < count; i++) {
                long due = start + i * period;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                String marker = "bench-probe-" + run + "-" + i;
                long sentAt = System.currentTimeMillis();
                replies.add(http.sendAsync(request(base, verkadaForcedOpen(run, marker)),
                        HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                            if (response != null && response.statusCode() == 202) {
                                synchronized (log) {
                                    log.println(marker + " " + sentAt);
                                }
                            } else {
                                System.err.println("probe " + marker + " not accepted: "
                                        + (response != null ? response.statusCode() : error));
                            }
                        }));
            }
            java.util.concurrent.CompletableFuture.allOf(replies.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .exceptionally(error -> null).get(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            System.err.println("probes unanswered after 60 s: " + e);
        }
    }

    static HttpRequest request(String base, Signed signed) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + signed.path()))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(signed.body(), StandardCharsets.UTF_8));
        signed.headers().forEach(request::header);
        return request.build();
    }

    // ---- webhook to Slack ------------------------------------------------------------------------------------

    static void e2e(Path sentFile, Path arrivalsFile, Path out) throws IOException {
        Map<String, Long> sent = new HashMap<>();
        for (String line : Files.readAllLines(sentFile)) {
            String[] parts = line.split(" ");
            sent.put(parts[0], Long.parseLong(parts[1]));
        }
        List<Long> latencies = new ArrayList<>();
        for (String line : Files.readAllLines(arrivalsFile)) {
            String[] parts = line.split(" ");
            Long sentAt = sent.remove(parts[0]);
            if (sentAt != null) {
                latencies.add(Long.parseLong(parts[1]) - sentAt);
            }
        }
        long[] sorted = latencies.stream().mapToLong(ms -> ms * 1_000_000).sorted().toArray();
        try (PrintWriter result = new PrintWriter(Files.newBufferedWriter(out))) {
            result.printf(Locale.ROOT, "probes=%d%n", latencies.size() + sent.size());
            result.printf(Locale.ROOT, "alerted=%d%n", latencies.size());
            result.printf(Locale.ROOT, "e2e_p50_ms=%.0f%n", percentile(sorted, 50));
            result.printf(Locale.ROOT, "e2e_p99_ms=%.0f%n", percentile(sorted, 99));
            result.printf(Locale.ROOT, "e2e_max_ms=%.0f%n", sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        }
    }

    /** The nearest-rank percentile of sorted nanoseconds, in milliseconds. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        long value = sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        return value == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : value / 1e6;
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }
}
