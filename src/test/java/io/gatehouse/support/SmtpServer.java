package io.gatehouse.support;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real SMTP server (GreenMail) for the tests' email channels. Register it with {@code @RegisterExtension} on a
 * static field: it runs for the class, on a port fixed when it is created (so that its port can go into the
 * configuration, and so that a test that takes it down, {@link #stop()}, can bring it back where Gatehouse expects
 * it); a test that left it down finds it running again at the next test.
 */
public final class SmtpServer extends GreenMailExtension {

    private final int port;

    public SmtpServer() {
        this(GatehouseProcess.freePort());
    }

    private SmtpServer(int port) {
        super(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        withPerMethodLifecycle(false);
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** Every message received since the class started, oldest first. */
    public List<MimeMessage> received() {
        return Arrays.asList(getReceivedMessages());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        super.beforeEach(context);
        if (!isRunning()) {   // an earlier test took SMTP down
            start();
        }
    }
}
