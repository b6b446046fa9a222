package com.supportdesk.verification;

/** The body of {@code POST /verifications/{verificationId}/confirm}: the code as the caller read it. */
public record ConfirmRequest(String code) {

    @Override
    public String toString() {
        return "ConfirmRequest[redacted]";
    }
}
