package io.kencom.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL on 127.0.0.1:5432: the machine's own cluster when it runs (trust auth, user postgres), else that
 * cluster started with pg_ctlcluster, else a cluster of our own under .local-stack/ (initdb refuses root, hence
 * runuser).
 */
public final class Postgres implements Server {

    public static final int PORT = 5432;
    public static final String USER = "postgres";

    @Override
    public String id() {
        return "postgres";
    }

    @Override
    public boolean up() {
        return Net.listening(PORT);
    }

    @Override
    public ManagedProcess start(StackLayout layout) {
        if (startMachineCluster()) {
            return null;
        }
        return startOwnCluster(layout);
    }

    @Override
    public void awaitReady(ManagedProcess process) {
        Net.await("PostgreSQL", Duration.ofSeconds(30), process, () -> {
            try (Connection ignored = connect("postgres")) {
                return true;
            }
        });
    }

    @Override
    public String where() {
        return "jdbc:postgresql://" + Net.HOST + ":" + PORT + " (user " + USER + ")";
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Net.HOST + ":" + PORT + "/" + database;
    }

    public static String reactiveUrl(String database) {
        return reactiveUrl(database, PORT);
    }

    /** The same through another port: a test's proxy in front of PostgreSQL. */
    public static String reactiveUrl(String database, int port) {
        return "postgresql://" + Net.HOST + ":" + port + "/" + database;
    }

    /** Creates each database that does not exist yet. */
    public static void createDatabases(Collection<String> names) {
        try (Connection c = connect("postgres")) {
            for (String name : names) {
                if (!name.matches("[a-z][a-z0-9_]*")) {
                    throw new IllegalArgumentException("unsafe database name " + name);
                }
                try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    q.setString(1, name);
                    try (ResultSet rs = q.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                } catch (SQLException e) {
                    if (!"42P04".equals(e.getSQLState())) { // duplicate_database: created meanwhile by another run
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create databases " + names + ": " + e.getMessage(), e);
        }
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    private static boolean startMachineCluster() {
        try {
            Path etc = Path.of("/etc/postgresql");
            if (!Files.isDirectory(etc)) {
                return false;
            }
            String version;
            try (var versions = Files.list(etc)) {
                version = versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElse(null);
            }
            if (version == null) {
                return false;
            }
            Command.run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"), true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private ManagedProcess startOwnCluster(StackLayout layout) {
        Path bin = postgresBin();
        Path data = layout.stateDir().resolve("postgres");
        Path socket = StackLayout.dir(layout.stateDir().resolve("postgres-socket"));
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                Files.createDirectories(data);
                if (root) {
                    Command.run(List.of("chown", "-R", "postgres:postgres", data.toString(), socket.toString()), true);
                }
                Command.run(asPostgres(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                        "--auth=trust", "-E", "UTF8")), true);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot initialise a PostgreSQL cluster in " + data, e);
        }
        return ManagedProcess.start(layout, id(), asPostgres(root, List.of(bin.resolve("postgres").toString(),
                "-D", data.toString(), "-p", Integer.toString(PORT), "-c", "listen_addresses=" + Net.HOST,
                "-k", socket.toString(), "-c", "cluster_name=kencom.local.stack=" + id())), layout.stateDir(), Map.of());
    }

    private static List<String> asPostgres(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        c.addAll(command);
        return c;
    }

    private static Path postgresBin() {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.sorted().reduce((a, b) -> b).map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is neither running nor installed (apt-get install postgresql)", e);
        }
    }
}
