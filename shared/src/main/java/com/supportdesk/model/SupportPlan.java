package com.supportdesk.model;

/** STANDARD, or ADVANCED: the advanced online service contract that unlocks severity A. */
public enum SupportPlan {
    STANDARD,
    ADVANCED
}
