"""Opens the published cubes from a notebook: the duckdb Python package when it is installed,
otherwise DuckDB's JDBC driver (the jar the warehouse itself uses) through JPype.

CSC_CUBES names the file (default: ../out/cubes.duckdb next to this folder)."""
import glob
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else os.getcwd()
ROOT = os.path.dirname(HERE)
CUBES = os.environ.get("CSC_CUBES", os.path.join(ROOT, "out", "cubes.duckdb"))
CHARTS = os.environ.get("CSC_CHARTS", os.path.join(ROOT, "out", "charts"))


def _duckdb_python(path):
    import duckdb  # noqa: F401  (absent on Debian: no package there)
    con = duckdb.connect(path, read_only=True)
    return lambda sql: con.execute(sql).fetchdf()


def _duckdb_jdbc(path):
    import jpype
    import jpype.imports  # noqa: F401
    if not jpype.isJVMStarted():
        jars = glob.glob(os.path.join(ROOT, "cubes", "target", "lib", "duckdb_jdbc-*.jar"))
        if not jars:
            raise RuntimeError("DuckDB JDBC jar not found under cubes/target/lib: run ./csc --help once to build")
        # Debian's JPype does not find its own support jar: it must be on the class path (STACK_NOTES).
        support = [p for p in ["/usr/share/java/org.jpype.jar"] if os.path.exists(p)]
        jpype.startJVM(classpath=jars + support)
    from java.sql import DriverManager
    from java.util import Properties
    props = Properties()
    props.setProperty("duckdb.read_only", "true")
    con = DriverManager.getConnection("jdbc:duckdb:" + path, props)

    def query(sql):
        stmt = con.createStatement()  # a fresh statement per query (a failed one is closed)
        rs = stmt.executeQuery(sql)
        md = rs.getMetaData()
        cols = [str(md.getColumnLabel(i + 1)) for i in range(md.getColumnCount())]
        rows = []
        while rs.next():
            rows.append([_py(rs.getObject(i + 1)) for i in range(len(cols))])
        stmt.close()
        return pd.DataFrame(rows, columns=cols)
    return query


def _py(v):
    if v is None:
        return None
    s = str(v)
    try:
        return float(s) if hasattr(v, "doubleValue") else s
    except ValueError:
        return s


def connect(path=CUBES):
    """Returns query(sql) -> pandas.DataFrame on the published cubes (read-only)."""
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path} not found: run ./csc demo (or ./csc nightly) first")
    try:
        return _duckdb_python(path)
    except ImportError:
        return _duckdb_jdbc(path)


def tables(query):
    return set(query("SELECT table_name FROM information_schema.tables")["table_name"])


def save(fig, name):
    os.makedirs(CHARTS, exist_ok=True)
    out = os.path.join(CHARTS, name)
    fig.savefig(out, dpi=90, bbox_inches="tight")
    return out
