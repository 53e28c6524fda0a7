package io.gatehouse.enrich;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A vendor's API as a source of names, implemented in the vendor's package and named by the vendor definitions
 * that use it ({@code directory: seam}). A lookup completes empty when the
 * vendor does not know the id, and exceptionally when the API fails (that is not cached, and marks the event
 * {@code failed}).
 */
public interface VendorDirectoryApi {

    /** The name vendor definitions give it in {@code directory:}. */
    String name();

    /** Whether an API key is configured; without one Gatehouse never calls the API. */
    boolean configured();

    CompletableFuture<Optional<VendorName>> device(String deviceId);

    /** An access code's name; vendors without access codes in their webhooks know none. */
    default CompletableFuture<Optional<VendorName>> accessCode(String accessCodeId) {
        return CompletableFuture.completedFuture(Optional.empty());
    }
}
