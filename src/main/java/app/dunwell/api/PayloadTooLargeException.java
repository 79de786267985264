package app.dunwell.api;

/** A request body above the API's limit. */
public class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(long limit) {
        super("the body is larger than " + limit + " bytes");
    }
}
