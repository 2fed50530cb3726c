package io.kencom.notification.domain;

import java.util.regex.Pattern;

/**
 * The error of a failed attempt as the delivery log keeps it: the exception's kind and message, with any e-mail
 * address masked (SMTP servers echo the recipient) and cut to a length ops can read.
 */
public final class SendError {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'@]+@[^\\s<>\"']+");
    private static final int LONGEST = 300;

    private SendError() {
    }

    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + ADDRESS.matcher(root.getMessage()).replaceAll("<address>");
        String text = root.getClass().getSimpleName() + message;
        return text.length() > LONGEST ? text.substring(0, LONGEST) : text;
    }
}
