"""A person's card as HTML, shown by the explore notebook's people browser (every string escaped)."""

from __future__ import annotations

from netlib.garden.terms import SHOWN_LONG, html_shown as _e
from netlib.importers.normalise import plural

__all__ = ["person_card"]


def person_card(store, pid: int, garden=None, *, limit: int = 20) -> str:
    """HTML of one person: who they are, where they stand, and their timeline (escaped)."""
    p = store.person(int(pid))
    rows = []
    if garden is not None and int(pid) in garden.people.index:
        g = garden.people.loc[int(pid)]
        rows.append(f"ring {int(g['ring'])} ({_e(g['ring_name'])}), {_e(g['health'])}, "
                    f"strength {float(g['strength']):.2f}")
        if g["next_action"]:
            rows.append(f"next: {_e(g['next_action'], SHOWN_LONG)}")
    what = ", ".join(_e(x, whole=True) for x in (p.get("position"), p.get("company")) if x)
    tags = ", ".join(_e(t, whole=True) for t in p.get("tags", []))
    timeline = "".join(
        f"<li>{_e(i['date'])} &middot; {_e(i['kind'])}" + (f": {_e(i['summary'], SHOWN_LONG)}" if i["summary"] else "")
        + "</li>" for i in p["interactions"][:limit])
    events = "".join(f"<li>met at {_e(e['name'], whole=True)} on {_e(e['date'])}"
                     + (" (followed up)" if e["followed_up"] else "")
                     + (f": {_e(e['learned'], SHOWN_LONG)}" if e.get("learned") else "") + "</li>" for e in p["events"])
    return (f"<div class='netlib-card'><h4>{_e(p['name'], whole=True)} <small>(id {int(p['id'])})</small></h4>"
            + (f"<p>{what}</p>" if what else "") + (f"<p>tags: {tags}</p>" if tags else "")
            + "".join(f"<p>{r}</p>" for r in rows)
            + (f"<p>notes: {_e(p['notes'], SHOWN_LONG)}</p>" if p.get("notes") else "")
            + f"<p><b>timeline</b> ({plural(len(p['interactions']), 'interaction')})</p><ul>{timeline or '<li>none yet</li>'}</ul>"
            + (f"<ul>{events}</ul>" if events else "") + "</div>")
