"""No code execution from data: no unpickling, eval or shell in the package; pickles are not read.

The scan walks the syntax tree of every module of ``workbench/`` (a grep would miss aliases such
as ``from pickle import loads as l`` and flag comments); the runtime tests put a booby-trapped
pickle among the inputs and check it is never opened as a pickle.
"""

import ast
import pickle
from pathlib import Path

import pytest
from helpers import ROOT

import workbench

PACKAGE = ROOT / "workbench"

#: Calls that run code or unpickle data: module -> functions (None = any attribute).
DANGEROUS = {
    "pickle": {"load", "loads", "Unpickler"},
    "_pickle": {"load", "loads", "Unpickler"},
    "cPickle": None,
    "dill": None,
    "cloudpickle": {"load", "loads"},
    "marshal": {"load", "loads"},
    "shelve": {"open"},
    "joblib": {"load"},
    "jsonpickle": {"decode"},
    "torch": {"load"},
    "os": {"system", "popen", "execv", "execve", "execl", "execlp", "execvp", "spawnl"},
    "pty": {"spawn"},
    "code": {"interact", "InteractiveInterpreter", "InteractiveConsole"},
}
BUILTINS = {"eval", "exec", "compile", "__import__", "execfile", "input"}
#: Method names that unpickle whatever object they are called on (pandas, numpy).
METHODS = {"read_pickle", "from_pickle"}


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def _imports(tree: ast.AST) -> dict[str, str]:
    """Local name -> 'module' or 'module.attr' for every import of the module."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    names[alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _dangerous_call(node: ast.Call, names: dict[str, str]) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        if func.id in BUILTINS and func.id not in names:
            return func.id
        target = names.get(func.id, "")
        module, _, attr = target.rpartition(".")
        if module in DANGEROUS and (DANGEROUS[module] is None or attr in DANGEROUS[module]):
            return target
        if target.split(".")[0] in DANGEROUS and DANGEROUS[target.split(".")[0]] is None:
            return target
    elif isinstance(func, ast.Attribute):
        if func.attr in METHODS:
            return func.attr
        if func.attr == "load" and any(
            kw.arg == "allow_pickle" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False)
            for kw in node.keywords
        ):
            return "load(allow_pickle=...)"
        if func.attr == "load" and isinstance(func.value, ast.Name) and names.get(func.value.id) == "yaml":
            loader = [kw for kw in node.keywords if kw.arg == "Loader"]
            if not loader or "Safe" not in ast.unparse(loader[0].value):
                return "yaml.load without SafeLoader"
        if isinstance(func.value, ast.Name):
            module = names.get(func.value.id)
            if module in DANGEROUS and (DANGEROUS[module] is None or func.attr in DANGEROUS[module]):
                return f"{module}.{func.attr}"
        if func.attr in {"run", "call", "check_call", "check_output", "Popen"} and any(
            kw.arg == "shell" and not (isinstance(kw.value, ast.Constant) and not kw.value.value)
            for kw in node.keywords
        ):
            return f"subprocess {func.attr}(shell=True)"
    return None


def scan(path: Path, root: Path = ROOT) -> list[str]:
    """Return 'file:line: call' for every dangerous call in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = _imports(tree)
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            what = _dangerous_call(node, names)
            if what:
                hits.append(f"{path.relative_to(root)}:{node.lineno}: {what}")
    return hits


def test_scanner_finds_what_it_looks_for(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import pickle\nfrom pickle import loads as l\nimport pandas as pd\nimport numpy as np\n"
        "import subprocess, yaml\nimport os\n"
        "pickle.load(open('x', 'rb'))\nl(b'')\neval('1')\nexec('x=1')\npd.read_pickle('x')\n"
        "np.load('x', allow_pickle=True)\nsubprocess.run('ls', shell=True)\nyaml.load('a')\n"
        "os.system('ls')\nyaml.load('a', Loader=yaml.SafeLoader)\nsubprocess.run(['ls'])\n",
        encoding="utf-8",
    )
    found = {h.split(": ", 1)[1] for h in scan(bad, tmp_path)}
    assert found == {"pickle.load", "pickle.loads", "eval", "exec", "read_pickle",
                     "load(allow_pickle=...)", "subprocess run(shell=True)",
                     "yaml.load without SafeLoader", "os.system"}, found


def test_package_never_unpickles_evals_or_shells_out():
    modules = _modules()
    assert len(modules) > 10, "package not found"
    hits = [hit for path in modules for hit in scan(path)]
    assert not hits, "code execution from data is possible:\n" + "\n".join(hits)


class _Trap:
    """Unpickling this object writes a marker file: proof that a pickle was executed."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (Path(self.marker).write_text, ("unpickled!",))


@pytest.mark.parametrize("name", ["corpus.pkl", "corpus.pickle", "article.txt.pkl",
                                  "records.joblib", "frame.npy"])
def test_pickled_inputs_are_never_unpickled(tmp_path, name):
    marker = tmp_path / "marker"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(pickle.dumps(_Trap(str(marker))))
    (folder / "story.txt").write_text(
        "Headline of a real story\n\nThe council said on Monday that it would vote on the plan "
        "again next week, two members told reporters after the meeting.\n", encoding="utf-8")
    corpus = workbench.load(str(folder))
    assert not marker.exists(), f"{name} was unpickled"
    report = corpus.load_report.set_index(corpus.load_report["source_path"].map(lambda p: Path(p).name))
    assert report.loc[name, "status"] in {"skipped", "failed"}
    assert report.loc["story.txt", "status"] == "loaded"


def test_pickle_bytes_under_a_text_name_are_data_not_code(tmp_path):
    marker = tmp_path / "marker"
    path = tmp_path / "article.json"
    path.write_bytes(pickle.dumps(_Trap(str(marker)), protocol=0))
    workbench.load(str(path))
    assert not marker.exists()


def test_pyarrow_does_not_unpickle_extension_types():
    """pyarrow < 14.0.1 unpickled PyExtensionType metadata from Parquet/IPC (CVE-2023-47248)."""
    pyarrow = pytest.importorskip("pyarrow")
    version = tuple(int(x) for x in pyarrow.__version__.split(".")[:3] if x.isdigit())
    assert version >= (14, 0, 1), f"pyarrow {pyarrow.__version__} unpickles data it reads"
