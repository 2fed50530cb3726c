package io.kencom.platform;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import java.util.function.Function;

/** Reading the answer of a lookup by key through the reactive SQL client. */
public final class Rows {

    private Rows() {
    }

    /** The first row, read; null when the answer has none. */
    public static <T> T first(RowSet<Row> rows, Function<Row, T> read) {
        RowIterator<Row> it = rows.iterator();
        return it.hasNext() ? read.apply(it.next()) : null;
    }
}
