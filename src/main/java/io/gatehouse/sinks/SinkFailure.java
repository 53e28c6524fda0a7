package io.gatehouse.sinks;

/** A batch the sink's platform did not take; the message says why, without the events or any secret. */
public class SinkFailure extends RuntimeException {

    public SinkFailure(String message) {
        super(message);
    }

    public SinkFailure(Throwable cause) {
        super(describe(cause), cause);
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
