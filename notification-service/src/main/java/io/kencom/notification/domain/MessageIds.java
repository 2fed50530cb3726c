package io.kencom.notification.domain;

import java.util.UUID;

/**
 * The Message-ID of each delivery's mail (RFC 5322 §3.6.4), in the sender's domain: the same on every attempt. SMTP
 * cannot tell a sender whether a mail whose answer was lost went out (RFC 1047), so such a mail is sent again; with
 * one Message-ID the copies are one message, which receiving systems and mail apps show once.
 */
public final class MessageIds {

    private final String domain;

    /** From the sender as configured, e.g. {@code kencom <no-reply@kencom.example.jp>}. */
    public MessageIds(String from) {
        int at = from.lastIndexOf('@');
        String domain = at < 0 ? "" : from.substring(at + 1).replace(">", "").strip();
        if (!domain.matches("[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")) {
            throw new IllegalArgumentException("the sender has no domain for Message-IDs: " + from);
        }
        this.domain = domain;
    }

    /** The header's value for the delivery, angle brackets included. */
    public String of(UUID deliveryId) {
        return "<" + deliveryId + "@" + domain + ">";
    }
}
