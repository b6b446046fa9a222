package com.supportdesk.verification;

import com.supportdesk.model.Channel;

/** A registered contact as an agent sees it: an id to choose it by and the masked destination. */
public record ContactOption(String contactId, Channel channel, String destination) {}
