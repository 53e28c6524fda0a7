package io.gatehouse.enrich;

import java.time.ZoneId;

/**
 * What a vendor's API says about one of its ids: the name it shows, and for devices where it is (a location name
 * and time zone), when it knows them.
 */
public record VendorName(String name, String location, ZoneId zone) {
}
