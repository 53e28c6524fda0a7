package io.gatehouse.sinks;

import java.util.Set;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A batch the sink's platform did not take; the message says why, without the events or any secret. A refusal
 * ({@link #refused}) is the platform saying no to the events themselves, which sending them again will not change;
 * any other failure (down, busy, a timeout, a wrong token or index) is the platform's or its configuration's, and
 * passes.
 */
public class SinkFailure extends RuntimeException {

    // what Kafka says of a record it will never take, however often it is sent
    private static final Set<Class<? extends Exception>> KAFKA_REFUSALS = Set.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, SerializationException.class, InvalidRecordException.class);

    private final boolean refusal;

    public SinkFailure(String message) {
        this(message, false);
    }

    public SinkFailure(Throwable cause) {
        super(describe(cause), cause);
        this.refusal = false;
    }

    private SinkFailure(String message, boolean refusal) {
        super(message);
        this.refusal = refusal;
    }

    /** The platform refuses the events as such (malformed, too large). */
    public static SinkFailure refused(String message) {
        return new SinkFailure(message, true);
    }

    /** True when the error, or one it was caused by, is the platform refusing the events as such. */
    public static boolean isRefusal(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            Throwable candidate = cause;
            if (candidate instanceof SinkFailure failure && failure.refusal
                    || KAFKA_REFUSALS.stream().anyMatch(type -> type.isInstance(candidate))) {
                return true;
            }
        }
        return false;
    }

    /** The innermost useful message: the platform's answer, or the error that kept the batch from it. */
    public static String describe(Throwable error) {
        if (error instanceof SinkFailure && error.getCause() == null) {
            return error.getMessage();
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
