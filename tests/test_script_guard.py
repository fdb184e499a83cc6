"""A researcher's plain script works: no ``if __name__ == "__main__":`` guard is needed.

Worker processes start with ``spawn``, which re-runs the main script in every worker; a script
that loads and annotates at module level used to crash with ``BrokenProcessPool``. The script is
a real temporary ``.py`` file run with a subprocess, on 170 real articles (the AllSides
article-bias sample in ``../shared/corpora``, read in place; written as one JSONL record per
article to a temporary folder outside the repository).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from helpers import ROOT, shared_corpus

N_ARTICLES = 170


def _write_corpus(folder, n: int = N_ARTICLES) -> None:
    source = shared_corpus("allsides_article_bias") / "articles_sample.jsonl"
    seen, rows = set(), []
    with open(source, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            text = (d.get("content_original") or "").strip()
            key = " ".join(text.lower().split())
            if len(text.split()) < 40 or key in seen:
                continue
            seen.add(key)
            rows.append({"title": d.get("title"), "maintext": text, "url": d.get("url"),
                         "source_domain": d.get("source_url"), "date_publish": d.get("date")})
            if len(rows) == n:
                break
    assert len(rows) == n
    folder.mkdir()
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")


def _run(script, cwd, timeout=600):
    env = {**os.environ, "WORKBENCH_PROGRESS": "0", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(script)], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.slow
@pytest.mark.shared
def test_unguarded_script_annotates_170_articles(tmp_path):
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    script = tmp_path / "my_analysis.py"
    script.write_text(textwrap.dedent(f"""\
        import workbench

        c = workbench.load({str(corpus)!r})
        print("articles", len(c.articles))
        print("annotated", c.publication_dates["article_id"].nunique())
        print("sentences", len(c.sentences))
    """))
    proc = _run(script, tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = dict(line.split(" ", 1) for line in proc.stdout.splitlines())
    assert out["articles"] == str(N_ARTICLES)
    assert out["annotated"] == str(N_ARTICLES)
    assert int(out["sentences"]) > N_ARTICLES * 3
    # one warning line says why it ran in one process, and how to use every core
    warned = [line for line in proc.stderr.splitlines() if "__main__" in line]
    assert len(warned) == 1, proc.stderr[-3000:]
    assert "one process" in warned[0]
    assert "BrokenProcessPool" not in proc.stderr



@pytest.mark.slow
@pytest.mark.shared
def test_unguarded_script_with_a_store_and_two_processes(tmp_path):
    """The store's annotate path (asked for 2 processes) runs in one, with the same warning."""
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 40)
    script = tmp_path / "with_store.py"
    script.write_text(textwrap.dedent(f"""\
        import workbench

        c = workbench.load({str(corpus)!r}, store={str(tmp_path / "store")!r}, n_process=2)
        print("articles", len(c.articles))
        print("annotated", c.publication_dates["article_id"].nunique())
    """))
    proc = _run(script, tmp_path, timeout=300)  # before: the workers waited for the store's lock
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split() == ["articles", "40", "annotated", "40"]
    warned = [line for line in proc.stderr.splitlines() if "RuntimeWarning" in line]
    assert len(warned) == 1 and "one process, not 2" in warned[0], proc.stderr[-3000:]


UNGUARDED = """\
import workbench.processes as p
print(p.usable_processes(2))
"""
GUARDED = """\
import workbench.processes as p


def main():
    print(p.usable_processes(2))


if __name__ == "__main__":
    main()
"""
GUARD_BUT_WORK_OUTSIDE = """\
import workbench.processes as p

print(p.usable_processes(2))

if __name__ == "__main__":
    pass
"""
REVERSED_GUARD = """\
import workbench.processes as p

if "__main__" == __name__:
    print(p.usable_processes(2))
"""


@pytest.mark.parametrize(("source", "expected"), [
    (UNGUARDED, 1), (GUARDED, 2), (GUARD_BUT_WORK_OUTSIDE, 1), (REVERSED_GUARD, 2)])
def test_processes_decided_from_the_guard(tmp_path, source, expected):
    script = tmp_path / "analysis.py"
    script.write_text(source)
    proc = _run(script, tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [str(expected)]
    warnings = [line for line in proc.stderr.splitlines() if "RuntimeWarning" in line]
    if expected == 1:
        (line,) = warnings
        assert line.startswith(f"{script}:3:" if source is GUARD_BUT_WORK_OUTSIDE else f"{script}:2:")
        assert "analysis.py" in line and 'if __name__ == "__main__":' in line
    else:
        assert warnings == []


def test_module_run_and_interactive_main(tmp_path):
    (tmp_path / "mymod.py").write_text(UNGUARDED)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(tmp_path)])}
    as_module = subprocess.run([sys.executable, "-m", "mymod"], cwd=tmp_path, env=env,
                               capture_output=True, text=True, timeout=120)
    assert as_module.stdout.split() == ["1"]  # spawn re-runs a module by name too
    inline = subprocess.run([sys.executable, "-c", UNGUARDED], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert inline.stdout.split() == ["2"]  # nothing to re-run
    assert "RuntimeWarning" not in inline.stderr
