package com.supportdesk.cases;

import static com.supportdesk.cases.OutOfScopeTerms.Kind.CUSTOMER_NETWORK;
import static com.supportdesk.cases.OutOfScopeTerms.Kind.THIRD_PARTY;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;
import com.supportdesk.refusal.Refusal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Out-of-scope words in what admins really write, in English, Japanese, Chinese and mixtures. */
class OutOfScopeTermsTest {
    private static final OutOfScopeTerms TERMS = OutOfScopeTerms.standard();

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // English
                "Outlook crashes on start since the Acme CRM add-in was updated           | add-in",
                "Our third-party backup tool can no longer log in to the mailboxes       | third party",
                "The Zoom plugin disappeared from the Outlook ribbon                      | plug-in",
                "Users with the 3rd-party password manager browser extensions get errors  | 3rd party",
                // Japanese
                "Outlook のアドインが読み込まれない                                         | アドイン",
                "サードパーティ製のバックアップ ツールから接続できません                          | サードパーティ",
                "他社製の会議システムと Skype for Business の連携について                      | 他社製",
                // Chinese
                "第三方插件无法加载                                                       | 第三方",
                "Outlook 加载项每次启动都被禁用                                              | 加载项",
                "浏览器扩展导致 SharePoint 页面显示异常                                        | 浏览器扩展",
                // full-width Latin in a Japanese sentence
                "Ｅｘｃｅｌ のＡｄｄ－ｉｎ が動かない                                            | add-in",
            })
    void thirdPartyProductsAreRecognised(String text, String term) {
        assertThat(TERMS.find(THIRD_PARTY, text)).contains(term);
        assertThat(TERMS.find(CUSTOMER_NETWORK, text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // English
                "Outlook cannot connect from the office but works at home; we use a proxy server | proxy server",
                "SharePoint uploads time out through our corporate firewall                     | firewall",
                "Teams of remote staff disconnect whenever they are on the VPN                   | vpn",
                "Autodiscover fails because our internal DNS resolves outlook.office365.cn wrongly | internal dns",
                "Slow mailbox access over the office Wi-Fi; wired PCs are fine                    | wi-fi",
                "Intermittent packet loss between our branch office and the service               | packet loss",
                // Japanese
                "社内のプロキシ経由だと Outlook が接続できない                                      | プロキシ経由",
                "ファイアウォールで 443 番ポートを開放していますが、同期が失敗します                    | ファイアウォール",
                "VPN接続時だけ SharePoint が非常に遅い                                          | vpn",
                "社内 DNS サーバーの名前解決がうまくいきません                                       | DNSサーバ",
                "無線 LAN では Teams 会議が途切れる                                             | 無線LAN",
                // Chinese
                "公司防火墙拦截了 Outlook 的连接                                                 | 防火墙",
                "通过代理服务器访问 SharePoint 时提示证书错误                                        | 代理服务器",
                "在内网无法访问 Exchange，外网正常                                               | 内网",
                "通过公司 VPN 连接时 OneDrive 同步很慢                                           | vpn",
                "本地 DNS 服务器解析 autodiscover 失败                                          | DNS服务器",
                // mixed
                "Since the new Fortinet firewall 導入後、メールが送れない                           | firewall",
            })
    void theCustomersOwnNetworkIsRecognised(String text, String term) {
        assertThat(TERMS.find(CUSTOMER_NETWORK, text)).contains(term);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "The DNS records of our Exchange Online domain are not verified yet",
                "Please add a proxy address (SMTP alias) to the shared mailbox",
                "Please add in the new users to the Members group",
                "Plug in the headset and Skype for Business does not find it",
                "Lan Zhang cannot sign in with single sign-on",
                "We plan to move 300 mailboxes from another mail system",
                "MX レコードと自動検出の DNS レコードを設定したい",
                "プロキシ アドレスを追加したい",
                "代理商购买的订阅如何续订",
                "成员无法以共享邮箱身份发送邮件，代表发送可以",
                "添加域名的 DNS 记录后仍无法验证",
                "Third floor printers cannot scan to email",
            })
    void ourOwnServiceIsNotMistakenForSomethingElse(String text) {
        assertThat(TERMS.find(THIRD_PARTY, text)).isEmpty();
        assertThat(TERMS.find(CUSTOMER_NETWORK, text)).isEmpty();
    }

    @Test
    void everyKindHasTermsInEveryLanguage() {
        for (OutOfScopeTerms.Kind kind : OutOfScopeTerms.Kind.values()) {
            assertThat(TERMS.terms(kind))
                    .as(kind.name())
                    .anySatisfy(t -> assertThat(t).matches("[a-z0-9 -]+"))
                    .anySatisfy(t -> assertThat(t).containsPattern("[\\p{IsHiragana}\\p{IsKatakana}]"))
                    .anySatisfy(t -> assertThat(t).containsPattern("^\\p{IsHan}+$"));
        }
    }

    private static NewCase request(String title, Boolean thirdParty, Boolean customerNetwork) {
        return new NewCase(
                null,
                Category.TECHNICAL,
                ServiceName.EXCHANGE_ONLINE,
                title,
                "Since Monday.",
                Severity.B,
                null,
                new CaseContact("Sato", "sato@fabrikam.example", null, ContactMethod.EMAIL, Language.JA),
                thirdParty,
                customerNetwork,
                null);
    }

    private static Optional<Refusal> refusal(Runnable rule) {
        try {
            rule.run();
            return Optional.empty();
        } catch (Refusal e) {
            return Optional.of(e);
        }
    }

    @Test
    void networkWordsAskForAConfirmationThatTheAdminCanGive() {
        Optional<Refusal> asked =
                refusal(() -> CaseRules.customerNetwork(request("社内のプロキシ経由だと Outlook が接続できない", null, null)));
        assertThat(asked).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(Refusal.Kind.RULE_BROKEN);
            assertThat(e.code()).isEqualTo("NETWORK_CONFIRMATION_REQUIRED");
            assertThat(e.getMessage()).contains("network team", "\"customerNetwork\": false", "プロキシ経由");
        });
        assertThat(refusal(() -> CaseRules.customerNetwork(request("社内のプロキシ経由だと Outlook が接続できない", null, false))))
                .isEmpty();
        assertThat(refusal(() -> CaseRules.customerNetwork(request("Mail flow stopped", null, true))))
                .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("CUSTOMER_NETWORK_OUT_OF_SCOPE"));
        assertThat(refusal(() -> CaseRules.customerNetwork(request("Mail flow stopped", null, null))))
                .isEmpty();
    }

    @Test
    void theThirdPartyConfirmationNamesTheWordItFound() {
        assertThat(refusal(() -> CaseRules.thirdParty(request("第三方插件无法加载", null, null), "https://forum.example")))
                .hasValueSatisfying(e -> {
                    assertThat(e.code()).isEqualTo("THIRD_PARTY_CONFIRMATION_REQUIRED");
                    assertThat(e.getMessage()).contains("第三方", "https://forum.example", "\"thirdParty\": false");
                });
    }
}
