"""Open out/cubes.duckdb from a notebook and return pandas frames.

Uses the duckdb Python package when it is installed; otherwise the DuckDB JDBC jar through JPype
(Debian's python3-jpype). Debian's JPype 1.4.1 does not find its own support jar by itself: it must
be on the class path given to startJVM (STACK_NOTES "Notebooks").

Environment: CSC_CUBES_DB (default <repo>/out/cubes.duckdb), CSC_DUCKDB_JAR (default: the jar in
cubes/target/lib or the local Maven repository), CSC_JPYPE_JAR (default /usr/share/java/org.jpype.jar).
"""
import glob
import os
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent


def cubes_path():
    return os.environ.get("CSC_CUBES_DB", str(REPO / "out" / "cubes.duckdb"))


def _duckdb_jar():
    if os.environ.get("CSC_DUCKDB_JAR"):
        return os.environ["CSC_DUCKDB_JAR"]
    candidates = sorted(glob.glob(str(REPO / "cubes" / "target" / "lib" / "duckdb_jdbc-*.jar")))
    candidates += sorted(glob.glob(os.path.expanduser("~/.m2/repository/org/duckdb/duckdb_jdbc/*/duckdb_jdbc-*.jar")))
    if not candidates:
        raise FileNotFoundError("DuckDB JDBC jar not found: run 'mvn -q -pl cubes -am package -DskipTests' "
                                "or set CSC_DUCKDB_JAR to the jar's path")
    return candidates[-1]


class Cubes:
    """query(sql) -> pandas DataFrame, read-only."""

    def __init__(self, path=None):
        self.path = path or cubes_path()
        if not os.path.exists(self.path):
            raise FileNotFoundError(f"{self.path} does not exist: run nightly first or set CSC_CUBES_DB")
        try:
            import duckdb  # noqa: F401
            self._con = duckdb.connect(self.path, read_only=True)
            self._mode = "duckdb"
        except ImportError:
            import jpype
            if not jpype.isJVMStarted():
                jpype.startJVM(classpath=[_duckdb_jar(), os.environ.get("CSC_JPYPE_JAR", "/usr/share/java/org.jpype.jar")])
            DriverManager = jpype.JClass("java.sql.DriverManager")
            props = jpype.JClass("java.util.Properties")()
            props.setProperty("duckdb.read_only", "true")
            jpype.JClass("org.duckdb.DuckDBDriver")
            self._con = DriverManager.getConnection("jdbc:duckdb:" + self.path, props)
            self._mode = "jdbc"

    def query(self, sql):
        if self._mode == "duckdb":
            return self._con.execute(sql).df()
        st = self._con.createStatement()
        try:
            rs = st.executeQuery(sql)
            meta = rs.getMetaData()
            cols = [str(meta.getColumnLabel(i + 1)) for i in range(meta.getColumnCount())]
            rows = []
            while rs.next():
                rows.append([None if rs.getObject(i + 1) is None else str(rs.getString(i + 1)) for i in range(len(cols))])
        finally:
            st.close()
        df = pd.DataFrame(rows, columns=cols)
        for c in df.columns:
            if c.endswith("_end") or c in ("as_of", "month_end", "week_end"):
                df[c] = pd.to_datetime(df[c])
            else:
                converted = pd.to_numeric(df[c], errors="coerce")
                if converted.notna().sum() == df[c].notna().sum():
                    df[c] = converted
        return df
