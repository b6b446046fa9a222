package com.supportdesk.model;

/** What a case is about; decides its support-hours calendar and its highest severity. */
public enum Category {
    TECHNICAL,
    BILLING,
    SUBSCRIPTION,
    PRESALES
}
