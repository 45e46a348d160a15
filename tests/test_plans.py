"""Birthdays and plans on their day, the month in a calendar (.ics), ready actions, and
ticks that log what their channel implies (issue 15)."""

import datetime as dt
import html
import json
import os
import subprocess
import sys
from pathlib import Path

import icalendar
import pandas as pd
import pytest

from builders import SnapBuilder
from netlib.errors import ValidationError
from netlib.garden.analysis import analyse
from netlib.report.calendar import checklist_ics
from netlib.report.page import external_refs
from netlib.report.redact import redact_garden
from netlib.report.tables import action_link, html_table
from netlib.store.ticks import tick

ROOT = Path(__file__).resolve().parent.parent


def two_coffees(b, pid, *days):
    for day in days:
        b.interaction(day, "coffee", [pid])


def test_birthdays_of_close_or_tagged_people_on_the_day():
    b = SnapBuilder()
    dana = b.person("Dana Lee", birthday="1990-11-21", emails=["dana@example.com"])
    two_coffees(b, dana, "2026-11-01", "2026-10-01")  # ring 3
    far = b.person("Far Away", birthday="--11-03")  # ring 6, untagged: not asked
    tagged = b.person("Tag Ged", birthday="--11-09", tags=["mentor"])  # ring 6 but tagged
    leap = b.person("Leap Day", birthday="2000-02-29", tags=["x"])
    other = b.person("Other Month", birthday="1990-12-01", tags=["x"])
    g = analyse(b.build(), "2026-11-30")
    items = g.checklists["birthdays"]
    assert [i.key for i in items] == [f"birthday:p{tagged}", f"birthday:p{dana}"]
    assert items[1].action == "Wish Dana Lee a happy birthday on 21 November"
    assert items[1].day == "2026-11-21" and items[1].why == "Dana Lee's birthday is on 21 November; they are in ring 3 (friends)."
    assert items[1].href == "mailto:dana@example.com?subject=Happy%20birthday%21"
    assert items[0].why == "Tag Ged's birthday is on 9 November; you tagged them 'mentor'."
    feb = analyse(b.build(), "2027-02-28").checklists["birthdays"]
    assert [(i.person_ids, i.day) for i in feb] == [([leap], "2027-02-28")]  # not a leap year
    assert far and other


def plan_garden(*, logged=None, as_of="2026-12-31"):
    b = SnapBuilder()
    dana = b.person("Dana Lee", emails=["dana@example.com"])
    two_coffees(b, dana, "2026-09-01", "2026-10-01")
    b.plan(dana, "2026-12-03", "coffee about her move", kind="coffee", created="2026-11-20")
    if logged:
        b.interaction(logged, "coffee", [dana])
    return analyse(b.build(), as_of), dana


def test_a_plan_shows_in_its_month_on_its_day():
    g, dana = plan_garden(as_of="2026-12-01")
    (item,) = g.checklists["plans"]
    assert item.key == "plan:1" and item.day == "2026-12-03" and item.state == "open" and item.channel == "coffee"
    assert item.action == "coffee about her move (with Dana Lee, 3 December)"
    assert item.why == "You planned this on 2026-11-20 for 3 December."
    assert analyse(plan_garden()[0].snapshot, "2026-11-30").checklists["plans"] == []  # not in November


def test_a_plan_past_its_date_is_overdue_until_logged():
    g, dana = plan_garden(as_of="2026-12-20")
    (item,) = g.checklists["plans"]
    assert item.state == "open"
    assert item.why == ("Planned for 3 December, 17 days ago; nothing logged with Dana Lee since 2026-11-26. "
                        "Do it, or plan a new date.")
    g, _ = plan_garden(as_of="2027-01-10")  # still overdue in January (within six weeks)
    assert [i.key for i in g.checklists["plans"]] == ["plan:1"]
    g, _ = plan_garden(logged="2026-12-04", as_of="2026-12-20")  # logging the coffee fulfils it
    assert [i.state for i in g.checklists["plans"]] == ["done"]
    g, _ = plan_garden(logged="2026-12-04", as_of="2027-01-10")
    assert g.checklists["plans"] == []


def test_store_plans_refuse_the_past_and_tick_logs_the_plans_kind(store):
    dana = store.add_person("Dana Lee", emails=["dana@example.com"])
    with pytest.raises(ValidationError, match="has passed"):
        store.add_plan(dana, "2026-11-01", "coffee", today=dt.date(2026, 11, 20))
    with pytest.raises(ValidationError, match="a few words"):
        store.add_plan(dana, "2026-12-01", "  ", today=dt.date(2026, 11, 20))
    with pytest.raises(ValidationError, match="to 2100-12-31"):
        store.add_plan(dana, "9999-12-31", "coffee", today=dt.date(2026, 11, 20))
    pid = store.add_plan(dana, "2026-12-03", "coffee about her move", kind="coffee", today=dt.date(2026, 11, 20))
    assert [p["what"] for p in store.plans()] == ["coffee about her move"]
    g = analyse(store.snapshot(), "2026-12-05")
    assert [(i.key, i.state) for i in g.checklists["plans"]] == [(f"plan:{pid}", "open")]
    message = tick(store, f"plan:{pid}", "done", month="2026-12", today=dt.date(2026, 12, 5), channel="coffee")
    assert message == "done: plan:1; logged a coffee on 2026-12-05"
    g = analyse(store.snapshot(), "2026-12-05")
    assert [i.state for i in g.checklists["plans"]] == ["done"]
    assert g.people.at[dana, "interaction_count"] == 1
    store.cancel_plan(pid)
    assert store.plans() == []


@pytest.mark.parametrize("key_of, channel, kind", [
    ("follow_up:e{e}:p{p}", "linkedin", "connected"),  # an invitation is not a message
    ("follow_up:e{e}:p{p}", "email", "email"),
    ("water:p{p}", "coffee", "message"),  # suggesting a coffee is a message, not the coffee
    ("water:p{p}", "call", "call"),
    ("birthday:p{p}", "email", "email"),
])
def test_ticking_logs_what_the_channel_implies(store, key_of, channel, kind):
    p = store.add_person("Ann Example")
    e = store.add_event("Meetup", "2026-11-02")
    store.met(e, [p])
    tick(store, key_of.format(e=e, p=p), "done", month="2026-11", today=dt.date(2026, 11, 20), channel=channel)
    kinds = [i["kind"] for i in store.person(p)["interactions"]]
    assert kind in kinds and (kind == "message" or "message" not in kinds)


def ics_garden():
    b = SnapBuilder()
    dana = b.person("Dana Lee", birthday="--11-21", emails=["dana@example.com"])
    two_coffees(b, dana, "2026-08-01", "2026-09-01")
    b.plan(dana, "2026-11-27", "coffee about her move", created="2026-11-01")
    for i in range(4):  # overdue ring-2 people: water items
        pid = b.person(f"Due {i}", ring=2, emails=[f"due{i}@example.com"])
        b.interaction(f"2026-10-0{i + 1}", "coffee", [pid])
    return b


def events_of(data: bytes):
    cal = icalendar.Calendar.from_ical(data)
    return [c for c in cal.walk() if c.name == "VEVENT"]


def test_the_month_as_a_calendar_with_stable_uids():
    b = ics_garden()
    g = analyse(b.build(), "2026-11-15")
    opened = [i for items in g.checklists.values() for i in items if i.state == "open"]
    first = events_of(checklist_ics(g, now=dt.datetime(2026, 11, 15, 9, tzinfo=dt.timezone.utc)))
    assert len(first) == len(opened) == 6  # plan, birthday, four water items
    day = {str(e["uid"]): e.decoded("dtstart") for e in first}
    assert day["plan:1/2026-11@netlib"] == dt.date(2026, 11, 27)
    assert day["birthday:p1/2026-11@netlib"] == dt.date(2026, 11, 21)
    water = [d for uid, d in day.items() if uid.startswith("water:")]
    assert len(water) == 4 and all(dt.date(2026, 11, 15) <= d <= dt.date(2026, 11, 30) for d in water)
    assert len(set(water)) == 4  # spread over the month, not piled on one day
    one = next(e for e in first if str(e["uid"]).startswith("water:"))
    assert "Ring 2 (close)" in str(one["description"]) and str(one["url"]).startswith("mailto:due")
    # exported again (later): the same events, updated, not copies
    again = events_of(checklist_ics(g, now=dt.datetime(2026, 11, 16, 9, tzinfo=dt.timezone.utc)))
    assert [str(e["uid"]) for e in again] == [str(e["uid"]) for e in first]
    assert all(int(a["sequence"]) > int(f["sequence"]) for a, f in zip(again, first))
    # an item done drops out of the next export
    b.check("water:p2", "2026-11", "done")
    later = events_of(checklist_ics(analyse(b.build(), "2026-11-15")))
    assert {str(e["uid"]) for e in later} == set(day) - {"water:p2/2026-11@netlib"}


def test_ready_actions_are_links_that_load_nothing():
    g = analyse(ics_garden().build(), "2026-11-15")
    item = next(i for i in g.checklists["water"] if i.state == "open")
    assert item.href.startswith("mailto:due") and "?subject=Catching%20up" in item.href
    cell = action_link(item)
    assert cell.startswith('<a href="mailto:') and 'rel="noopener noreferrer"' in cell
    page = html_table([{"action": cell}], ["action"], raw=("action",))
    assert external_refs(page) == []  # a link opens when clicked; it loads nothing by itself
    evil = type(item)(**{**item.__dict__, "href": "javascript:alert(1)"})
    assert "<a" not in action_link(evil)  # only mailto: and LinkedIn profiles become links
    assert redact_garden(g, {}).checklists["water"][0].href is None


def test_linkedin_invitation_links_the_profile_or_a_search():
    b = SnapBuilder()
    ann = b.person("Ann Ex", linkedin_url="https://www.linkedin.com/in/ann-ex")
    bo = b.person("Bo Why")
    b.event("Meetup", "2026-11-10", [ann, bo])
    g = analyse(b.build(), "2026-11-20")
    links = {i.person_ids[0]: (i.channel, i.href) for i in g.checklists["follow_up"]}
    assert links[bo] == ("linkedin", "https://www.linkedin.com/search/results/people/?keywords=Bo%20Why")
    assert links[ann][1] in (None, "https://www.linkedin.com/in/ann-ex")


@pytest.mark.slow
def test_cli_plan_checklist_and_ics_from_an_empty_folder(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NETLIB_STORE": str(tmp_path / "garden.db")}

    def run(*args, ok=True):
        out = subprocess.run([sys.executable, "-m", "netlib", *args], cwd=tmp_path, env=env,
                             capture_output=True, text=True)
        assert (out.returncode == 0) == ok, out.stderr
        return out

    run("init", "--me", "me@example.com", "--name", "Me")
    run("people", "add", "Dana Lee", "--email", "dana@example.com")
    soon = dt.date.today() + dt.timedelta(days=1)
    month = f"{soon:%Y-%m}"
    assert "in the past" not in run("plan", "--with", "Dana Lee", "--date", soon.isoformat(), "--kind", "coffee",
                                    "coffee about her move").stdout
    bad = run("plan", "--with", "Dana Lee", "--date", "2020-01-01", "lunch", ok=False)
    assert bad.stderr.strip().startswith("netlib: error: the plan's date 2020-01-01 has passed")
    far = run("plan", "--with", "Dana Lee", "--date", "9999-12-31", "lunch", ok=False)  # a typo: never due
    assert far.returncode == 2 and far.stderr.strip().splitlines()[-1] == (
        "netlib plan: error: argument --date: '9999-12-31' is too far ahead; a plan's date is from today to 2100-12-31")
    shown = json.loads(run("checklist", "--month", month, "--json").stdout)
    assert [i["key"] for i in shown["plans"]] == ["plan:1"] and shown["plans"][0]["day"] == soon.isoformat()
    out = run("checklist", "--month", month, "--ics", "month.ics").stdout
    assert out.startswith(f"wrote {tmp_path / 'month.ics'}") or out.startswith("wrote month.ics")
    (event,) = events_of((tmp_path / "month.ics").read_bytes())
    assert event.decoded("dtstart") == soon and str(event["uid"]) == f"plan:1/{month}@netlib"
    assert "plan:1" in run("plan", "--list").stdout
    typed = run("plan", "list", ok=False)  # as 'people list' is typed: the error says how to list plans
    assert typed.returncode == 1 and "'netlib plan --list' lists your plans" in typed.stderr


def test_explore_log_form_plans(store):
    from netlib.explore import LogForm

    store.add_person("Dana Lee")
    form = LogForm(store, today=dt.date(2026, 11, 20))
    form.mode.value, form.people.value, form.kind.value = "plan", "Dana Lee", "coffee"
    form.date.value, form.summary.value = dt.date(2026, 12, 3), "coffee about her move"
    assert form.save() == 1 and "plan:1" in form.message.value
    form.people.value = "Dana Lee, Dana Lee"
    assert form.save() is None and "one person" in form.message.value
    assert [(p["date"], p["kind"]) for p in store.plans()] == [("2026-12-03", "coffee")]


def test_a_redacted_plan_keeps_its_day_but_not_what_you_intend():
    b = SnapBuilder()
    dana = b.person("Dana Lee")
    b.interaction("2026-11-01", "coffee", [dana])
    b.plan(dana, "2026-11-27", "talk about her divorce", created="2026-11-01")
    g = analyse(b.build(), "2026-11-20")
    (item,) = redact_garden(g, {dana: "Oak Finch 01"}).checklists["plans"]
    assert item.action == "[private] (with Oak Finch 01, 27 November)" and item.day == "2026-11-27"
    assert "divorce" not in item.why and "Dana" not in item.why


def test_a_redacted_report_leaves_birthdays_out():
    b = SnapBuilder()
    dana = b.person("Dana Lee", birthday="--11-21", tags=["friend"])
    g = analyse(b.build(), "2026-11-30")
    assert [i.key for i in g.checklists["birthdays"]] == [f"birthday:p{dana}"]
    assert redact_garden(g, {dana: "Oak Finch 01"}).checklists["birthdays"] == []


def test_ready_links_cannot_be_bent_by_imported_text():
    b = SnapBuilder()
    eve = b.person("Eve Evil", emails=["eve@example.com?cc=boss@example.com&body=hi"],
                   linkedin_url='https://linkedin.com/in/eve" onmouseover="alert(1)')
    b.interaction("2026-11-01", "coffee", [eve])
    b.event("Meetup", "2026-11-10", [eve])
    g = analyse(b.build(), "2026-11-20")
    (item,) = g.checklists["follow_up"]
    assert item.href.startswith("mailto:eve@example.com%3Fcc%3Dboss@example.com%26body%3Dhi?subject=")
    item.channel = "linkedin"
    from netlib.garden.checklist import ready_action
    link = ready_action(item, g.detail)
    assert link.startswith("https://www.linkedin.com/in/eve") and '"' not in link and " " not in link


def test_cli_done_on_an_invitation_logs_a_connection(tmp_path, capsys):
    from netlib.cli import main

    db = str(tmp_path / "g.db")
    today = dt.date.today()
    assert main(["init", "--store", db]) == 0
    assert main(["people", "add", "Ann Example", "--store", db]) == 0  # no LinkedIn profile: invite her
    assert main(["event", "add", "Meetup", "--date", today.isoformat(), "--store", db]) == 0
    assert main(["event", "met", "Meetup", "Ann Example", "--store", db]) == 0
    capsys.readouterr()
    assert main(["checklist", "done", "follow_up:e1:p1", "--store", db]) == 0
    assert "logged a connection (the invitation)" in capsys.readouterr().out
    from netlib.store.core import Store

    with Store(db) as s:
        kinds = [i["kind"] for i in s.person(1)["interactions"]]
    assert "connected" in kinds and "message" not in kinds


def test_a_follow_up_is_never_due_before_its_event(tmp_path):
    """A past month's reminders are spread from its first day, but a follow-up lands after
    the event it follows (the hostile review found 'follow up' dated before the meeting)."""
    import report_store
    from netlib.store import Store

    with Store(report_store.build(tmp_path / "g.db")) as store:
        g = analyse(store.snapshot(), "2026-11-30")
    events = g.snapshot.events.set_index("id")["date"]
    follow = [e for e in events_of(checklist_ics(g)) if str(e["uid"]).startswith("follow_up:")]
    assert follow, "the report store has follow-ups"
    for e in follow:
        eid = int(str(e["uid"]).split(":")[1].lstrip("e"))
        assert e["dtstart"].dt > events[eid].date(), (str(e["uid"]), e["dtstart"].dt, events[eid])
