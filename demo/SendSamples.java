import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends the sample webhooks of demo/samples/<vendor>/ to a Gatehouse started with the demo profile, signed the way
 * each vendor signs them, with the PUBLIC demo secrets of application-demo.yaml:
 * <ul>
 *   <li>Seam: Svix / Standard Webhooks headers svix-id, svix-timestamp and svix-signature
 *       ({@code v1,<base64 HMAC-SHA256 of id.timestamp.body>} with the base64 key after {@code whsec_});</li>
 *   <li>Verkada: {@code Verkada-Signature: <unix seconds>|<hex HMAC-SHA256 of body|unix seconds>};</li>
 *   <li>Tedee: it does not sign; the token registered in the webhook URL, {@code ?token=}.</li>
 * </ul>
 * Java 17, JDK only. Run from the repository root: {@code java demo/SendSamples.java [baseUrl]} (default
 * http://localhost:8080). Prints each answer; exits 1 if any is not 2xx.
 */
public class SendSamples {

    // the public demo values of application-demo.yaml: never use them anywhere else
    static final String SEAM_SECRET = "whsec_DemoSecretForTryingGatehouseOnlyNotForProduction";
    static final String VERKADA_SECRET = "demo-verkada-secret-not-for-production";
    static final String TEDEE_TOKEN = "demo-tedee-token-not-for-production";

    public static void main(String[] args) throws Exception {
        String baseUrl = (args.length > 0 ? args[0] : "http://localhost:8080").replaceAll("/+$", "");
        Path samples = Path.of("demo", "samples");
        if (!Files.isDirectory(samples)) {
            System.err.println("no " + samples.toAbsolutePath() + ": run this from the repository root, "
                    + "e.g. java demo/SendSamples.java " + baseUrl);
            System.exit(2);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int failures = 0;
        int duplicates = 0;
        for (String vendor : List.of("seam", "verkada", "tedee")) {
            for (Path sample : files(samples.resolve(vendor))) {
                byte[] body = Files.readAllBytes(sample);
                HttpRequest request = request(baseUrl, vendor, body);
                String outcome;
                boolean ok;
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    ok = response.statusCode() / 100 == 2;
                    duplicates += response.statusCode() == 200 ? 1 : 0;   // stored by an earlier run
                    outcome = response.statusCode() + " " + response.body();
                } catch (IOException e) {
                    ok = false;
                    outcome = "no answer (" + e.getClass().getSimpleName() + "): is Gatehouse running at " + baseUrl
                            + "?";
                }
                if (!ok) {
                    failures++;
                }
                System.out.printf("%-8s %-40s -> %s%n", vendor, sample.getFileName(), outcome);
            }
        }
        if (failures > 0) {
            System.out.println(failures + " sample(s) were not accepted; the answers above say why.");
            System.exit(1);
        }
        if (duplicates > 0) {
            System.out.println(duplicates + " sample(s) were stored by an earlier run (200 duplicate) and raise no "
                    + "new alert; stop Gatehouse and delete ./data/gatehouse-demo to start the trial afresh.");
        }
        System.out.println("All samples accepted. A forced door raises an alert: look for the WARN line "
                + "'ALERT [CRITICAL] Door forced open' in Gatehouse's console. The events: " + baseUrl
                + "/ (API token demo-api-token)");
    }

    static HttpRequest request(String baseUrl, String vendor, byte[] body) throws Exception {
        long now = Instant.now().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        switch (vendor) {
            case "seam" -> {
                String id = "msg_" + UUID.randomUUID();
                byte[] key = Base64.getDecoder().decode(SEAM_SECRET.substring("whsec_".length()));
                byte[] signed = concat((id + "." + now + ".").getBytes(StandardCharsets.UTF_8), body);
                request.uri(URI.create(baseUrl + "/webhooks/seam"))
                        .header("svix-id", id)
                        .header("svix-timestamp", String.valueOf(now))
                        .header("svix-signature", "v1," + Base64.getEncoder().encodeToString(hmac(key, signed)));
            }
            case "verkada" -> {
                byte[] signed = concat(body, ("|" + now).getBytes(StandardCharsets.UTF_8));
                String signature = HexFormat.of().formatHex(hmac(VERKADA_SECRET.getBytes(StandardCharsets.UTF_8),
                        signed));
                request.uri(URI.create(baseUrl + "/webhooks/verkada"))
                        .header("Verkada-Signature", now + "|" + signature);
            }
            case "tedee" -> request.uri(URI.create(baseUrl + "/webhooks/tedee?token=" + TEDEE_TOKEN));
            default -> throw new IllegalArgumentException(vendor);
        }
        return request.build();
    }

    static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    static byte[] hmac(byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }
}
