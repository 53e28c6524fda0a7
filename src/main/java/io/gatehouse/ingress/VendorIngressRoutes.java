package io.gatehouse.ingress;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.gatehouse.definitions.VendorCatalog;
import io.gatehouse.definitions.VendorDefinition;

/**
 * One route of the template {@code webhook-ingress} (routes/ingress/webhook.camel.yaml) per vendor definition, so
 * that a vendor added as a file, without Java or a rebuild, has its endpoint: the YAML equivalent of a
 * {@code templatedRoute} per vendor, written from the definitions found at start-up.
 */
@Component
public class VendorIngressRoutes extends RouteBuilder {

    private final VendorCatalog catalog;

    public VendorIngressRoutes(VendorCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void configure() {
        for (VendorDefinition vendor : catalog.all()) {
            templatedRoute("webhook-ingress")
                    .routeId(vendor.name() + "-ingress")
                    .parameter("vendor", vendor.name())
                    .parameter("path", vendor.path());
        }
    }
}
