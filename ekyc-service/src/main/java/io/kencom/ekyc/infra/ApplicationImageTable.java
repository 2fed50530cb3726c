package io.kencom.ekyc.infra;

import io.kencom.ekyc.Reviews;
import io.kencom.ekyc.domain.DocumentSide;
import io.kencom.ekyc.domain.FaceReading;
import io.kencom.platform.Clocks;
import io.kencom.platform.Rows;
import io.kencom.platform.crypto.Secrets;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The photos of eKYC applications, {@code application_image}: each sealed, with the face read off it (sealed too), one
 * per kind; kept until the application is decided and the retention has passed.
 */
@ApplicationScoped
public class ApplicationImageTable {

    /** The photo kinds of an application, as stored. */
    public enum ImageKind {
        FRONT, BACK, REMARKS, FACE_FRONT, FACE_CHALLENGE;

        public static ImageKind of(DocumentSide side) {
            return valueOf(side.name());
        }
    }

    private final Secrets secrets;

    ApplicationImageTable(Secrets secrets) {
        this.secrets = secrets;
    }

    /** The photo, sealed, with the face read off it (sealed too) so that it is compared again without decoding. */
    public Uni<Void> storeImage(SqlConnection conn, UUID id, ImageKind kind, Images.Photo photo, FaceReading face) {
        return conn.preparedQuery("INSERT INTO application_image (application_id, kind, media_type, sealed, face) "
                        + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (application_id, kind) DO UPDATE "
                        + "SET media_type = $3, sealed = $4, face = $5")
                .execute(Tuple.of(id, kind.name(), photo.type().mediaType,
                        Buffer.buffer(secrets.sealBytes(photo.clean())),
                        face == null ? null : Buffer.buffer(secrets.sealBytes(FaceReadings.toBytes(face)))))
                .replaceWithVoid();
    }

    /** The face read off a stored photo when it was taken. */
    public Uni<FaceReading> storedFace(SqlClient client, UUID id, ImageKind kind) {
        return client.preparedQuery("SELECT face FROM application_image WHERE application_id = $1 AND kind = $2")
                .execute(Tuple.of(id, kind.name()))
                .map(rows -> FaceReadings.fromBytes(secrets.openBytes(rows.iterator().next().getBuffer(0).getBytes())));
    }

    /** A photo of an application, opened; empty when none of this kind is kept. */
    public Uni<Optional<Reviews.Image>> image(SqlClient client, UUID id, String kind) {
        return client.preparedQuery("SELECT media_type, sealed FROM application_image WHERE application_id = $1 "
                        + "AND kind = $2").execute(Tuple.of(id, kind))
                .map(rows -> Optional.ofNullable(Rows.first(rows, row -> new Reviews.Image(
                        row.getString("media_type"), secrets.openBytes(row.getBuffer("sealed").getBytes())))));
    }

    /** Retention: the photos of expired applications, and of decided ones decided before {@code decidedBefore}. */
    public Uni<Void> forgetImages(SqlConnection conn, Instant decidedBefore) {
        return conn.preparedQuery("DELETE FROM application_image i USING application a "
                        + "WHERE i.application_id = a.id AND (a.status = 'EXPIRED' OR (a.status IN ('APPROVED', "
                        + "'REJECTED') AND a.decided_at <= $1))")
                .execute(Tuple.of(Clocks.timestamptz(decidedBefore))).replaceWithVoid();
    }
}
