package io.kencom.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Between a service and a server it calls (SMTP, Keycloak), so that a test can make that server slow, absent or
 * unlucky for this service alone: without stopping the server (and losing the mails it holds) or taking it from
 * anybody else — another module's tests, or the journey running beside the fault campaign.
 */
public final class TcpProxy implements AutoCloseable {

    public enum Mode {
        /** Forwards both ways. */
        PASS,
        /** Accepts and then answers nothing, on new connections and pooled ones alike: a frozen server. */
        STALL,
        /** Refuses connections and cuts the open ones. */
        DOWN,
        /**
         * Once: the server takes the next mail whole, and its answer to the end of the data is lost with the
         * connection (RFC 1047's window: the sender cannot know the mail went out). Then {@link #PASS} again.
         */
        LOSE_THE_NEXT_ANSWER_TO_DATA
    }

    private static final byte[] END_OF_DATA = "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Mode mode = Mode.PASS;
    private volatile ServerSocket listening;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = listening.getLocalPort();
        accept(listening);
    }

    /** Where the service under test is to send its mail. */
    public int port() {
        return port;
    }

    /** Connections taken so far, in any mode but DOWN. */
    public int connections() {
        return accepted.get();
    }

    /** {@code mode} for {@code lasting}, then {@link Mode#PASS} again: a server frozen or away for a while. */
    public void during(Mode mode, Duration lasting) throws IOException, InterruptedException {
        mode(mode);
        try {
            Thread.sleep(lasting.toMillis());
        } finally {
            mode(Mode.PASS);
        }
    }

    /** The mode now: {@link Mode#LOSE_THE_NEXT_ANSWER_TO_DATA} turns to PASS once it has lost an answer. */
    public Mode mode() {
        return mode;
    }

    public synchronized void mode(Mode next) throws IOException {
        if (next == Mode.DOWN && mode != Mode.DOWN) {
            listening.close();
            cutAll();
        } else if (next != Mode.DOWN && mode == Mode.DOWN) {
            listening = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            accept(listening);
        }
        mode = next;
    }

    private void accept(ServerSocket server) {
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    accepted.incrementAndGet();
                    try {
                        new Exchange(client, new Socket(InetAddress.getLoopbackAddress(), targetPort)).start();
                    } catch (IOException serverAway) {
                        closeQuietly(client);
                    }
                } catch (IOException closed) {
                    // DOWN, or the test is over
                }
            }
        }, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** One client's connection and the proxy's own to the server. */
    private final class Exchange {

        private final Socket client;
        private final Socket server;
        private volatile boolean dataEnded;

        Exchange(Socket client, Socket server) {
            this.client = client;
            this.server = server;
            open.add(client);
            open.add(server);
        }

        void start() {
            pipe(client, server, true);
            pipe(server, client, false);
        }

        /** Forwards one direction; while stalled, holds what it read (the other side waits for an answer). */
        private void pipe(Socket from, Socket to, boolean fromClient) {
            Thread pipe = new Thread(() -> {
                byte[] buffer = new byte[8192];
                byte[] tail = new byte[0];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) >= 0;) {
                        while (mode == Mode.STALL) {
                            Thread.sleep(100);
                        }
                        if (mode == Mode.LOSE_THE_NEXT_ANSWER_TO_DATA) {
                            if (fromClient) {
                                tail = lastBytes(tail, buffer, n);
                                dataEnded |= indexOf(tail, END_OF_DATA) >= 0;
                            } else if (dataEnded && lose()) {
                                return; // the server's answer dies with both connections
                            }
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // one side closed
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                    open.remove(from);
                    open.remove(to);
                }
            }, "tcp-proxy-pipe");
            pipe.setDaemon(true);
            pipe.start();
        }
    }

    /** True for the one exchange whose answer is lost; the proxy passes everything from then on. */
    private synchronized boolean lose() {
        if (mode != Mode.LOSE_THE_NEXT_ANSWER_TO_DATA) {
            return false;
        }
        mode = Mode.PASS;
        return true;
    }

    /** What was read before (enough of it to find the end of the data across two reads) and what was just read. */
    private static byte[] lastBytes(byte[] before, byte[] read, int n) {
        int keep = Math.min(before.length, END_OF_DATA.length - 1);
        byte[] joined = new byte[keep + n];
        System.arraycopy(before, before.length - keep, joined, 0, keep);
        System.arraycopy(read, 0, joined, keep, n);
        return joined;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void cutAll() {
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listening.close();
        cutAll();
    }
}
