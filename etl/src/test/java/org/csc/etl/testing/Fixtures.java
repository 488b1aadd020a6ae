package org.csc.etl.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies a landing fixture from test resources into a temp directory a test may change. */
public final class Fixtures {
    private Fixtures() {}

    public static Path copyLanding(String name, Path target) throws IOException {
        Path src;
        try {
            src = Path.of(Fixtures.class.getClassLoader().getResource("landing/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.toList()) {
                Path dest = target.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }
}
