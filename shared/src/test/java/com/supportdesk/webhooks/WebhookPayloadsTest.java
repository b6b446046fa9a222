package com.supportdesk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.model.Language;
import com.supportdesk.notifications.requests.NotificationType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each platform's own message shape and signing, and the desk's signature on every format. */
class WebhookPayloadsTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_795_741_200L);

    static WebhookEvent event() {
        return new WebhookEvent(
                "CS-7K3M-Q9TX-4HNP#SLA_BREACH#2026-11-27T02:00:00Z",
                NotificationType.SLA_BREACH,
                "contoso",
                "CS-7K3M-Q9TX-4HNP",
                "2026-11-27T02:00:00Z",
                Language.ZH_CN,
                Map.of(
                        "caseId",
                        "CS-7K3M-Q9TX-4HNP",
                        "severity",
                        "A",
                        "title",
                        "No mail [click](https://evil.example) <@all>"),
                Map.of("severity", "A"),
                new WebhookEvent.Text(
                        "案例 CS-7K3M-Q9TX-4HNP：首次响应已超时",
                        List.of(new WebhookEvent.Line("标题", "No mail [click](https://evil.example) <@all>")),
                        "支持服务台 · /cases/CS-7K3M-Q9TX-4HNP"));
    }

    private static JsonNode body(WebhookPayloads.Request request) throws Exception {
        return Json.MAPPER.readTree(request.body());
    }

    @Test
    void everyFormatCarriesTheDesksSignatureOverItsExactBody() {
        for (WebhookFormat format : WebhookFormat.values()) {
            WebhookPayloads.Request request = WebhookPayloads.build(
                    format,
                    new WebhookTarget("https://hooks.example.com/x", "secret-0123456789abc"),
                    event(),
                    "d-1",
                    NOW);
            assertThat(WebhookSigning.verify(
                            "secret-0123456789abc",
                            request.headers().get(WebhookSigning.TIMESTAMP_HEADER),
                            request.headers().get(WebhookSigning.SIGNATURE_HEADER),
                            request.body(),
                            NOW.plusSeconds(10)))
                    .as(format.name())
                    .isTrue();
            assertThat(request.headers()).containsEntry(WebhookPayloads.EVENT_HEADER, "SLA_BREACH");
        }
    }

    @Test
    void genericIsTheDesksOwnEvent() throws Exception {
        JsonNode json = body(WebhookPayloads.build(
                WebhookFormat.GENERIC,
                new WebhookTarget("https://h.example.com/", "secret-0123456789abc"),
                event(),
                "d-1",
                NOW));
        assertThat(json.path("schema").asText()).isEqualTo("supportdesk.webhook-event");
        assertThat(json.path("eventId").asText()).isEqualTo("CS-7K3M-Q9TX-4HNP#SLA_BREACH#2026-11-27T02:00:00Z");
        assertThat(json.path("case").path("severity").asText()).isEqualTo("A");
        assertThat(json.path("language").asText()).isEqualTo("zh-CN");
        assertThat(json.path("message").path("title").asText()).isEqualTo("案例 CS-7K3M-Q9TX-4HNP：首次响应已超时");
    }

    @Test
    void weComIsAMarkdownMessageToTheBotsOwnUrlWhoseValuesCannotAddLinksOrMentions() throws Exception {
        WebhookPayloads.Request request = WebhookPayloads.build(
                WebhookFormat.WECOM,
                new WebhookTarget("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1", "secret-0123456789abc"),
                event(),
                "d-1",
                NOW);
        JsonNode json = body(request);
        assertThat(request.url()).isEqualTo("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1");
        assertThat(json.path("msgtype").asText()).isEqualTo("markdown");
        String content = json.path("markdown").path("content").asText();
        assertThat(content).startsWith("**案例 CS-7K3M-Q9TX-4HNP：首次响应已超时**\n> 标题: ");
        assertThat(content).doesNotContain("[click]", "<@all>");
    }

    @Test
    void dingTalkSignsInTheQueryAndFeishuInTheBody() throws Exception {
        WebhookPayloads.Request ding = WebhookPayloads.build(
                WebhookFormat.DINGTALK,
                new WebhookTarget("https://oapi.dingtalk.com/robot/send?access_token=t-1", "SEC0123456789abcdef"),
                event(),
                "d-1",
                NOW);
        assertThat(ding.url())
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=t-1&timestamp=1795741200000"
                        + "&sign=tpEsJuIqli9W5a7WInkNzmCIVnWDm5bupG0wXGckHvI%3D");
        assertThat(body(ding).path("msgtype").asText()).isEqualTo("markdown");
        assertThat(body(ding).path("markdown").path("title").asText()).isEqualTo("案例 CS-7K3M-Q9TX-4HNP：首次响应已超时");

        WebhookPayloads.Request feishu = WebhookPayloads.build(
                WebhookFormat.FEISHU,
                new WebhookTarget("https://open.feishu.cn/open-apis/bot/v2/hook/h-1", "feishu-secret-0123"),
                event(),
                "d-1",
                NOW);
        JsonNode json = body(feishu);
        assertThat(json.path("timestamp").asText()).isEqualTo("1795741200");
        assertThat(json.path("sign").asText()).isEqualTo("qtQzKPo29OSEYmlsNoq3f3qk4YDHSy1AKBoEsZRt/bo=");
        assertThat(json.path("msg_type").asText()).isEqualTo("text");
        assertThat(json.path("content").path("text").asText()).startsWith("案例 CS-7K3M-Q9TX-4HNP：首次响应已超时\n标题: ");
    }

    @Test
    void textsAreCutToThePlatformsLimitsAtACharacterBoundary() {
        String cut = WebhookPayloads.truncate("案".repeat(3000), WebhookPayloads.WECOM_MARKDOWN_MAX_BYTES);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(cut).endsWith("…");
    }
}
