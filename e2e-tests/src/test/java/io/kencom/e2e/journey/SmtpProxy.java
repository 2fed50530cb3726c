package io.kencom.e2e.journey;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Between notification-service and the SMTP server, so that a test can make SMTP slow or absent without losing the
 * mails the server already holds: {@link Mode#PASS} forwards, {@link Mode#STALL} accepts and then answers nothing
 * (new connections and the mailer's pooled ones alike), {@link Mode#DOWN} refuses connections and cuts open ones.
 */
final class SmtpProxy implements AutoCloseable {

    enum Mode { PASS, STALL, DOWN }

    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.PASS;
    private volatile ServerSocket listening;

    SmtpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = listening.getLocalPort();
        accept(listening);
    }

    int port() {
        return port;
    }

    synchronized void mode(Mode next) throws IOException {
        if (next == Mode.DOWN && mode != Mode.DOWN) {
            listening.close();
            open.forEach(SmtpProxy::closeQuietly);
            open.clear();
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
                    Socket smtp = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(client);
                    open.add(smtp);
                    pipe(client, smtp);
                    pipe(smtp, client);
                } catch (IOException closed) {
                    // DOWN, or the test is over
                }
            }
        }, "smtp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Forwards one direction; while stalled, holds what it read (the other side waits for an answer forever). */
    private void pipe(Socket from, Socket to) {
        Thread pipe = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    while (mode == Mode.STALL) {
                        Thread.sleep(100);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "smtp-proxy-pipe");
        pipe.setDaemon(true);
        pipe.start();
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
        open.forEach(SmtpProxy::closeQuietly);
    }
}
