package dev.recoveryorchestrator.config;

/** Input that we refuse: answered with a 400 problem detail naming the field; nothing is stored or started. */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
