package io.kencom.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.contracts.events.EkycApproved;
import io.kencom.notification.domain.ApprovalMethod;
import io.kencom.notification.domain.MailKind;
import io.kencom.notification.domain.RedoStep;
import io.kencom.notification.infra.MailRenderer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every mail of domain.md §8 rendered for a sample member: Japanese subject and body, nothing left unresolved, nothing
 * personal the mail does not need. docs/notification-service.md shows exactly these texts; run with
 * {@code -Dkencom.docs.write=true} to rewrite its rendered section after a template change.
 */
@QuarkusTest
class MailTemplatesTest extends NotificationTest {

    private static final Instant ISSUED = Instant.parse("2026-11-24T01:05:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-11-24T01:15:00Z");
    private static final Path DOC = Path.of(System.getProperty("kencom.repo.root", "../"), "docs",
            "notification-service.md");
    private static final String BEGIN = "<!-- rendered mails: begin -->";
    private static final String END = "<!-- rendered mails: end -->";

    @Inject
    MailRenderer renderer;

    static Map<MailKind, Map<String, Object>> samples() {
        Map<MailKind, Map<String, Object>> samples = new EnumMap<>(MailKind.class);
        for (MailKind kind : MailKind.values()) {
            samples.put(kind, Map.of());
        }
        samples.put(MailKind.SIGNUP_CODE, MailRenderer.codeData("482913", ISSUED, EXPIRES));
        samples.put(MailKind.PASSWORD_RESET_CODE, MailRenderer.codeData("730256", ISSUED, EXPIRES));
        samples.put(MailKind.EKYC_REJECTED, Map.of("redo", RedoStep.describe(List.of("DOCUMENT_PHOTO", "FACE_CHALLENGE"))));
        samples.put(MailKind.EKYC_APPROVED, Map.of("method", ApprovalMethod.describe(EkycApproved.Method.JPKI)));
        return samples;
    }

    @Test
    void every_mail_has_its_japanese_subject_and_a_body_with_nothing_left_unresolved() {
        samples().forEach((kind, data) -> {
            MailRenderer.Rendered mail = renderer.render(kind, data);
            assertThat(mail.subject()).as(kind.name()).isEqualTo("【kencom】" + kind.subject());
            assertThat(mail.text()).as(kind.name()).doesNotContain("{", "}", "NOT_FOUND")
                    .contains("https://kencom.example.jp/support");
            assertThat(mail.html()).as(kind.name()).startsWith("<!DOCTYPE html>").contains("<title>" + mail.subject())
                    .doesNotContain("{#", "NOT_FOUND");
        });
    }

    @Test
    void code_mails_carry_the_code_and_its_deadline_in_japanese_time() {
        MailRenderer.Rendered signup = renderer.render(MailKind.SIGNUP_CODE, samples().get(MailKind.SIGNUP_CODE));
        assertThat(signup.text()).contains("確認コード: 482913", "10分以内（2026年11月24日 10:15まで）");
        assertThat(signup.html()).contains("482913");
        assertThat(renderer.render(MailKind.PASSWORD_RESET_CODE, samples().get(MailKind.PASSWORD_RESET_CODE)).text())
                .contains("確認コード: 730256", "パスワードは変更されません");
    }

    @Test
    void a_refused_application_says_what_to_redo_in_words() {
        MailRenderer.Rendered rejected = renderer.render(MailKind.EKYC_REJECTED, samples().get(MailKind.EKYC_REJECTED));
        assertThat(rejected.text()).contains("・本人確認書類の撮影（表面・裏面）", "・顔写真の撮影（指示された動き）");
        assertThat(rejected.html()).contains("<li>顔写真の撮影（指示された動き）</li>");
        assertThat(RedoStep.describe(List.of("SOMETHING_NEW"))).containsExactly("アプリの案内に沿った申請のやり直し");
        assertThat(RedoStep.describe(List.of())).containsExactly("アプリの案内に沿った申請のやり直し");
    }

    @Test
    void the_docs_show_each_template_as_rendered() throws IOException {
        StringBuilder rendered = new StringBuilder(BEGIN).append('\n');
        samples().forEach((kind, data) -> {
            MailRenderer.Rendered mail = renderer.render(kind, data);
            rendered.append("\n### ").append(kind.name()).append("\nSubject: ").append(mail.subject())
                    .append("\n```text\n").append(mail.text().strip()).append("\n```\n");
        });
        rendered.append('\n').append(END);
        String doc = Files.readString(DOC);
        String current = doc.substring(doc.indexOf(BEGIN), doc.indexOf(END) + END.length());
        if (Boolean.getBoolean("kencom.docs.write")) {
            Files.writeString(DOC, doc.replace(current, rendered));
            return;
        }
        assertThat(current).as("docs/notification-service.md is out of date: run this test with -Dkencom.docs.write=true")
                .isEqualTo(rendered.toString());
    }
}
