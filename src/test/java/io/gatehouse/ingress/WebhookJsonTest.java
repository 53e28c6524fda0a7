package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the ingress accepts as a webhook's JSON, after the signature is verified. */
class WebhookJsonTest {

    private final WebhookJson json = new WebhookJson();

    @Test
    void dropsALeadingUtf8BomFromTheBodyAndTheRawBytes() throws Exception {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Exchange exchange = TestExchanges.webhook(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body));

        json.check(exchange);

        assertThat(exchange.getProperty(IngressExchange.RAW_BODY, byte[].class)).isEqualTo(body);
        assertThat(exchange.getIn().getBody(byte[].class)).isEqualTo(body);
    }

    @Test
    void keepsABodyWithoutBomAsItIs() throws Exception {
        byte[] body = " {\"a\": \"\uFEFF in a value\"}\n".getBytes(StandardCharsets.UTF_8);
        Exchange exchange = TestExchanges.webhook(body);

        json.check(exchange);

        assertThat(exchange.getProperty(IngressExchange.RAW_BODY, byte[].class)).isSameAs(body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}garbage", "{\"a\":1}{\"a\":1}", "{\"a\":1} 2", "{\"a\":1}]"})
    void refusesDataAfterTheJsonValue(String body) {
        assertThatThrownBy(() -> json.check(TestExchanges.webhook(body.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfAny(WebhookRejection.class, JsonProcessingException.class);
    }

    @Test
    void refusesAKeyTwiceInOneObjectAtAnyDepth() {
        for (String body : new String[] {"{\"a\":1,\"a\":2}", "{\"data\":{\"b\":1,\"c\":2,\"b\":3}}"}) {
            assertThatThrownBy(() -> json.check(TestExchanges.webhook(body.getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate field");
        }
    }

    @Test
    void acceptsTheSameKeyInDifferentObjects() throws Exception {
        json.check(TestExchanges.webhook("{\"a\":{\"id\":1},\"b\":{\"id\":2}}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsNestingUpToTheLimitAndRefusesOneLevelMore() throws Exception {
        json.check(TestExchanges.webhook(nested(WebhookJson.MAX_DEPTH)));

        assertThatThrownBy(() -> json.check(TestExchanges.webhook(nested(WebhookJson.MAX_DEPTH + 1))))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("nesting depth");
    }

    private static byte[] nested(int depth) {
        return ("{\"a\":".repeat(depth - 1) + "[1]" + "}".repeat(depth - 1)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
