package io.gatehouse.definitions;

import java.util.List;

/** A vendor definition that cannot work: stops start-up, naming the file, the field and what is wrong. */
public class VendorDefinitionException extends RuntimeException {

    public VendorDefinitionException(List<String> problems) {
        super("Vendor definitions with mistakes (docs/vendors.md#definition-files):\n  " + String.join("\n  ", problems));
    }
}
