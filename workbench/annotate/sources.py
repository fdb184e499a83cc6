"""Quotes and structured sources: who is cited, how they are described, and what they said.

:func:`extract_attributions` turns the attributions of one parsed article
(:func:`workbench.annotate.quotes.find_attributions`) into two tables:

* ``quotes``: one row per attribution (direct, indirect or mixed) with cue, speaker and content
  spans;
* ``sources``: one row per source mention, its description decomposed into kind, count, name,
  role, affiliation and basis, with a ``source_key`` shared by all mentions of one source in the
  article ("the sources" -> the group first introduced; "he", "Price" -> "Ned Price").

Descriptions are decomposed from the parse and the lexicons in
:mod:`workbench.annotate.lexicons` (number words, role nouns, institution and outlet words,
basis modifiers), never from known strings. :func:`summarize_sources` rolls the mentions up per
article.
"""

from __future__ import annotations

import bisect
import re

import pandas as pd

from workbench import schema
from workbench.annotate.lexicons import (
    AGENCY_NAMES,
    ANONYMOUS_NOUNS,
    BASIS_WORDS,
    DOCUMENT_NOUNS,
    INSTITUTION_NOUNS,
    NUMBER_WORDS,
    OUTLET_WORDS,
    PLURAL_QUANTIFIERS,
    ROLE_NOUNS,
)
from workbench.annotate.quotes import (
    Attribution,
    doc_ents,
    doc_text,
    find_attributions,
    sent_bounds,
)

__all__ = ["describe_source", "extract_attributions", "summarize_sources"]

SOURCE_KINDS = (
    "named_person", "named_organization", "news_agency", "anonymous", "unnamed_official",
    "document", "other",
)
_PERSONAL = {"he", "she", "him", "her", "his", "hers"}
_PLURAL_PRON = {"they", "them", "we", "us"}
_FIRST_PERSON = {"i", "me", "we", "us", "my", "our"}
_RELATIVE = {"who", "which", "that", "whom"}
_NEUTER = {"it"}
_SECOND_PERSON = {"you", "your", "yourself"}
_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen", "sen.", "rep", "rep.",
               "gov", "gov.", "gen", "gen.", "prof", "prof.", "sir", "lord", "lady", "rev", "rev."}
_OFFICIAL_HEADS = {"official", "spokesman", "spokeswoman", "spokesperson", "diplomat", "aide",
                   "officer", "adviser", "advisor", "staffer", "envoy", "ambassador", "minister"}
_POSSESSIVE = re.compile(r"\s*['’]s?$")
_AFFIL_PREPS = {"from", "at", "of", "in", "for", "with", "within", "inside", "close"}
_GENERIC_ADJ = {"senior", "top", "junior", "former", "current", "other", "several", "some",
                "high", "high-ranking", "ranking", "western", "local"}


def extract_attributions(doc, sentences: list[dict]) -> tuple[list[dict], list[dict]]:
    """Return (quote rows, source rows) for one parsed article.

    Args:
        doc: The article's parsed spaCy ``Doc`` (text = the clean text).
        sentences: Its sentence rows (``parse.sentence_rows``), for ``sentence_id``.

    Returns:
        ``quotes`` rows (one per attribution) and ``sources`` rows (one per source mention),
        both without ``article_id`` (the driver adds it).
    """
    if not doc_text(doc).strip():
        return [], []
    attrs = find_attributions(doc)
    starts = [s["start_char"] for s in sentences]

    def sentence_of(offset: int | None):
        if offset is None or not sentences:
            return None
        idx = bisect.bisect_right(starts, offset) - 1
        return sentences[max(idx, 0)]["sentence_id"]

    resolver = _Resolver(doc)
    quote_speaker: dict[int, str] = {}
    descs: dict[int, dict] = {}  # id(attribution) -> its resolved source description
    speaker_keys: dict[int, str | None] = {}  # id(attribution) -> its speaker key
    text = doc_text(doc)
    # Resolve speakers outside quotes first, so that 'I' inside a quote can take its speaker.
    def position(a: Attribution):
        if a.document is not None:
            return a.document[0], False
        return (a.speaker_start if a.speaker_start is not None else a.content_start), True

    by_position = sorted(attrs, key=position)
    for attr in sorted(by_position, key=lambda a: a.inside_quote is not None):
        desc = None
        if attr.document is not None:
            desc = _document_description(doc, attr)
        elif attr.speaker_head is not None:
            desc = describe_source(doc, attr.speaker_head, attr.speaker_start, attr.speaker_end)
            if attr.kind == "transcript":
                desc = _transcript_speaker(doc, desc, attr)
        if desc is not None:
            desc = descs[id(attr)] = resolver.resolve(desc, attr, quote_speaker)
            speaker_keys[id(attr)] = desc["source_key"]
        elif attr.continues_quote is not None:
            # the continued attribution's key, when it was resolved before this one
            speaker_keys[id(attr)] = quote_speaker.get(attr.continues_quote)
        if attr.quote_index is not None and speaker_keys.get(id(attr)) is not None:
            quote_speaker[attr.quote_index] = speaker_keys[id(attr)]
    quote_rows: list[dict] = []
    source_rows: list[dict] = []
    seen_heads: set[int] = set()
    for attr in by_position:
        qid = len(quote_rows)
        desc = descs.get(id(attr))
        stance_only = attr.is_stance and attr.quote_index is None
        if desc is not None and desc.get("pronoun") not in _SECOND_PERSON and not stance_only:
            span = (desc["start_char"], desc["end_char"])
            if desc["head_i"] not in seen_heads:
                seen_heads.add(desc["head_i"])
                source_rows.append(
                    {
                        "source_id": len(source_rows),
                        "sentence_id": sentence_of(span[0]),
                        **{k: desc.get(k) for k in _SOURCE_FIELDS},
                        "cue": _cue_text(text, attr),
                        "quote_id": qid,
                    }
                )
        quote_rows.append(
            {
                "quote_id": qid,
                "sentence_id": sentence_of(attr.cue_start if attr.cue_start is not None
                                           else attr.content_start),
                "quote_type": attr.quote_type,
                "cue": text[attr.cue_start : attr.cue_end] if attr.cue_start is not None else None,
                "cue_start": attr.cue_start,
                "cue_end": attr.cue_end,
                "speaker": (text[attr.speaker_start : attr.speaker_end]
                            if attr.speaker_start is not None else None),
                "speaker_start": attr.speaker_start,
                "speaker_end": attr.speaker_end,
                "content": text[attr.content_start : attr.content_end],
                "content_start": attr.content_start,
                "content_end": attr.content_end,
                "speaker_key": speaker_keys.get(id(attr)),
            }
        )
    return quote_rows, source_rows


_SOURCE_FIELDS = (
    "start_char", "end_char", "source_text", "source_kind", "is_anonymous", "source_count",
    "is_plural", "source_name", "role", "affiliation", "basis", "is_on_record", "source_key",
)


def _transcript_speaker(doc, desc: dict, attr: Attribution) -> dict:
    """Type a transcript turn's label ('WALLACE:', 'SEN. KAINE:') as the named person speaking."""
    label = doc_text(doc)[attr.speaker_start:attr.speaker_end]
    words = label.replace(".", ". ").split()
    name = " ".join(w.capitalize() if w.isupper() else w for w in words)
    return {**desc, "source_kind": "named_person", "source_name": name, "is_anonymous": False,
            "source_count": 1, "is_plural": False, "is_on_record": True}


def _cue_text(text: str, attr: Attribution) -> str | None:
    if attr.cue_start is None:
        return None
    cue = text[attr.cue_start : attr.cue_end]
    return f"{cue} {attr.recipient}" if attr.recipient else cue


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split()).strip(" ,;:-—")
    text = _POSSESSIVE.sub("", text)
    if text.lower().startswith("the "):
        text = text[4:]
    return text or None


def _subtree_text(doc, tok) -> str:
    return doc[tok.left_edge.i : tok.right_edge.i + 1].text


def _count_of(head) -> tuple[int | None, bool, bool]:
    """Return (count, is_plural, explicit) for a nominal head from its number and determiners."""
    plural = head.tag_ in ("NNS", "NNPS")
    for child in head.children:
        low = child.lower_
        if child.dep_ == "nummod" or (child.dep_ in ("det", "amod", "quantmod") and low in NUMBER_WORDS):
            if low.isdigit():
                n = int(low)
                return n, n > 1, True
            if low in NUMBER_WORDS:
                n = NUMBER_WORDS[low]
                if low == "another" or n == 1:
                    return 1, False, True
                return n, n > 1, True
        if low in PLURAL_QUANTIFIERS and child.dep_ in ("det", "amod", "quantmod"):
            return None, True, True
    if plural:
        return None, True, False
    return 1, False, False


def _role_and_affiliation(doc, head, start_char: int, end_char: int, skip: set[int]):
    """Return (role, affiliation, role token) from the modifiers of ``head`` within the span."""
    role_tok = None
    tokens = [t for t in doc[head.left_edge.i : head.right_edge.i + 1]
              if start_char <= t.idx < end_char]
    pre = [t for t in tokens if t.i <= head.i and t.i not in skip]
    for t in reversed(pre):
        if t.lemma_.lower() in ROLE_NOUNS or t.lower_ in ROLE_NOUNS:
            role_tok = t
            break
    appos_role = None
    for child in head.children:
        if child.dep_ == "appos" and (child.lemma_.lower() in ROLE_NOUNS):
            appos_role = child
    role = None
    affiliation = None
    anchor = role_tok if role_tok is not None else head
    if role_tok is not None:
        role = role_tok.text
        for child in role_tok.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i == role_tok.i + 1:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ == "PROPN":
                    role = doc[role_tok.i : pobj.right_edge.i + 1].text
    elif appos_role is not None:
        role = appos_role.text
        anchor = appos_role
    # Affiliation: proper-noun / institution modifiers just before the role (or head) noun.
    mods = []
    k = anchor.i - 1
    while k >= anchor.left_edge.i and k >= 0 and doc[k].idx >= start_char:
        t = doc[k]
        if t.i in skip or t.dep_ in ("det", "nummod", "punct") or t.lower_ in _GENERIC_ADJ:
            break
        if t.lower_ in NUMBER_WORDS or t.like_num:
            break
        if t.lemma_.lower() in ROLE_NOUNS and t.pos_ != "PROPN":
            break
        mods.append(t)
        k -= 1
    mods.reverse()
    while mods and not (mods[0].pos_ == "PROPN" or mods[0].ent_type_ in {"ORG", "GPE", "NORP"}
                        or mods[0].lemma_.lower() in INSTITUTION_NOUNS
                        or mods[0].lower_ in {"government", "state", "federal", "military",
                                              "intelligence", "security", "police", "industry",
                                              "company", "party", "campaign", "administration",
                                              "defense", "defence", "foreign"}):
        mods.pop(0)
    if mods:
        affiliation = _clean(doc[mods[0].i : mods[-1].i + 1].text)
    if affiliation is None:
        for child in list(anchor.children) + list(head.children):
            if child.dep_ == "prep" and child.lower_ in _AFFIL_PREPS and child.idx < end_char:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is None or _is_basis(child):
                    continue
                if pobj.ent_type_ in {"ORG", "GPE", "NORP"} or pobj.pos_ == "PROPN" or \
                        pobj.lemma_.lower() in INSTITUTION_NOUNS:
                    affiliation = _clean(_subtree_text(doc, pobj))
                    break
            if child.dep_ == "poss" and (child.ent_type_ in {"ORG", "GPE", "NORP"}
                                         or child.lemma_.lower() in INSTITUTION_NOUNS):
                affiliation = _clean(_subtree_text(doc, child))
                break
    return role, affiliation, role_tok


def _is_basis(tok) -> bool:
    return any(t.lemma_.lower() in BASIS_WORDS for t in tok.subtree)


def _basis(doc, head, end_char: int) -> str | None:
    for child in head.children:
        if child.i <= head.i or child.idx >= end_char:
            continue
        if child.dep_ in ("prep", "acl", "amod", "relcl", "advcl") and _is_basis(child):
            start = child.idx
            right = child.right_edge
            return _clean(doc_text(doc)[start : min(end_char, right.idx + len(right))])
    return None


def describe_source(doc, head_i: int, start_char: int, end_char: int) -> dict:
    """Decompose one source description into kind, count, name, role, affiliation and basis.

    Args:
        doc: Parsed ``Doc``.
        head_i: Token index of the description's head ("sources", "Price", "agency").
        start_char: Start of the description span.
        end_char: End of the description span.

    Returns:
        A dict of ``sources`` columns (without ids, cue and quote link); ``source_kind`` is
        ``"pronoun"`` or ``"relative"`` for mentions that :class:`_Resolver` must resolve.
    """
    head = doc[head_i]
    text = doc_text(doc)
    low = head.lower_
    desc = {
        "head_i": head_i, "start_char": start_char, "end_char": end_char,
        "source_text": text[start_char:end_char], "source_name": None, "role": None,
        "affiliation": None, "basis": None, "head_lemma": head.lemma_.lower(),
        "is_definite": any(c.dep_ == "det" and c.lower_ in {"the", "these", "those", "that", "this"}
                           for c in head.children),
    }
    if head.pos_ == "PRON" or low in _PERSONAL | _PLURAL_PRON | _NEUTER | _FIRST_PERSON | _RELATIVE:
        kind = "relative" if low in _RELATIVE else "pronoun"
        plural = low in _PLURAL_PRON
        return {**desc, "source_kind": kind, "source_count": None if plural else 1,
                "is_plural": plural, "pronoun": low}
    count, plural, explicit = _count_of(head)
    desc["explicit_count"] = explicit
    person = None
    org = None
    for ent in doc_ents(doc):
        if ent.end_char <= start_char:
            continue
        if ent.start_char >= end_char:
            break
        inside_head = ent.start <= head.i < ent.end
        appos = ent.root.dep_ == "appos" and ent.root.head.i == head.i
        if ent.label_ == "PERSON" and (inside_head or appos) and person is None:
            person = ent
        elif ent.label_ in {"ORG", "GPE", "NORP", "FAC"} and inside_head and org is None:
            org = ent
    skip = set(range(person.start, person.end)) if person is not None else set()
    role, affiliation, role_tok = _role_and_affiliation(doc, head, start_char, end_char, skip)
    basis = _basis(doc, head, end_char)
    lemma = head.lemma_.lower()
    honorific = any(t.lower_ in _HONORIFICS for t in doc[head.left_edge.i : head.i])
    tokens_low = {t.lower_ for t in doc[max(head.left_edge.i, 0) : head.i + 1]}
    if person is not None or (head.pos_ == "PROPN" and honorific):
        kind = "named_person"
        name = person.text if person is not None else doc[head.i : head.i + 1].text
        if person is None:
            name = " ".join(t.text for t in doc[head.left_edge.i : head.i + 1]
                            if t.pos_ == "PROPN" and t.lower_ not in _HONORIFICS) or name
        desc.update(source_name=_clean(name), role=role, affiliation=affiliation)
        count, plural = 1, False
    elif tokens_low & AGENCY_NAMES or (
        (org is not None or head.pos_ == "PROPN")
        and ({t.lower_ for t in doc[head.left_edge.i : head.i + 1]} & OUTLET_WORDS)
    ) or (lemma in {"agency", "newspaper", "broadcaster", "outlet"} and
          any(t.pos_ == "PROPN" for t in doc[head.left_edge.i : head.i])):
        kind = "news_agency"
        name_toks = [t for t in doc[head.left_edge.i : head.i + 1]
                     if t.idx >= start_char and (t.pos_ == "PROPN" or t.lower_ in AGENCY_NAMES)
                     and t.dep_ != "poss" and not any(c.dep_ == "case" for c in t.children)]
        if org is not None:
            name_toks = [t for t in name_toks if org.start <= t.i < org.end] or name_toks
        name = " ".join(t.text for t in name_toks) if name_toks else head.text
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        desc.update(source_name=_clean(name),
                    affiliation=_clean(_subtree_text(doc, poss)) if poss is not None else None)
        count, plural = None, False
    elif lemma in DOCUMENT_NOUNS and person is None:
        kind = "document"
        desc.update(affiliation=affiliation or _document_owner(doc, head))
        count = count if count is not None else 1
    elif lemma in ANONYMOUS_NOUNS:
        kind = "anonymous"
        desc.update(role=role if role_tok is not None and role_tok.i != head.i else None,
                    affiliation=affiliation, basis=basis)
    elif lemma in ROLE_NOUNS and head.pos_ != "PROPN":
        kind = "unnamed_official" if (affiliation or lemma in _OFFICIAL_HEADS) else "other"
        desc.update(role=role or head.text, affiliation=affiliation, basis=basis)
    elif org is not None or head.pos_ == "PROPN" or lemma in INSTITUTION_NOUNS:
        kind = "named_organization"
        name = org.text if org is not None else doc[head.left_edge.i : head.i + 1].text
        if org is None and lemma in INSTITUTION_NOUNS and not any(
            t.pos_ == "PROPN" for t in doc[head.left_edge.i : head.i]
        ):
            name = doc[head.left_edge.i : head.i + 1].text
        desc.update(source_name=_clean(name))
        count, plural = None, False
    else:
        kind = "other"
        desc.update(role=role, affiliation=affiliation, basis=basis)
    if kind in {"anonymous", "unnamed_official"} and basis is None:
        desc["basis"] = basis
    anonymous = kind in {"anonymous", "unnamed_official"}
    return {
        **desc,
        "source_kind": kind,
        "is_anonymous": anonymous,
        "source_count": count,
        "is_plural": bool(plural),
        "is_on_record": kind in {"named_person", "named_organization", "news_agency", "document"},
    }


def _document_owner(doc, head) -> str | None:
    for child in head.children:
        if child.dep_ == "poss":
            return _clean(_subtree_text(doc, child))
        if child.dep_ == "prep" and child.lower_ in {"by", "from", "of"}:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and (pobj.ent_type_ or pobj.pos_ == "PROPN"):
                return _clean(_subtree_text(doc, pobj))
    return None


def _document_description(doc, attr: Attribution) -> dict:
    start, end, head_i = attr.document
    desc = describe_source(doc, head_i, start, end)
    if desc["source_kind"] != "document":
        desc.update(source_kind="document", is_anonymous=False, is_on_record=True,
                    source_count=1, is_plural=False)
    issuer = None
    if attr.speaker_start is not None:
        issuer = _clean(doc_text(doc)[attr.speaker_start : attr.speaker_end])
    desc["affiliation"] = desc.get("affiliation") or issuer
    return desc


class _Resolver:
    """Assign ``source_key`` across the mentions of one article (in text order)."""

    def __init__(self, doc):
        self.doc = doc
        self.mentions: list[dict] = []  # resolved, non-pronoun descriptions in order
        self.person_ents = [e for e in doc_ents(doc) if e.label_ == "PERSON"]
        self.person_starts = [e.start_char for e in self.person_ents]
        self.n_anon = 0

    def _new_key(self, desc: dict) -> str:
        kind = desc["source_kind"]
        if kind == "named_person":
            return "person:" + _norm(desc["source_name"])
        if kind in {"named_organization", "news_agency"} and desc.get("source_name"):
            return "org:" + _norm(desc["source_name"])
        self.n_anon += 1
        return f"{kind}:{self.n_anon}"

    def _full_name(self, name: str, before: int) -> str:
        """Expand a surname to the full name of an earlier person mention ('Price' -> 'Ned Price')."""
        last = name.split()[-1].lower() if name else ""
        for m in reversed(self.mentions):
            if m["source_kind"] == "named_person" and m["source_name"] and \
                    m["source_name"].split()[-1].lower() == last:
                return m["source_name"]
        idx = bisect.bisect_left(self.person_starts, before)
        for ent in reversed(self.person_ents[:idx]):
            words = _clean(ent.text).split() if _clean(ent.text) else []
            if len(words) > 1 and words[-1].lower() == last:
                return " ".join(words)
        return name

    def _inherit(self, desc: dict, ante: dict) -> dict:
        keep = {k: desc.get(k) for k in ("head_i", "start_char", "end_char", "source_text", "pronoun")}
        out = {**ante, **keep}
        return out

    def resolve(self, desc: dict, attr: Attribution, quote_speaker: dict[int, str]) -> dict:
        # One head word, one mention: every attribution it heads shares the first one's key.
        earlier = self._find(lambda m: m.get("head_i") == desc.get("head_i")
                             and m["start_char"] <= desc["start_char"] < m["end_char"] + 1)
        if earlier is not None and desc["source_kind"] not in {"pronoun", "relative"}:
            return {**earlier, **{k: desc[k] for k in ("start_char", "end_char", "source_text")}}
        kind = desc["source_kind"]
        pos = desc["start_char"]
        if desc.get("pronoun") in _SECOND_PERSON:
            desc = {**desc, "source_kind": "other", "is_anonymous": False, "is_on_record": False}
            desc["source_key"] = self._new_key(desc)
            return desc
        if kind in {"pronoun", "relative"}:
            ante = self._antecedent(desc, attr, quote_speaker)
            if ante is not None:
                return self._inherit(desc, ante)
            desc = {**desc, "source_kind": "other", "is_anonymous": False, "is_on_record": False}
            desc["source_key"] = self._new_key(desc)
            return desc
        if kind == "named_organization" and desc.get("source_name") and \
                len(desc["source_name"].split()) == 1:
            # A bare surname the tagger missed ('Marsh said'): a person met earlier.
            full = self._full_name(desc["source_name"], pos)
            if full != desc["source_name"]:
                desc.update(source_kind="named_person", source_name=full, source_count=1)
                kind = "named_person"
        if kind == "named_person" and desc["source_name"]:
            desc["source_name"] = self._full_name(desc["source_name"], pos)
            earlier = self._find(lambda m: m["source_kind"] == "named_person"
                                 and m["source_name"] == desc["source_name"])
            if earlier is not None:
                for k in ("role", "affiliation"):
                    desc[k] = desc[k] or earlier[k]
        if desc.get("is_definite") and kind not in {"named_person", "named_organization",
                                                    "news_agency"}:
            earlier = self._find(lambda m: m["head_lemma"] == desc["head_lemma"]
                                 and m["is_plural"] == desc["is_plural"])
            if earlier is not None:
                desc["source_key"] = earlier["source_key"]
                if desc["source_count"] is None or not desc.get("explicit_count"):
                    desc["source_count"] = earlier["source_count"]
                self.mentions.append(desc)
                return desc
        desc["source_key"] = self._new_key(desc)
        self.mentions.append(desc)
        return desc

    def _find(self, pred):
        for m in reversed(self.mentions):
            if pred(m):
                return m
        return None

    def _antecedent(self, desc: dict, attr: Attribution, quote_speaker: dict[int, str]):
        doc = self.doc
        pron = desc.get("pronoun") or doc[attr.speaker_head].lower_
        head = doc[attr.speaker_head]
        if pron in _RELATIVE:
            verb = doc[attr.verb] if attr.verb is not None else head.head
            while verb.dep_ != "relcl" and verb.head.i != verb.i:
                verb = verb.head
            if verb.dep_ == "relcl":
                noun = verb.head
                start = noun.left_edge.idx
                end = verb.left_edge.idx
                start, end = _trim_text(doc_text(doc), start, end)
                if end > start:
                    ante = describe_source(doc, noun.i, start, end)
                    if ante["source_kind"] not in {"pronoun", "relative"}:
                        return self.resolve(ante, Attribution(None, None, 0, 0, ""), quote_speaker)
            return None
        if pron in _FIRST_PERSON and attr.inside_quote is not None:
            key = quote_speaker.get(attr.inside_quote)
            return self._find(lambda m: m["source_key"] == key) if key else None
        if pron in _FIRST_PERSON:
            return None
        if pron in _PERSONAL:
            last_source = self._find(lambda m: m["source_kind"] == "named_person")
            idx = bisect.bisect_left(self.person_starts, desc["start_char"])
            ent = self.person_ents[idx - 1] if idx else None
            if ent is not None and (last_source is None or ent.start_char > last_source["start_char"]):
                name = self._full_name(_clean(ent.text) or ent.text, ent.start_char)
                known = self._find(lambda m: m["source_kind"] == "named_person"
                                   and m["source_name"] == name)
                if known is not None:
                    return known
                ante = describe_source(doc, ent.root.i, ent.start_char, ent.end_char)
                ante["source_name"] = name
                return self.resolve(ante, Attribution(None, None, 0, 0, ""), quote_speaker)
            return last_source
        # it / they: the subject of the clause this one hangs from, else the last compatible source.
        plural = pron in _PLURAL_PRON
        sent = doc[slice(*sent_bounds(doc, head.i))]
        for tok in sent:
            if tok.i >= head.i:
                break
            if tok.dep_ == "nsubj" and tok.pos_ != "PRON" and \
                    (tok.tag_ in ("NNS", "NNPS")) == plural:
                start, end = _trim_text(doc_text(doc), tok.left_edge.idx, tok.idx + len(tok))
                ante = describe_source(doc, tok.i, start, end)
                if ante["source_kind"] not in {"pronoun", "relative", "other"}:
                    return self.resolve(ante, Attribution(None, None, 0, 0, ""), quote_speaker)
        kinds = {"named_organization", "news_agency", "document"} if not plural else None
        return self._find(lambda m: (m["is_plural"] if plural else m["source_kind"] in kinds))


def _trim_text(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\r\n,;:—–-":
        start += 1
    while end > start and text[end - 1] in " \t\r\n,;:—–-":
        end -= 1
    return start, end


def _norm(name: str | None) -> str:
    return " ".join((name or "").lower().replace(".", "").split())


def summarize_sources(sources: pd.DataFrame) -> pd.DataFrame:
    """Roll source mentions up per article.

    Args:
        sources: The ``sources`` table (one row per (article_id, source mention)).

    Returns:
        The ``source_summary`` table: one row per article with at least one source mention;
        counts are of distinct ``source_key`` values, each typed by its first mention.
    """
    if sources is None or sources.empty:
        return schema.empty_frame("source_summary")
    first = sources.sort_values(["article_id", "source_id"]).drop_duplicates(
        ["article_id", "source_key"]
    )
    rows = []
    for article_id, group in first.groupby("article_id", sort=False):
        kinds = group["source_kind"].value_counts()
        n = len(group)
        anonymous = int(group["is_anonymous"].astype(bool).sum())
        row = {"article_id": article_id, "distinct_source_count": n}
        for kind in SOURCE_KINDS:
            row[f"{kind}_count"] = int(kinds.get(kind, 0))
        row["anonymous_share"] = anonymous / n if n else float("nan")
        row["on_record_named_count"] = int(
            (group["is_on_record"].astype(bool) & group["source_kind"].eq("named_person")).sum()
        )
        rows.append(row)
    return schema.coerce(rows, "source_summary")
