package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.as;
import static com.supportdesk.it.cases.CaseFixtures.bodyB;
import static com.supportdesk.it.cases.CaseFixtures.submit;
import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.support.Handlers.sampleEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.it.support.HttpResult;
import org.junit.jupiter.api.Test;

/** Out-of-scope requests through {@code POST /cases}: guidance, a confirmation the admin can give, the community link. */
class ScopeGuidanceHandlerTest extends CaseHandlersTest {

    @Test
    void aNetworkProblemIsSentToTheNetworkTeamUnlessTheAdminConfirmsItIsNot() {
        ObjectNode body = bodyB();
        body.put("title", "社内のプロキシ経由だと Outlook が接続できない");
        body.put("description", "自宅からは問題なく接続できます。");
        HttpResult asked = invoke(submission, submit(tenant, body, null));
        assertThat(asked.status()).isEqualTo(422);
        assertThat(asked.errorCode()).isEqualTo("NETWORK_CONFIRMATION_REQUIRED");
        assertThat(asked.json().path("error").path("message").asText())
                .contains("network team")
                .contains("\"customerNetwork\": false");

        body.put("customerNetwork", true);
        HttpResult refused = invoke(submission, submit(tenant, body, null));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo("CUSTOMER_NETWORK_OUT_OF_SCOPE");

        body.put("customerNetwork", false);
        assertThat(invoke(submission, submit(tenant, body, null)).status()).isEqualTo(201);
    }

    @Test
    void chineseTextAboutTheCompanyFirewallAsksToo() {
        ObjectNode body = bodyB();
        body.put("title", "公司防火墙拦截了 Outlook 的连接");
        assertThat(invoke(submission, submit(tenant, body, null)).errorCode())
                .isEqualTo("NETWORK_CONFIRMATION_REQUIRED");
    }

    @Test
    void theThirdPartyQuestionComesFirstAndEachConfirmationIsItsOwn() {
        ObjectNode body = bodyB();
        body.put("title", "第三方插件在 VPN 下无法加载");
        assertThat(invoke(submission, submit(tenant, body, null)).errorCode())
                .isEqualTo("THIRD_PARTY_CONFIRMATION_REQUIRED");
        body.put("thirdParty", false);
        assertThat(invoke(submission, submit(tenant, body, null)).errorCode())
                .isEqualTo("NETWORK_CONFIRMATION_REQUIRED");
        body.put("customerNetwork", false);
        assertThat(invoke(submission, submit(tenant, body, null)).status()).isEqualTo(201);
    }

    @Test
    void theDnsRecordsOfTheMailDomainAreOurs() {
        ObjectNode body = bodyB();
        body.put("title", "Autodiscover DNS record of our Exchange Online domain");
        body.put("description", "We added the CNAME record but Outlook still cannot find the mailbox.");
        assertThat(invoke(submission, submit(tenant, body, null)).status()).isEqualTo(201);
    }

    @Test
    void theCommunityLinkIsTheDeploymentsParameter() {
        HttpResult user = invoke(submission, as(sampleEvent("cases-submit.json"), "user-1", tenant, "[user]"));
        assertThat(user.json().path("error").path("message").asText())
                .contains("https://community.supportdesk.example/")
                .doesNotContain("techcommunity.microsoft.com");
        ObjectNode flagged = bodyB();
        flagged.put("thirdParty", true);
        assertThat(invoke(submission, submit(tenant, flagged, null))
                        .json()
                        .path("error")
                        .path("message")
                        .asText())
                .contains("https://community.supportdesk.example/");
    }
}
