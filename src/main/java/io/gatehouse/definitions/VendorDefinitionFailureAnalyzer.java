package io.gatehouse.definitions;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start-up stopped by vendor definitions says which files and fields are wrong, not a stack trace. */
public class VendorDefinitionFailureAnalyzer extends AbstractFailureAnalyzer<VendorDefinitionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, VendorDefinitionException cause) {
        return new FailureAnalysis(cause.getMessage(), "Correct the vendor definitions named above: "
                + "docs/vendors.md#definition-files-adding-a-vendor describes every field.", cause);
    }
}
