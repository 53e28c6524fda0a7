package io.gatehouse.config;

import java.time.Duration;
import java.util.Map;

import org.springframework.util.unit.DataSize;

import io.gatehouse.config.GatehouseProperties.Api;
import io.gatehouse.config.GatehouseProperties.Events;
import io.gatehouse.config.GatehouseProperties.Ingress;
import io.gatehouse.config.GatehouseProperties.SignedVendor;
import io.gatehouse.config.GatehouseProperties.TokenVendor;
import io.gatehouse.config.GatehouseProperties.Vendors;

/** GatehouseProperties as the application.yaml defaults make them, with one part replaced per test. */
public final class TestGatehouseProperties {

    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private TestGatehouseProperties() {
    }

    public static SignedVendor signed(String secret) {
        return new SignedVendor(secret, true, TOLERANCE);
    }

    public static SignedVendor unverified() {
        return new SignedVendor(null, false, TOLERANCE);
    }

    public static GatehouseProperties withSeam(SignedVendor seam) {
        return of(new Vendors(seam, signed(null), new TokenVendor(null, true)), 20);
    }

    public static GatehouseProperties withVerkada(SignedVendor verkada) {
        return of(new Vendors(signed(null), verkada, new TokenVendor(null, true)), 20);
    }

    public static GatehouseProperties withTedee(TokenVendor tedee) {
        return of(new Vendors(signed(null), signed(null), tedee), 20);
    }

    public static GatehouseProperties withBatteryLowBelow(int percent) {
        return of(new Vendors(signed(null), signed(null), new TokenVendor(null, true)), percent);
    }

    private static GatehouseProperties of(Vendors vendors, int batteryLowBelow) {
        return new GatehouseProperties(new Ingress(DataSize.ofKilobytes(256), java.time.Duration.ofSeconds(10)),
                vendors, new Api(null, 50, 500),
                new Events(Map.of(), batteryLowBelow));
    }
}
