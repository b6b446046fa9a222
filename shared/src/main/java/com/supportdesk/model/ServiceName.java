package com.supportdesk.model;

/** The services technical support covers (SSO and directory sync are IDENTITY). */
public enum ServiceName {
    EXCHANGE_ONLINE,
    SHAREPOINT_ONLINE,
    SKYPE_FOR_BUSINESS_ONLINE,
    M365_APPS,
    IDENTITY
}
