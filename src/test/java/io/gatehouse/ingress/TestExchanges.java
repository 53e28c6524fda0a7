package io.gatehouse.ingress;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/** Exchanges as an ingress route hands them to its verifier: the raw body in place, HTTP headers added by the test. */
public final class TestExchanges {

    /**
     * Initialised (not started) so that messages get Camel's case-insensitive header map, as they do in the
     * running application; an uninitialised context gives a plain HashMap.
     */
    private static final CamelContext CAMEL = initialised();

    private TestExchanges() {
    }

    public static Exchange webhook(byte[] rawBody) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.setProperty(IngressExchange.RAW_BODY, rawBody);
        exchange.getIn().setBody(rawBody);
        return exchange;
    }

    private static CamelContext initialised() {
        DefaultCamelContext context = new DefaultCamelContext();
        context.init();
        return context;
    }
}
