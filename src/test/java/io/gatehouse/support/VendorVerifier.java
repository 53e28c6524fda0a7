package io.gatehouse.support;

import java.time.Clock;

import org.apache.camel.Exchange;

import io.gatehouse.definitions.VendorsProperties;
import io.gatehouse.ingress.IngressExchange;
import io.gatehouse.ingress.OriginVerifier;

/** The origin check of one shipped vendor, as its ingress route runs it (the route names the vendor first). */
public record VendorVerifier(String vendor, OriginVerifier verifier) {

    public static VendorVerifier of(String vendor, VendorsProperties properties, Clock clock) {
        return new VendorVerifier(vendor, new OriginVerifier(VendorFixtures.catalog(properties), properties, clock));
    }

    public void verify(Exchange exchange) {
        exchange.setProperty(IngressExchange.VENDOR, vendor);
        verifier.verify(exchange);
    }
}
