package io.gatehouse.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The expressions of vendor definitions: plain paths walked as JSONata reads them, shared safely between threads. */
class PayloadExpressionTest {

    static final Object PAYLOAD = parse("""
            {"event":"lock","data":{"deviceId":1234567890123,"name":"Front","state":6,"ok":true,"none":null,
             "items":[{"id":"a"},{"id":"b"}],"ratio":0.25}}""");

    @ParameterizedTest
    @ValueSource(strings = {"event", "data.deviceId", "data.name", "data.state", "data.ok", "data.none",
            "data.missing", "data.name.deeper", "data.items.id", "data.ratio", "data", "nothing.at.all"})
    void walksAPlainPathToWhatJsonataAnswers(String path) {
        PayloadExpression walked = PayloadExpression.parse(path, Map.of());
        PayloadExpression jsonata = PayloadExpression.parse("(" + path + ")", Map.of());   // no longer a plain path

        assertThat(walked.paths()).isNotNull();
        assertThat(jsonata.paths()).isNull();
        assertThat(walked.text(PAYLOAD)).isEqualTo(jsonata.text(PAYLOAD));
        assertThat(walked.test(PAYLOAD)).isEqualTo(jsonata.test(PAYLOAD));
    }

    @Test
    void readsAListOfPlainPathsAsTheValuesFoundKeepingLargeWholeNumbersExact() {
        PayloadExpression candidates = PayloadExpression.parse("[data.missing, data.deviceId, event]", Map.of());
        Object big = parse("{\"created\":30000000000000001}");

        assertThat(candidates.list()).isTrue();
        assertThat(candidates.evaluate(PAYLOAD)).isEqualTo(List.of(1234567890123L, "lock"));
        assertThat(PayloadExpression.parse("[created]", Map.of()).evaluate(big)).isEqualTo(List.of(30000000000000001L));
        assertThat(PayloadExpression.parse("[data.items.id, event]", Map.of()).evaluate(PAYLOAD))
                .isEqualTo(List.of("a", "b", "lock"));   // a path through a list: JSONata's answer
    }

    @Test
    void readsNumbersAsTextWithoutANeedlessFraction() {
        assertThat(PayloadExpression.parse("data.deviceId", Map.of()).text(PAYLOAD)).isEqualTo("1234567890123");
        assertThat(PayloadExpression.parse("data.ratio * 2", Map.of()).text(PAYLOAD)).isEqualTo("0.5");
        assertThat(PayloadExpression.parse("data.state * 2", Map.of()).text(PAYLOAD)).isEqualTo("12");
    }

    @Test
    void givesEachThreadItsOwnAnswerFromOneSharedExpression() throws Exception {
        PayloadExpression below = PayloadExpression.parse("data.level < $batteryLowBelow ? \"low\" : "
                + "\"fine\" & $string(data.level)", Map.of("batteryLowBelow", 20));
        PayloadExpression other = PayloadExpression.parse("$batteryLowBelow", Map.of("batteryLowBelow", 50));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = IntStream.range(0, 4000).mapToObj(i -> threads.submit(() -> {
                Object payload = Map.of("data", Map.of("level", i % 100));
                String expected = i % 100 < 20 ? "low" : "fine" + (i % 100);
                return expected.equals(below.text(payload)) && "50".equals(other.text(payload));
            })).toList();
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static Object parse(String json) {
        try {
            return new ObjectMapper().readValue(json, Object.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
