"""The one-to-one pairing of payload keys with a page's fields, by the best total score (the Hungarian method)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from executor_service.agents.matching import FIELD_THRESHOLD, field_score, is_field, is_setting, iso_date
from executor_service.browser.snapshot import SnapshotElement


def _hungarian(scores: list[list[float]]) -> list[int]:
    """Row -> column of the maximum-total assignment (rows <= columns); the classic O(n^2 m) method."""
    n, m = len(scores), len(scores[0]) if scores else 0
    if n == 0 or m == 0:
        return [-1] * n
    big = max(max(row) for row in scores) + 1.0
    cost = [[big - x for x in row] for row in scores]
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    p, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [float("inf")] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], float("inf"), 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    result = [-1] * n
    for j in range(1, m + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result


class Assignment(list[tuple[str, SnapshotElement]]):
    """(key, field) pairs in page order; ``ambiguous`` names keys left out because two fields fit them equally,
    ``candidates`` the best fields (and scores) of every key, for a reason when something is missing."""

    def __init__(self, pairs: Iterable[tuple[str, SnapshotElement]] = ()) -> None:
        super().__init__(pairs)
        self.ambiguous: dict[str, list[tuple[str, float]]] = {}
        self.candidates: dict[str, list[tuple[str, float]]] = {}


def describe_field(element: SnapshotElement) -> str:
    """A short human name of a field for reasons and logs."""
    name = element.label or element.name or (element.context[0] if element.context else "") or element.placeholder
    return name or element.attr_name or element.id or f"<{element.tag}>"


def _dates_in_page_order(payload: Mapping[str, str], keys: list[str], fields: list[SnapshotElement],
                         table: list[list[float]], threshold: float) -> None:
    """Several dates for fields alike ("Arriving on", "Leaving on" for check_in and check_out): the earliest date
    leans to the first of those fields on the page, the next to the second, as a range is asked from its start. A
    tenth of a point: it only settles what the fields' names left tied."""
    dated = sorted((i for i, key in enumerate(keys) if iso_date(payload[key])),
                   key=lambda i: iso_date(payload[keys[i]]) or "")
    if len(dated) < 2:
        return
    places = sorted((j for j in range(len(fields)) if any(table[i][j] >= threshold for i in dated)),
                    key=lambda j: fields[j].index)
    for i, j in zip(dated, places, strict=False):
        table[i][j] += 0.1


def assign_fields(
    payload: Mapping[str, str],
    elements: Iterable[SnapshotElement],
    threshold: float = FIELD_THRESHOLD,
    described: Mapping[str, str] | None = None,
) -> Assignment:
    """The one-to-one pairing of payload keys with fields of the best total score (each key one field, each field
    one key); a key whose best fields tie is left out and named in ``ambiguous`` rather than guessed. ``described``:
    the parameters' descriptions by key, names of their keys too."""
    fields = [e for e in elements if is_field(e) or is_setting(e)]
    keys = list(payload)
    described = described or {}
    table = [[field_score(k, payload[k], e, described.get(k, "")) for e in fields] for k in keys]
    _dates_in_page_order(payload, keys, fields, table, threshold)
    out = Assignment()
    for k, row in zip(keys, table, strict=True):
        ranked = sorted(zip(row, fields, strict=True), key=lambda pair: -pair[0])[:3]
        out.candidates[k] = [(describe_field(e), round(sc, 1)) for sc, e in ranked if sc > 0]
    if not keys or not fields:
        return out
    # Scores under the threshold count as nothing, so a weak pair never displaces a strong one.
    clipped = [[x if x >= threshold else 0.0 for x in row] for row in table]
    if len(keys) > len(fields):
        # More keys than fields: transpose so rows <= columns.
        cols = _hungarian([[clipped[i][j] for i in range(len(keys))] for j in range(len(fields))])
        match = {cols[j]: j for j in range(len(fields)) if cols[j] >= 0}
    else:
        rows = _hungarian(clipped)
        match = {i: rows[i] for i in range(len(keys)) if rows[i] >= 0}
    taken = set(match.values())
    pairs = []
    for i, j in match.items():
        score = clipped[i][j]
        if score <= 0:
            continue
        # A tie with a field no other key took: either could be meant, so neither is typed into.
        rivals = [
            (describe_field(fields[o]), round(table[i][o], 1))
            for o in range(len(fields))
            if o != j and o not in taken and abs(table[i][o] - score) < 0.5
            and fields[o].form == fields[j].form and fields[o].attr_name != fields[j].attr_name
        ]
        if rivals:
            out.ambiguous[keys[i]] = [(describe_field(fields[j]), round(score, 1)), *rivals]
            continue
        pairs.append((keys[i], fields[j]))
    out.extend(sorted(pairs, key=lambda pair: pair[1].index))
    return out
