package io.gatehouse.support;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.util.function.ThrowingConsumer;

/**
 * One route of the real {@code routes/} YAML in a bare Camel context, for the route tests of a content-based router:
 * no Spring, no HTTP, no database. The route's beans are the test's stubs; its error handling (routes/errors.camel.yaml)
 * is left out, so that a failure in the route fails the test.
 */
public final class YamlRoute {

    private YamlRoute() {
    }

    /** The route {@code routeId} of {@code file} (a path under routes/), advised by the test, not yet started. */
    public static CamelContext load(String file, String routeId, Map<String, Object> beans,
                                    ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice) throws Exception {
        return load(file, routeId, beans, Map.of(), advice);
    }

    /** As above, with the values of the {@code {{…}}} placeholders the route names. */
    public static CamelContext load(String file, String routeId, Map<String, Object> beans,
                                    Map<String, String> placeholders,
                                    ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        placeholders.forEach(context.getPropertiesComponent()::addInitialProperty);
        context.getCamelContextExtension().getContextPlugin(Model.class).setRouteFilterPattern(routeId, null);
        beans.forEach(context.getRegistry()::bind);
        context.addRoutesConfigurations(new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                // the ids the routes name; empty, so that nothing is handled behind the test's back
                routeConfiguration("webhook-errors");
                routeConfiguration("normalize-errors");
                routeConfiguration("sweep-errors");
            }
        });
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/" + file));
        AdviceWith.adviceWith(context, routeId, advice);
        return context;
    }
}
