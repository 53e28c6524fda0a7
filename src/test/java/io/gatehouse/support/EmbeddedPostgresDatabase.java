package io.gatehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;

/** One real PostgreSQL server per test JVM, started on first use and stopped when the JVM exits. */
public final class EmbeddedPostgresDatabase {



    private static EmbeddedPostgres server;

    private EmbeddedPostgresDatabase() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return server;
    }

    /** Points the application at a fresh database of its own on the shared server. */
    public static void register(DynamicPropertyRegistry registry) {
        freshDatabase().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The datasource properties of a fresh database of its own on the shared server. */
    public static java.util.Map<String, String> freshDatabase() {
        String database = "gatehouse_" + Long.toHexString(System.nanoTime());
        try (var connection = server().getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("create database " + database);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return java.util.Map.of("spring.datasource.url", server().getJdbcUrl("postgres", database),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres");
    }
}
