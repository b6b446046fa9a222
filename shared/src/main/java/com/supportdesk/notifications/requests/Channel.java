package com.supportdesk.notifications.requests;

/** How a recipient is reached. */
public enum Channel { EMAIL, SMS }
