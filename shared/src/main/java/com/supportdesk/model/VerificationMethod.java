package com.supportdesk.model;

/** How a phone caller was verified: their number is registered on the profile, or they read back a code. */
public enum VerificationMethod {
    REGISTERED_NUMBER,
    CODE
}
