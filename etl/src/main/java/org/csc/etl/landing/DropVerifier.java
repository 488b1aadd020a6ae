package org.csc.etl.landing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A drop is applied whole or not at all: every listed file must exist and match its sha256. */
public final class DropVerifier {
    private DropVerifier() {}

    public static List<String> problems(Drop drop) {
        List<String> problems = new ArrayList<>();
        Manifest m = drop.manifest();
        if (!drop.system().equalsIgnoreCase(String.valueOf(m.system()))) {
            problems.add("manifest says system '" + m.system() + "' but the drop is in " + drop.system() + "/");
        }
        if (!"FULL".equalsIgnoreCase(m.mode()) && !"DELTA".equalsIgnoreCase(m.mode())) {
            problems.add("manifest mode '" + m.mode() + "' is neither FULL nor DELTA");
        }
        if (m.files() == null) {
            problems.add("manifest lists no files");
            return problems;
        }
        for (Manifest.FileEntry f : m.files()) {
            Path p = drop.dir().resolve(f.name());
            if (!Files.isRegularFile(p)) {
                problems.add(f.name() + ": listed in the manifest but missing");
                continue;
            }
            String actual = sha256(p);
            if (!actual.equalsIgnoreCase(f.sha256())) {
                problems.add(f.name() + ": sha256 does not match the manifest (file damaged or changed after export)");
            }
        }
        return problems;
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
