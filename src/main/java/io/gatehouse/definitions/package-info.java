/**
 * The vendor definitions: one YAML file per vendor (vendor-definitions/ in the jar, and the operator's
 * {@code gatehouse.vendors-dir}) holding that vendor's endpoint, proof of origin, de-duplication key, type table and
 * field mappings, read and checked at start-up into {@link io.gatehouse.definitions.VendorCatalog}.
 */
package io.gatehouse.definitions;
