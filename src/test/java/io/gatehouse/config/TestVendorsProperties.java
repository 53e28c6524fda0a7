package io.gatehouse.config;

import java.time.Duration;

import io.gatehouse.config.VendorsProperties.SignedVendor;
import io.gatehouse.config.VendorsProperties.TokenVendor;

/** VendorsProperties as application.yaml makes them (verified, no secrets), with one source replaced per test. */
public final class TestVendorsProperties {

    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private TestVendorsProperties() {
    }

    public static SignedVendor signed(String secret) {
        return new SignedVendor(secret, true, TOLERANCE);
    }

    public static SignedVendor unverified() {
        return new SignedVendor(null, false, TOLERANCE);
    }

    public static VendorsProperties withSeam(SignedVendor seam) {
        return new VendorsProperties(seam, signed(null), new TokenVendor(null, true));
    }

    public static VendorsProperties withVerkada(SignedVendor verkada) {
        return new VendorsProperties(signed(null), verkada, new TokenVendor(null, true));
    }

    public static VendorsProperties withTedee(TokenVendor tedee) {
        return new VendorsProperties(signed(null), signed(null), tedee);
    }

    /** Every source with the given secret or token, verified or not. */
    public static VendorsProperties of(String seamSecret, String verkadaSecret, String tedeeToken, boolean verify) {
        return new VendorsProperties(new SignedVendor(seamSecret, verify, TOLERANCE),
                new SignedVendor(verkadaSecret, verify, TOLERANCE), new TokenVendor(tedeeToken, verify));
    }
}
