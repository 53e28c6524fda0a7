import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A Kafka broker for the sink phase of bench/run (KRaft, one node, in this JVM, as SinksIT starts it): creates the
 * topic, writes its bootstrap address to a file once it takes records, and runs until the process is stopped.
 * Run from the test classpath: java -cp <test classpath> bench/KafkaBroker.java <address file> <topic>
 */
public class KafkaBroker {

    public static void main(String[] args) throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, args[1]);
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        Path file = Path.of(args[0]);
        Path written = Files.writeString(Path.of(args[0] + ".tmp"), broker.getBrokersAsString());
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join();
    }
}
