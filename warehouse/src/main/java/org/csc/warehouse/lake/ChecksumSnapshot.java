package org.csc.warehouse.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Delta table's current version as its checksum file describes it: the schema and the data files.
 *
 * <p>Why: a scan through Delta's reader runs one Spark job to list the snapshot's files every time
 * a query is planned (its filesForScan), and the nightly plans several hundred queries over small
 * tables: 430 such jobs, a third of a scale-10 night. Delta (4.x) writes the whole file list into
 * the checksum of every small table's commit, so for those tables the list is a file read away.
 *
 * <p>Used only where reading the listed Parquet files is exactly the table: reader protocol 1 (no
 * deletion vectors, no column mapping, nothing a reader must apply), no partition columns, and a
 * checksum for the latest commit that carries the file list (Delta leaves it out above 50 files and
 * on a commit that changes the schema). Anything else answers empty, and the caller reads through Delta.
 */
record ChecksumSnapshot(StructType schema, List<String> files) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The checksum file of the given version, parsed; empty when there is none or it cannot be read. */
    static Optional<JsonNode> checksum(java.nio.file.Path tableDir, long version) {
        if (version < 0) return Optional.empty();
        java.nio.file.Path crc = tableDir.resolve("_delta_log").resolve(String.format("%020d.crc", version));
        if (!Files.isRegularFile(crc)) return Optional.empty();
        try {
            return Optional.of(JSON.readTree(crc.toFile()));
        } catch (IOException e) {
            // A checksum is an optimisation Delta writes after the commit: unreadable means not known.
            return Optional.empty();
        }
    }

    /** The table's latest version from its checksum file, when that is a faithful description of it. */
    static Optional<ChecksumSnapshot> of(java.nio.file.Path tableDir, long version) {
        return checksum(tableDir, version).flatMap(root -> of(tableDir, root));
    }

    private static Optional<ChecksumSnapshot> of(java.nio.file.Path tableDir, JsonNode root) {
        try {
            JsonNode protocol = root.path("protocol");
            JsonNode metadata = root.path("metadata");
            JsonNode allFiles = root.path("allFiles");
            if (protocol.path("minReaderVersion").asInt(Integer.MAX_VALUE) != 1 || !allFiles.isArray()
                    || metadata.path("partitionColumns").size() > 0 || !metadata.path("schemaString").isTextual()) {
                return Optional.empty();
            }
            if (allFiles.size() != root.path("numFiles").asLong(-1)) return Optional.empty();
            List<String> files = new ArrayList<>();
            for (JsonNode add : allFiles) {
                if (add.hasNonNull("deletionVector") || !add.path("path").isTextual()) return Optional.empty();
                files.add(absolute(tableDir, add.path("path").asText()));
            }
            DataType schema = DataType.fromJson(metadata.path("schemaString").asText());
            if (!(schema instanceof StructType struct)) return Optional.empty();
            return Optional.of(new ChecksumSnapshot(struct, List.copyOf(files)));
        } catch (RuntimeException | URISyntaxException e) {
            // A checksum Delta wrote differently from what this expects: read through Delta.
            return Optional.empty();
        }
    }

    /** Delta stores a file's path as a URI, relative to the table unless it is absolute. */
    private static String absolute(java.nio.file.Path tableDir, String uriPath) throws URISyntaxException {
        URI uri = new URI(uriPath);
        if (uri.isAbsolute()) return new Path(uri).toString();
        return new Path(new Path(tableDir.toUri()), new Path(uri)).toString();
    }
}
