package org.csc.etl.landing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** _manifest.json: written last by the exporter; its presence means the drop is complete. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(@JsonProperty("system") String system,
                       @JsonProperty("extract_date") String extractDate,
                       @JsonProperty("extracted_at") String extractedAt,
                       @JsonProperty("mode") String mode,
                       @JsonProperty("files") List<FileEntry> files) {

    public static final String FILE_NAME = "_manifest.json";
    public static final String DELETIONS = "_DELETIONS.csv";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(@JsonProperty("name") String name, @JsonProperty("rows") long rows,
                            @JsonProperty("sha256") String sha256) {
        public String table() { return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name; }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Manifest read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Manifest.class);
    }

    public boolean isFull() { return "FULL".equalsIgnoreCase(mode); }
}
