package io.kencom.account.domain;

import java.text.Normalizer;
import java.util.Locale;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * メールアドレス: the login ID and where every notice goes. Kept lower-case so that one address is one account
 * whatever its spelling (Keycloak lower-cases user names too); full-width characters typed by mistake are read
 * as their half-width forms.
 */
public record EmailAddress(String value) {

    private static final EmailValidator VALIDATOR = EmailValidator.getInstance(false, false);
    private static final int MAX_LENGTH = 254;

    public EmailAddress {
        if (value == null || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c < 0x80)
                || !VALIDATOR.isValid(value)
                || !value.equals(value.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not an e-mail address");
        }
    }

    /** @throws IllegalArgumentException when the input is not a syntactically valid address */
    public static EmailAddress parse(String input) {
        if (input == null) {
            throw new IllegalArgumentException("not an e-mail address");
        }
        return new EmailAddress(Normalizer.normalize(input, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT));
    }

    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }

    /** Never the address itself: logs and errors must not carry it. */
    @Override
    public String toString() {
        return "EmailAddress[***]";
    }
}
