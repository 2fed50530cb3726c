package io.kencom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.local.MailServer;
import io.kencom.local.Net;
import io.kencom.testsupport.Mailbox;
import io.kencom.testsupport.RealInfrastructure;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The SMTP server keeps what it receives, and the tests' helper reads it back, Japanese text included. */
@Order(1)
class MailboxTest {

    @BeforeAll
    static void smtp() {
        RealInfrastructure.smtp();
    }

    @Test
    void a_mail_sent_over_smtp_can_be_read_back() throws Exception {
        String to = Mailbox.newAddress("member");
        send(to, "【kencom】認証コードのお知らせ", "認証コードは 123456 です。");

        List<MimeMessage> received = Mailbox.awaitMessages(to, 1);

        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("【kencom】認証コードのお知らせ");
        assertThat(received.get(0).getContent().toString()).contains("認証コードは 123456 です。");
        assertThat(Mailbox.messagesFor(Mailbox.newAddress("nobody"))).isEmpty();
    }

    private static void send(String to, String subject, String text) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", Net.HOST);
        p.put("mail.smtp.port", Integer.toString(MailServer.SMTP_PORT));
        MimeMessage m = new MimeMessage(Session.getInstance(p));
        m.setFrom(new InternetAddress("no-reply@kencom.test"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        Transport.send(m);
    }
}
