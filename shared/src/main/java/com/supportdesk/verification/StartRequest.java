package com.supportdesk.verification;

import com.supportdesk.model.Channel;

/**
 * The body of {@code POST /verifications}. There is deliberately no field for a destination: the code
 * goes to a registered contact, chosen by {@code contactId} from the masked list a start answers with
 * (or the first registered email, or with {@code channel = SMS} the first registered phone).
 *
 * @param tenantId    the organisation the caller claims to administer
 * @param callerPhone the number the caller is calling from, E.164
 * @param channel     EMAIL (default) or SMS
 * @param contactId   one of the {@code contacts[].contactId} of an earlier answer
 */
public record StartRequest(String tenantId, String callerPhone, Channel channel, String contactId) {}
