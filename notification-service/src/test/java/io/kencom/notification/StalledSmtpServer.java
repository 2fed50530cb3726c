package io.kencom.notification;

import io.kencom.local.Net;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server that accepts every connection and never says a word (not even its greeting): what a hung or
 * overloaded relay looks like to a client. Closing it closes the connections it holds.
 */
final class StalledSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    StalledSmtpServer(int port) {
        try {
            socket = new ServerSocket(port, 50, InetAddress.getByName(Net.HOST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    held.add(socket.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "stalled-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** How many connections it took (and left without an answer). */
    int connections() {
        return held.size();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
