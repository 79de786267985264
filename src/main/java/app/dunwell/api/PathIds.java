package app.dunwell.api;

import app.dunwell.decision.InvalidRequestException;

import java.util.UUID;

/** Ids in paths: a malformed one is a 400 problem naming {@code id}, not a 404 or a 500. */
final class PathIds {
    private PathIds() {
    }

    /** {@code id} as a UUID; {@code what} names the thing it identifies ("run", "decision"). */
    static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("id", "is not a " + what + " id (a UUID)");
        }
    }
}
