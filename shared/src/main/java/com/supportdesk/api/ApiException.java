package com.supportdesk.api;

/**
 * A refusal the client can act on: an HTTP status, a stable machine-readable code and a sentence
 * for a person. Rendered as {@code {"error": {"code": ..., "message": ...}}}.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "UNAUTHORIZED", "A valid access token is required.");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "FORBIDDEN", message);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", what + " was not found.");
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException unprocessable(String code, String message) {
        return new ApiException(422, code, message);
    }
}
