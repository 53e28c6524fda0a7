package io.gatehouse.ingress;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** An HMAC over a sequence of byte parts: the vendors' signatures, and the signed webhooks Gatehouse sends. */
public final class Hmac {

    private Hmac() {
    }

    /** {@code algorithm} is a JCA name: HmacSHA256 or HmacSHA1. */
    public static byte[] sign(String algorithm, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(algorithm + " is unavailable or the key is empty", e);
        }
    }
}
