package app.dunwell.dispatch;

/** A delivery that did not go through; {@code permanent} when trying again cannot help. */
public class DeliveryException extends Exception {
    private final boolean permanent;

    public DeliveryException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
