package io.gatehouse.ingress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Bodies an attacker (or a broken vendor) may send, generated from a fixed seed so that a failure reproduces:
 * random bytes, invalid UTF-8, truncated and bit-flipped JSON, deep nesting, numbers out of range, wrong types,
 * a byte order mark, data after the JSON value and a key twice.
 */
final class HostileInput {

    private HostileInput() {
    }

    static List<byte[]> bodies(String validJson, int count, long seed) {
        Random random = new Random(seed);
        byte[] valid = validJson.getBytes(StandardCharsets.UTF_8);
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(new byte[0]);
        bodies.add("null".getBytes(StandardCharsets.UTF_8));
        bodies.add("[]".getBytes(StandardCharsets.UTF_8));
        bodies.add("\"just a string\"".getBytes(StandardCharsets.UTF_8));
        bodies.add(("[".repeat(20_000) + "]".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)).getBytes(StandardCharsets.UTF_8));
        bodies.add(new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.add(validJson.replace("\"created\":1692131000", "\"created\":1e400").getBytes(StandardCharsets.UTF_8));
        bodies.add(validJson.replace("\"created\":1692131000", "\"created\":99999999999999999999999")
                .getBytes(StandardCharsets.UTF_8));
        bodies.add(validJson.replace("\"created\":1692131000", "\"created\":\"yesterday\"")
                .getBytes(StandardCharsets.UTF_8));
        bodies.add(validJson.replace("\"door_info\":null", "\"door_info\":[1,2,3]").getBytes(StandardCharsets.UTF_8));
        bodies.add(validJson.replace("\"data\":{", "\"data\":[{").replace("}}", "}]}").getBytes(StandardCharsets.UTF_8));
        // a BOM before valid JSON (accepted, stored without it), data after the value, a key twice
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] withBom = java.util.Arrays.copyOf(bom, bom.length + valid.length);
        System.arraycopy(valid, 0, withBom, bom.length, valid.length);
        bodies.add(withBom);
        bodies.add((validJson + "garbage").getBytes(StandardCharsets.UTF_8));
        bodies.add(validJson.replaceFirst("\\{", "{\"data\":null,").getBytes(StandardCharsets.UTF_8));
        while (bodies.size() < count) {
            switch (random.nextInt(3)) {
                case 0 -> {
                    byte[] noise = new byte[1 + random.nextInt(2048)];
                    random.nextBytes(noise);
                    bodies.add(noise);
                }
                case 1 -> bodies.add(java.util.Arrays.copyOf(valid, random.nextInt(valid.length)));
                default -> {
                    byte[] flipped = valid.clone();
                    for (int i = 0; i < 1 + random.nextInt(4); i++) {
                        flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
                    }
                    bodies.add(flipped);
                }
            }
        }
        return bodies;
    }
}
