package io.gatehouse.definitions;

import java.time.Duration;

/**
 * How a vendor proves that a webhook is its own, as its definition's {@code origin:} declares it.
 *
 * @param scheme             standard-webhooks, hmac or token
 * @param header             hmac: the header holding the signature; token: the header holding the token (or null)
 * @param signatureHeader    hmac: how the signature (and timestamp) are read out of the header
 * @param signedBeforeBody   hmac: what is signed before the body, {@code {timestamp}} standing for the timestamp
 * @param signedAfterBody    hmac: what is signed after the body
 * @param macAlgorithm       hmac: the JCA name, HmacSHA256 or HmacSHA1
 * @param encoding           hmac: how the signature is written
 * @param secretEncoding     how the configured secret becomes the key
 * @param timestampTolerance how far a signed timestamp may be from Gatehouse's clock; null when none is signed
 * @param tokenPrefix        token: what precedes the token in its header (e.g. {@code Bearer })
 * @param queryParameter     token: the query parameter that may carry the token instead (or null)
 */
public record OriginProof(Scheme scheme, String header, SignatureHeader signatureHeader, String signedBeforeBody,
                          String signedAfterBody, String macAlgorithm, Encoding encoding, SecretEncoding secretEncoding,
                          Duration timestampTolerance, String tokenPrefix, String queryParameter) {

    public enum Scheme {
        /** Svix / Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature (or svix-*), several v1,... */
        STANDARD_WEBHOOKS,
        /** An HMAC of the body (and perhaps a timestamp) in one header. */
        HMAC,
        /** No signature: a shared token in a header or the query, compared in constant time. */
        TOKEN
    }

    public enum Encoding { HEX, BASE64 }

    /** The secret as configured: used as it is (UTF-8), or base64 after an optional {@code whsec_}. */
    public enum SecretEncoding { TEXT, BASE64 }

    public boolean signsTimestamp() {
        return timestampTolerance != null;
    }
}
