package io.gatehouse.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.gatehouse.definitions.VendorsProperties;
import io.gatehouse.definitions.VendorsProperties.VendorSettings;

/** VendorsProperties as application.yaml makes them (verified, no secrets), with one vendor's settings per test. */
public final class TestVendorsProperties {

    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private TestVendorsProperties() {
    }

    public static VendorSettings signed(String secret) {
        return new VendorSettings(secret == null ? List.of() : List.of(secret), true, TOLERANCE);
    }

    /** A vendor proving itself with a shared token (no timestamp). */
    public static VendorSettings token(String token, boolean verify) {
        return new VendorSettings(list(token), verify, null);
    }

    public static VendorSettings unverified() {
        return new VendorSettings(List.of(), false, TOLERANCE);
    }

    public static VendorsProperties withSeam(VendorSettings seam) {
        return new VendorsProperties(Map.of("seam", seam), null);
    }

    public static VendorsProperties withVerkada(VendorSettings verkada) {
        return new VendorsProperties(Map.of("verkada", verkada), null);
    }

    public static VendorsProperties withTedee(VendorSettings tedee) {
        return new VendorsProperties(Map.of("tedee", tedee), null);
    }

    /** Every vendor with the given secret, verified or not. */
    public static VendorsProperties of(String seamSecret, String verkadaSecret, String tedeeToken, boolean verify) {
        return new VendorsProperties(Map.of(
                "seam", new VendorSettings(list(seamSecret), verify, TOLERANCE),
                "verkada", new VendorSettings(list(verkadaSecret), verify, TOLERANCE),
                "tedee", new VendorSettings(list(tedeeToken), verify, null)), null);
    }

    private static List<String> list(String secret) {
        return secret == null ? List.of() : List.of(secret);
    }
}
