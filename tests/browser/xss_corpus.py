"""A small corpus written for the browser tests: two stories, hostile markup in text and metadata.

The texts are invented here (no dataset text). Story one is a bridge closure in an invented
town, reported by two outlets from one wire copy with edits; story two is a chess final. One
article carries ``<script>`` and ``<img onerror>`` payloads in its text, headline and byline:
they must show as text and never run.
"""

from __future__ import annotations

import json
from pathlib import Path

SCRIPT = "<script>window.__xss = 1</script>"
IMG = '<img src=x onerror="window.__xss = 2">'

_BRIDGE = [
    "VELMORA (Wire) - The Harlan river bridge in the town of Velmora was closed on Tuesday after "
    "engineers found cracks in two of its steel supports, the regional transport office said.",
    "About {n} vehicles cross the bridge every day, and traffic was diverted to a ferry and a "
    "temporary road north of the town, officials said.",
    "Transport director Mirela Kost said repairs would take at least six weeks and cost about "
    "4 million euros.",
    "Local shop owners said the closure would hurt trade during the autumn market season.",
    "The bridge was built in 1968 and last inspected in March, according to the transport office.",
]
_CHESS = [
    "ODESSARIO (Wire) - Grandmaster Tomas Vreeland won the Odessario open chess final on Sunday, "
    "beating defending champion Ilka Brandt after a six-hour endgame.",
    "Vreeland, 23, collected a prize of {n} thousand dollars and qualified for the world "
    "candidates tournament next year.",
    "Brandt said she had missed a drawing line in the rook ending and congratulated her opponent.",
    "The tournament drew 180 players from 31 countries to the coastal city.",
    "Organisers said next year's event would move to a larger hall near the harbour.",
]


def write_corpus(folder: Path) -> Path:
    """Write ``articles.jsonl`` (four articles, two stories) into ``folder``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    records = [
        {"outlet": "Valley Courier", "url": "https://valley.example/bridge",
         "title": f"Velmora bridge closed {SCRIPT}", "author": f"Ana Ruiz {IMG}",
         "date_publish": "2024-10-01",
         "text": "\n\n".join([_BRIDGE[0], _BRIDGE[1].format(n="12,000"),
                              f"Residents posted {SCRIPT} and {IMG} on the town forum.",
                              *_BRIDGE[2:]])},
        {"outlet": "River Times", "url": "https://rivertimes.example/velmora",
         "title": "Cracks close Velmora's Harlan bridge", "author": "Staff",
         "date_publish": "2024-10-02",
         "text": "\n\n".join([_BRIDGE[0], _BRIDGE[1].format(n="15,000"), *_BRIDGE[2:4]])},
        {"outlet": "Board Weekly", "url": "https://board.example/final",
         "title": "Vreeland takes Odessario title", "author": "Lena Ostrova",
         "date_publish": "2024-09-15",
         "text": "\n\n".join([_CHESS[0], _CHESS[1].format(n="40"), *_CHESS[2:]])},
        {"outlet": "Chess Daily", "url": "https://chessdaily.example/odessario",
         "title": "Young grandmaster wins in Odessario", "author": "Staff",
         "date_publish": "2024-09-16",
         "text": "\n\n".join([_CHESS[0], _CHESS[1].format(n="45"), _CHESS[2], _CHESS[4]])},
    ]
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec) + "\n")
    return folder
