"""Small news-like articles written for the store, CLI and distributed tests (no corpus text).

Each article is distinct (different places, people, numbers and days), a few sentences long, with
a quote, a named source and date expressions, so every annotation table gets rows.
"""

from __future__ import annotations

import csv
from pathlib import Path

_PLACES = ["Lisbon", "Nairobi", "Osaka", "Quito", "Tallinn", "Perth", "Accra", "Bergen", "Cusco",
           "Dakar", "Hanoi", "Leeds", "Mombasa", "Porto", "Riga", "Sapporo"]
_PEOPLE = ["Maria Duarte", "James Otieno", "Kenji Sato", "Lucia Paredes", "Kadri Tamm",
           "Ruth Keller", "Kofi Mensah", "Ingrid Solberg", "Pedro Quispe", "Awa Ndiaye",
           "Linh Tran", "Oliver Hart", "Amina Hassan", "Rui Costa", "Janis Ozols", "Yuki Mori"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_EVENTS = ["a bridge closure", "a port strike", "a water shortage", "a rail upgrade",
           "a hospital expansion", "a flood warning", "a school reform", "a power outage"]


def article_text(i: int) -> str:
    """Return the text of synthetic article ``i`` (headline, blank line, body)."""
    place = _PLACES[i % len(_PLACES)]
    person = _PEOPLE[(i * 7) % len(_PEOPLE)]
    day = _DAYS[i % len(_DAYS)]
    event = _EVENTS[(i * 3) % len(_EVENTS)]
    count = 3 + (i * 13) % 90
    return (
        f"{place} officials respond to {event}, report {i}\n\n"
        f"{place.upper()} - City officials in {place} said on {day} that {count} families were "
        f"affected by {event} that began last week.\n\n"
        f'"We are working around the clock," said {person}, a spokesperson for the city council. '
        f"{person} told reporters the work would finish by March {1 + i % 27}.\n\n"
        f"Two officials who asked not to be named said the cost could reach {count * 11} million "
        f"dollars in 2024. According to the regional government, a review will start next month."
    )


def write_articles(folder: Path, indices, *, manifest: bool = True) -> Path:
    """Write synthetic articles ``indices`` as ``a<i>.txt`` files (and a manifest) in ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for i in indices:
        (folder / f"a{i:04d}.txt").write_text(article_text(i), encoding="utf-8")
        rows.append({"file": f"a{i:04d}.txt", "outlet": f"Outlet {i % 3}",
                     "url": f"https://example.org/news/{i}"})
    if manifest:
        with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=["file", "outlet", "url"])
            writer.writeheader()
            writer.writerows(rows)
    return folder
