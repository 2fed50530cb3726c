package io.kencom.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request that declares a body by its {@code Content-Length} and sends only its headers: how a service refuses a
 * body over its limit before reading it. (Java 17's HttpClient waits forever for a 100 Continue that a refusal never
 * sends, JDK-8286171, so this speaks HTTP/1.1 on a socket of its own.)
 */
public final class DeclaredBody {

    /** The status, the headers by lower-case name, and the body as sent. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private DeclaredBody() {
    }

    public static Answer send(String method, URI uri, String contentType, long length, String bearer)
            throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(head(method, uri, contentType, length, bearer));
                out.flush();
            } catch (IOException refusedMidway) {
                // A request line over the limit is answered and closed before the headers are all written.
            }
            return read(socket.getInputStream());
        }
    }

    /**
     * The whole body, in two halves with a pause between, as a slow phone sends it; then the answer. A server that
     * answers and closes before the body is read resets this client at the second half (an IOException here).
     */
    public static Answer sendSlowly(String method, URI uri, String contentType, byte[] body, Duration pause)
            throws IOException, InterruptedException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(method, uri, contentType, body.length, null));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(pause.toMillis());
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** The request line and headers; the connection is closed after the answer, so it is read to the end. */
    private static byte[] head(String method, URI uri, String contentType, long length, String bearer) {
        StringBuilder head = new StringBuilder(method).append(' ').append(uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Connection: close\r\n")
                .append("Content-Length: ").append(length).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (bearer != null) {
            head.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One response, read until the server closes the connection (a refused body closes it). */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        byte[] bytes = all.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete response (" + bytes.length + " bytes)");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }
}
