package dev.recoveryorchestrator.notify;

/** A rendered mail, ready to send. */
record OutgoingMail(String[] to, String subject, String body) {
}
