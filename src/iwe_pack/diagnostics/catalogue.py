"""Every message the pack gives about its sources, in one place.

Each entry has a code, the words (a ``str.format`` template filled from the
diagnostic's ``found``, ``allowed``, ``hint`` and named details) and what an
editor should do. The editor's guide's table of messages is made from this
catalogue (``iwe-pack messages``, and the site's Editor's guide page), so the
guide and the messages cannot drift apart.
"""

from __future__ import annotations

import html
import string
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    code: str
    text: str  # the words, with {found}, {allowed}, {hint} and named details
    todo: str  # what to do, for the editor's guide
    area: str  # which sources it is about, for the guide's headings


def _msg(area: str, code: str, text: str, todo: str) -> Message:
    return Message(code, text, todo, area)


# --- reading files -------------------------------------------------------------------------------
# The areas of the catalogue: the editor's guide's headings.
FILES = "Reading files"
YAML = "YAML files (content/*.yml, packs/*.yml)"
WORKSHOP = "The workshop (content/workshop.yml, handouts.yml, matrix.yml, slides.yml)"
CHANGELOG = "CHANGELOG.md"
PACKS = "Place packs (packs/*.yml)"
PAGES = "Pages, images and print-offs"
HTML = "HTML in Markdown (see HTML in Markdown above)"
CARDS = "Statements CSV (iwe-pack cards)"
RECORDS = "The record of the day (packs/records/*.yml and the files it names)"
LEARNING = "What we learned from places (content/learning.yml)"
OFF_PLAN = "When things go off plan (content/off-plan.yml)"
MACHINE = "The machine (system libraries)"
SETTINGS = "Build settings (mkdocs.yml extra.iwe, environment variables)"

# Every message, in the order of the editor's guide.
_ENTRIES: tuple[Message, ...] = (
_msg(FILES, "file.not-found", "file not found", "Create the file, or fix the name that points to it."),
_msg(FILES, "file.unreadable", "cannot be read ({reason})", "Check the file's permissions."),
_msg(FILES, "file.too-big", "file is {found} bytes; at most {allowed} are allowed",
     "Split the file, or remove what is not needed."),
_msg(FILES, "file.not-utf8", "is not UTF-8 text (byte {found}); save the file as UTF-8",
     "Save the file as UTF-8 (in most editors: Save as, Encoding: UTF-8)."),
_msg(FILES, "file.link-outside", "is a link to {what} outside the project, which would publish it; allowed: {what} kept "
     "inside {allowed} (copy it in instead of linking to it)", "Copy the file into the project instead of linking to it."),
_msg(FILES, "file.link-outside-folder", "is a link to {found}, outside {folder}/, so that file would be published or read "
     "from there; allowed: a file kept inside {folder}/ (copy it in instead of linking to it)",
     "Copy the file into the folder instead of linking to it."),

# --- YAML ----------------------------------------------------------------------------------------
_msg(YAML, "yaml.syntax", "YAML syntax error: {found}{hint}",
     "Fix the line it names: indent with spaces, not tabs; put text that contains ': ' in double quotes."),
_msg(YAML, "yaml.empty-file", "the file is empty", "Write the file's keys, or delete it."),
_msg(YAML, "yaml.empty", "is empty; allowed: {allowed}", "Write a value after the colon."),
_msg(YAML, "yaml.empty-text", "is empty; write some text here", "Write some text after the colon."),
_msg(YAML, "yaml.wrong-type", "found {found}; allowed: {allowed}",
     "Write the kind of value it says: digits for numbers, a list with '- ' lines, and so on."),
_msg(YAML, "yaml.not-a-choice", "found {found}{hint}; allowed: {allowed}", "Use one of the words it lists."),
_msg(YAML, "yaml.control-character",
     "contains an invisible control character ({found}); allowed: ordinary text (retype it, or delete the character)",
     "Retype the text; an invisible character came in, often from copying."),
_msg(YAML, "yaml.tag", "found the tag {found}; allowed: a plain value with no tag (YAML tags starting with ! are "
     "not used in these files)", "Delete the tag (the word starting with ! or !!) and write the value itself."),
_msg(YAML, "value.pattern", "found {found}; allowed: {allowed}", "Write the value the way it says."),
_msg(YAML, "value.clock-format", "found {found}; allowed: a time of day such as 09:30 or 14:00 (24-hour clock, with a colon)",
     "Write the time as 24-hour hours and minutes, in quotes: \"14:00\"."),
_msg(YAML, "value.not-a-time", "found {found}; that is not a time of day; allowed: 00:00 to 23:59, such as 09:30 or 14:00",
     "Check the time: hours 00 to 23, minutes 00 to 59."),
_msg(YAML, "value.date-format", "found {found}; allowed: a date written year-month-day, such as 2026-03-12",
     "Write the date as year-month-day."),
_msg(YAML, "value.date-year", "found {found}; allowed: a date from the year {first} to {last}, such as 2026-03-12",
     "Check the year."),
_msg(YAML, "value.no-such-day", "found {found}; there is no such day: {month} has {days} days", "Check the day of the month."),
_msg(YAML, "value.no-such-month", "found {found}; there is no such month; allowed: a date such as 2026-03-12",
     "Check the month (01 to 12)."),
_msg(YAML, "value.email", "found {found}; allowed: one email address, such as evaluation@example.org",
     "Write one email address, with no name or spaces round it."),
_msg(YAML, "yaml.plain-key", "a key must be a plain word", "Write keys as plain words followed by a colon."),
_msg(YAML, "yaml.duplicate-key", "duplicate key {found}: it is already set on line {first}; keep one",
     "The key is written twice in the same place; keep one."),
_msg(YAML, "yaml.unknown-key", "unknown key {found}{hint}; allowed keys here: {allowed}", "Fix the spelling of the key."),
_msg(YAML, "yaml.missing-key", "is missing; add '{key}:' here (allowed: {allowed})", "Add the field the message names."),

# --- the workshop -------------------------------------------------------------------------------
_msg(WORKSHOP, "workshop.bad-id", "found {found}; allowed: up to 40 lower case letters, digits and single hyphens, e.g. "
     "wrap-up",
     "Write ids in lower case letters, digits and hyphens."),
_msg(WORKSHOP, "workshop.duplicate-id", "{kind} id {found} is used twice (first on line {first}); each {kind} needs its own id",
     "Give each one its own id."),
_msg(WORKSHOP, "workshop.no-sections", "found no sections; allowed: a list of at least one section", "List the sections."),
_msg(WORKSHOP, "workshop.min-above-max", "min is {found} but max is {allowed}; min must not be more than max",
     "The minimum must not be more than the maximum."),
_msg(WORKSHOP, "workshop.does-not-fit", "{detail}",
     "Take off the minutes it suggests (the 'What to cut' lines), or others that add up to the same."),
_msg(WORKSHOP, "workshop.unknown-handout", "found {found}{hint}; allowed: a handout id from content/handouts.yml",
     "Use an id from content/handouts.yml."),
_msg(WORKSHOP, "workshop.blank-only-handout", "found {found}, which is only printed blank (in_place_packs: false in "
     "content/handouts.yml); allowed: a handout that place packs print",
     "Remove it from the section, or set in_place_packs: true for it."),
_msg(WORKSHOP, "workshop.unknown-version", "found {found}; allowed: a version listed in CHANGELOG.md ({allowed})",
     "Use a version that has its own section in CHANGELOG.md."),
_msg(WORKSHOP, "workshop.notes-not-markdown", "found {found}; allowed: a Markdown (.md) file inside content/",
     "Point 'notes:' at a .md file inside content/."),
_msg(WORKSHOP, "workshop.text-missing", "the {what} file content/{found} does not exist; create it, {todo}",
     "Create the file it names, or point to the right one."),
_msg(WORKSHOP, "workshop.unknown-handout-marker",
     "found the marker for handout {found}; allowed: a handout id from content/handouts.yml",
     "Use an id from content/handouts.yml in the marker."),
_msg(WORKSHOP, "step.file-missing", "the steps file {found} does not exist; each section's step by step is kept there",
     "Create the file with a 'steps:' list (copy another section's file to start)."),
_msg(WORKSHOP, "step.none", "found no steps; add at least one", "Add the section's steps."),
_msg(WORKSHOP, "step.one-rule", "found {found}; a step's minutes need exactly one of: {allowed}",
     "Give the step one timing rule, such as 'minutes: {fixed: 5}' or 'minutes: {per_group: 3}'."),
_msg(WORKSHOP, "step.people-without-seconds", "'people' goes with 'per_person_seconds' only",
     "Remove it, or time the step per person."),
_msg(WORKSHOP, "step.plus-without-count", "'plus' adds minutes to a per_group, per_pair or per_person_seconds rule only",
     "Remove it, or give the minutes as one fixed number."),
_msg(WORKSHOP, "step.variant-twice", "found {found} twice; each way of running a step needs its own name",
     "Give the variant another name, or remove one of the two."),
_msg(WORKSHOP, "step.unknown-handout", "found {found}{hint}; allowed: a handout id from content/handouts.yml",
     "Use an id from content/handouts.yml."),
_msg(WORKSHOP, "step.handout-not-in-section", "found {found}, which the section {section} does not list; allowed: {allowed}",
     "Add the handout to the section's 'handouts:' in content/workshop.yml, or use one it lists."),
_msg(WORKSHOP, "step.unused-handout", "found {found}, which no step of the section uses (see {steps}); allowed: a handout a "
     "step uses", "Name the handout at the step that uses it, or take it off the section's list."),
_msg(WORKSHOP, "notes.block-kind", "found {found} after 'iwe:only'; allowed: one or more of {allowed} (at most one "
     "of in-person and online, and one of whole-room and in-groups)",
     "Write the kind of day the block is for, such as <!-- iwe:only online -->."),
_msg(WORKSHOP, "notes.block-nested", "found {found} inside another 'iwe:only' block; allowed: close the first block with "
     "<!-- iwe:end --> before the next one starts", "Add <!-- iwe:end --> on its own line to close the first block."),
_msg(WORKSHOP, "notes.block-end-alone", "found {found} with no <!-- iwe:only ... --> line above it; allowed: "
     "<!-- iwe:end --> only to close a block", "Delete the line, or add the line that opens the block."),
_msg(WORKSHOP, "notes.block-open", "the block {found} is never closed; allowed: a line <!-- iwe:end --> after its words",
     "Add <!-- iwe:end --> on its own line where the block's words end."),
_msg(WORKSHOP, "phrase.not-found", "found {found}, which is not in {where}; allowed: words copied from {where}",
     "Copy the phrase exactly from the words it is about, or delete it from the list."),
_msg(WORKSHOP, "phrase.outside-block", 
     "found {found} in {where}, where {other} read it too; allowed: the phrase only inside a block "
     "that starts <!-- iwe:only {kind} --> and ends <!-- iwe:end -->",
     "Put the words in a block for their kind of day, and give the other kind of day its own words."),
_msg(WORKSHOP, "phrase.other-day", "found {found} in {where} too, which {other} read; allowed: the phrase only in the "
     "{kind} words ({todo})", "Give the step its own words for the other kind of day."),
_msg(WORKSHOP, "deck.unknown-section", "found {found}{hint}; allowed: the id of a section in content/workshop.yml",
     "Use a section id from content/workshop.yml."),
_msg(WORKSHOP, "deck.no-slides", "found no slides; add at least one", "Add a slide."),
_msg(WORKSHOP, "deck.diagram-points", "found {found} on a slide with the {diagram} diagram; allowed: {allowed}",
     "Give the slide the points its diagram needs, or none."),
_msg(WORKSHOP, "deck.does-not-fit", "{detail}", "Lower the slides' minutes, or drop slides marked 'skip: true'."),
_msg(WORKSHOP, "deck.core-too-long", "the slides not marked 'skip: true' take {found} minutes; allowed: at most {allowed}, "
     "so they fit when the {section} runs at its shortest ({least} minutes, less {questions} for questions at the end)",
     "Shorten some slides, or mark more of them 'skip: true'."),
_msg(WORKSHOP, "matrix.level-order", "found {found}; levels are listed lowest first, so this one must be {allowed}",
     "Number the levels 1, 2, 3... from the lowest."),
_msg(WORKSHOP, "matrix.too-few-levels", "a matrix needs at least two levels", "Add levels."),
_msg(WORKSHOP, "matrix.no-principles", "found no principles; add at least one", "Add principles."),
_msg(WORKSHOP, "matrix.level-missing", "principle {principle!r} has no entry for level {found} ({name}); "
     "every principle describes every level, {allowed}", "Describe every level for the principle."),
_msg(WORKSHOP, "matrix.unknown-level", "found level {found}; allowed: {allowed} (the levels listed at the top)",
     "Use a level listed at the top of content/matrix.yml."),
_msg(WORKSHOP, "matrix.level-twice", "level {found} is described twice in principle {principle!r}; keep one", "Keep one."),
_msg(WORKSHOP, "matrix.no-evidence", "found no evidence prompts; add at least one question, e.g. 'What could we point to?'",
     "Add at least one evidence question."),
_msg(WORKSHOP, "matrix.short-too-long", "found {found}; allowed: one line of at most {allowed} words, so it fits its "
     "cell on the printed matrix", "Shorten the line: the full descriptor is there for the detail."),
_msg(WORKSHOP, "matrix.own-without-based-on", "is missing: a principle or level marked 'own: true' says what it is built "
     "from; add 'based_on:' with a short note", "Add 'based_on:' saying what the pack's own part is built from."),
_msg(WORKSHOP, "matrix.based-on-without-own", "found a 'based_on:' note on a part that is not marked 'own: true'; allowed: "
     "'based_on:' with 'own: true' only", "Add 'own: true', or remove the note."),
_msg(WORKSHOP, "matrix.levels-unsorted", "levels are in the order {found}; list them lowest first", "List levels lowest first."),

# --- the changelog ------------------------------------------------------------------------------
_msg(CHANGELOG, "changelog.missing", "file not found; the pack's versions are listed in CHANGELOG.md", "Restore CHANGELOG.md."),
_msg(CHANGELOG, "changelog.bad-version", "found version {found}; allowed: a version such as 1.2.0", "Write versions as 1.2.0."),
_msg(CHANGELOG, "changelog.bad-date", "found date {found} for version {version}; allowed: a date such as 2026-03-12 "
     "written after the version, as '## [{version}] - 2026-03-12'", "Write the date after the version, as 2026-03-12."),
_msg(CHANGELOG, "changelog.no-entry", "has no entry for version {found} (the version in content/workshop.yml); add a section "
     "'## [{found}] - YYYY-MM-DD' that says what changed", "Add a section for the version to CHANGELOG.md."),

# --- place packs ---------------------------------------------------------------------------------
_msg(PACKS, "pack.bad-file-name", "the file name {found} should be lower case letters, digits and hyphens, such as {allowed}",
     "Rename the file."),
_msg(PACKS, "pack.name-too-long", "found a {what} that makes a file name of {found} letters ({example}...); allowed: at most "
     "{allowed} letters, digits and hyphens once made into a file name, so that every file made from it can be saved "
     "and unzipped", "Shorten the name."),
_msg(PACKS, "pack.reserved-name", "the name {found} cannot be a file name on Windows (CON, PRN, AUX, NUL, COM1 to COM9 and "
     "LPT1 to LPT9 are kept for devices); allowed: another name, such as {allowed}", "Rename the pack file."),
_msg(PACKS, "pack.wrong-extension", "found a pack file ending {found}, which is not read; allowed: a name ending .yml, "
     "such as {allowed}", "Rename the file to end in .yml."),
_msg(PACKS, "pack.index-name", "the name 'index' is kept for the list of places; call the file after the place, such as "
     "{allowed}", "Rename the file after the place."),
_msg(PACKS, "pack.venue-missing", "is missing; an in-person workshop needs 'venue:' (the address)", "Add 'venue:'."),
_msg(PACKS, "pack.platform-missing", "is missing; a virtual workshop needs 'platform:' (such as Microsoft Teams or Zoom)",
     "Add 'platform:'."),
_msg(PACKS, "pack.no-groups", "found no groups; list at least one group", "List the groups."),
_msg(PACKS, "pack.more-groups-than-people", "found {found} groups for {allowed} attendees; allowed: at most one group "
     "a person", "Have fewer groups, or check the number of attendees."),
_msg(PACKS, "pack.no-facilitators", "found no facilitators; name at least one", "Name the facilitators."),
_msg(PACKS, "pack.group-names-clash", "found {found}, too like the group {other!r} (their print-offs would share a file "
     "name); give each group a clearly different name", "Give each group a clearly different name."),
_msg(PACKS, "pack.unknown-section", "unknown section {found}{hint}; allowed: {allowed}",
     "Use a section id from content/workshop.yml."),
_msg(PACKS, "pack.minutes-out-of-range", "found {found} minutes; {section} takes {allowed} minutes",
     "Choose minutes inside the section's range."),
_msg(PACKS, "pack.unknown-break-section", "found {found}{hint}; allowed: the id of a section: {allowed}",
     "Use a section id from content/workshop.yml."),
_msg(PACKS, "pack.break-at-end", "a break after {found}, the last section, is not part of the workshop; remove it",
     "Remove the break."),
_msg(PACKS, "pack.does-not-fit", "{detail}", "Take off the minutes it suggests, or shorten the breaks."),
_msg(PACKS, "pack.past-midnight", "starting at {found}, the workshop would end after midnight ({end} the next day); "
     "start earlier", "Start earlier."),
_msg(PACKS, "pack.font-cannot-print", "found {found}, which the pack's font cannot print; allowed: letters of Latin-script "
     "languages (Welsh included), digits and punctuation", "Retype the name without emoji or other scripts."),
_msg(PACKS, "pack.unknown-pack", "no pack called {found}{hint}; allowed: {allowed}", "Use the name of a file in packs/."),

# --- pages, images and print ----------------------------------------------------------------------
_msg(PAGES, "resource.outside-pack", "found {found}, which would be fetched from outside the pack; allowed: an image file "
     "inside content/, linked by a relative path", "Save the image inside content/ and link to it with a relative path."),
_msg(PAGES, "resource.outside-content", "found {found}, which points outside content/; allowed: an image file inside "
     "content/, linked by a relative path", "Save the image inside content/ and link to it with a relative path."),
_msg(PAGES, "resource.missing", "found {found}, but there is no such file in content/; allowed: an image file inside "
     "content/, linked by a relative path", "Check the file's name and folder, or add the file."),
_msg(PAGES, "page.fetches-outside", "the page would fetch {found} from outside the pack; allowed: files inside content/",
     "Save the file inside content/ and link to it with a relative path."),
_msg(PAGES, "page.fetches-outside-site", "the page would fetch {found}, outside the site; allowed: files inside content/",
     "Link to a file inside content/."),
_msg(PAGES, "link.broken", "found a link to {found}, which is not a page of the pack; allowed: {allowed}",
     "Fix the link's path: it is relative to the page the text is shown on."),
_msg(PAGES, "note.with-handout", "(with the handout text put in)",
     "The problem appears once a handout's text is put into the notes: fix it in the handout or the notes."),
_msg(PAGES, "page.unknown-marker", "found the marker {found}; allowed here: {allowed}",
     "Fix the marker's spelling, or remove it."),
_msg(PAGES, "template.error", "{found}", "Fix the template at the line it names (a Jinja template: {{ value }}, {% if %})."),
_msg(PAGES, "css.bad-number", "found {found}: a number written with an exponent, or of six digits or more, cannot be laid "
     "out on a page; allowed: sizes such as 12pt, 2em or 50%", "Write the size as a plain number with its unit."),
_msg(PAGES, "css.ignored", "{found}; allowed: CSS that WeasyPrint, which makes the PDFs, understands",
     "Fix the declaration at the line it names (a misspelt property, or a value it cannot read)."),
_msg(PAGES, "css.outside", "found {found}, which would be fetched from outside the project; only files inside the "
     "project and data: URLs may be used in print-offs", "Save the file inside overrides/ and link to it with a relative path."),
_msg(PAGES, "css.missing", "found {found}, but there is no such file in the project; allowed: a file inside overrides/, "
     "linked by a relative path", "Check the file's name and folder, or add the file."),
_msg(PAGES, "print.refused", "{found} (making {job}); only files inside the project and data: URLs may be used in print-offs",
     "A print template or stylesheet points outside the project; fix the address."),
_msg(PAGES, "print.warning", "{found} (making {job}); fix the source so that the print-off renders without warnings",
     "Fix what it names in the print template or stylesheet."),

# --- HTML in Markdown ------------------------------------------------------------------------------
_msg(PAGES, "svg.element", "found <{name}> in a drawing: it {reason}; allowed: {allowed}",
     "Save the drawing again as plain SVG (in Inkscape: Save as, Optimized SVG), or remove what it names."),
_msg(PAGES, "svg.attribute", "found {attr}={found} on <{name}> in a drawing: it {why}; allowed: drawing settings that "
     "point only inside the drawing (#name)", "Remove the setting, or save the drawing again as plain SVG."),
_msg(PAGES, "svg.doctype", "found a DOCTYPE line in a drawing, which can define text that grows without limit; allowed: "
     "a drawing with no DOCTYPE", "Delete the line starting <!DOCTYPE (and its [ ] part)."),
_msg(PAGES, "svg.not-xml", "the drawing cannot be read as SVG ({found})", "Save the drawing again from its program."),

_msg(PAGES, "claims.unmarked", "found the {kind} {found}, which neither names a source nor is marked as the pack's own; "
     "allowed: name the source in the same paragraph, list item, table row or value (the brief, WtFC, What Works "
     "Centre, Scottish Government, Thriving Places), or mark it (our estimate, our advice, our own)",
     "Name the source beside the timing or credit, or mark it as the pack's own (see Timings and sources)."),

_msg(HTML, "html.element-refused", "found the HTML element <{name}>, which {reason}; allowed: {allowed}",
     "Remove the element; write the text in Markdown."),
_msg(HTML, "html.element-unknown", "found the HTML element <{name}>, which is not on the list of HTML that pages may "
     "hold; allowed: {allowed}", "Use Markdown, or an element on the list."),
_msg(HTML, "html.event-attribute", "found the attribute {attr}= on <{name}>, which runs a program when something happens "
     "on the page; allowed on <{name}>: {allowed}", "Remove the attribute."),
_msg(HTML, "html.attribute", "found the attribute {attr}= on <{name}>; allowed on <{name}>: {allowed}", "Remove the attribute."),
_msg(HTML, "html.markup-in-value", "found '<' or '>' in the value of {attr}= on <{name}> ({found}); allowed: values "
     "without them (write 'less than' or 'more than')", "Write the words instead of < or >."),
_msg(HTML, "html.link-no-scheme", "found the link {found}, which has no https:// in front; allowed: {allowed}",
     "Start the address with https://."),
_msg(HTML, "html.link-runs", "found the link {found}, which would run a program; allowed: {allowed}",
     "Link to an https:// address, a page of the site or an #anchor."),
_msg(HTML, "html.link-data", "found the link {found}, which holds a whole page or program in it; allowed: {allowed}",
     "Link to an https:// address, a page of the site or an #anchor."),
_msg(HTML, "html.link-scheme", "found the link {found} (a {scheme}: address); allowed: {allowed}",
     "Link to an https:// address, a page of the site or an #anchor."),
_msg(HTML, "html.image-not-image", "found the image {found}, which is not an image; allowed: an image file inside "
     "content/", "Save the image inside content/ and link to it with a relative path."),
_msg(HTML, "html.image-scheme", "found the image {found} (a {scheme}: address); allowed: an image file inside content/",
     "Save the image inside content/ and link to it with a relative path."),
_msg(HTML, "html.rel", "found rel=\"{found}\" on <a>{why}; allowed: {allowed}", "Remove the rel= value."),
_msg(HTML, "html.reserved-id", "found id=\"{found}\" on <{name}>, a name the site's own pages use (their programs "
     "would find this element instead); allowed: another id, not starting with {allowed}", "Choose another id."),
_msg(HTML, "html.style", "found {found} in style= on <{name}>, which can run a program or load a file; allowed: plain "
     "CSS such as colour, size and alignment, with any image as url(path inside content/)", "Remove it from style=."),
_msg(HTML, "markdown.too-deep", "found lists or quotes nested {found} deep; allowed: at most {allowed} levels",
     "Take some levels out: start the line with fewer spaces, dashes or > signs."),
_msg(HTML, "html.style-number", "found {found} in the style of <{name}>: a number written with an exponent, or of six "
     "digits or more, cannot be laid out on a page; allowed: sizes such as 14pt, 2em or 50%",
     "Write the size as a plain number with its unit."),
_msg(HTML, "html.form-field", "found {found}, a form field; allowed: tick boxes, written as a list item '- [ ] text'",
     "Write a tick box as a list item: - [ ] text."),
_msg(HTML, "html.unclosed", "the text ends inside an HTML tag, a quoted value or a comment that is never closed, so the "
     "page after it would be read as part of it; allowed: every '<' tag closed with '>', every quote closed, and "
     "every '<!--' closed with '-->'", "Close the tag, quote or comment."),
_msg(HTML, "html.front-matter", "found {found} in the page's {key} at the top of the file ({value}), which the site puts "
     "into the page as HTML; allowed: plain words, without < > or \"", "Take < > and \" out of the title."),

# --- statements CSV ------------------------------------------------------------------------------
_msg(CARDS, "csv.unreadable", "cannot be read ({reason})", "Check the file's name and permissions."),
_msg(CARDS, "csv.not-utf8", "row {row} is not UTF-8 text (byte {found}); save the file as 'CSV UTF-8' from your spreadsheet",
     "Save as 'CSV UTF-8' from the spreadsheet."),
_msg(CARDS, "csv.empty", "the file is empty; the first row must be the column names text,type,code", "Add the header row."),
_msg(CARDS, "csv.bad-header", "the header row cannot be read ({reason})", "Fix the first row: text,type,code."),
_msg(CARDS, "csv.duplicate-column", "the column {found} appears {count} times; keep one", "Keep one column of each name."),
_msg(CARDS, "csv.unknown-column", "unknown column {found}{hint}; allowed columns: text, type and (optional) code",
     "Name the columns text, type and code."),
_msg(CARDS, "csv.missing-column", "the column {found} is missing; the first row must name the columns text,type and "
     "optionally code", "Add the column."),
_msg(CARDS, "csv.bad-row", "row {row} cannot be read ({reason}); a statement must be shorter than 100,000 characters",
     "Shorten the statement, or fix its quotes."),
_msg(CARDS, "csv.cell-count", "row {row} has {found} cells but the header has {allowed}; put text that contains commas in "
     "quotes", "Put text with commas in double quotes."),
_msg(CARDS, "csv.empty-text", "row {row}: the text is empty; write the statement, or delete the row", "Write the statement."),
_msg(CARDS, "csv.bad-type", "row {row}: found {found}{hint}; allowed: {allowed} (or ww, nww, iff)", "Use one of the types."),
_msg(CARDS, "csv.bad-code", "row {row}: found {found}; allowed: one amendment code letter from a to h, or nothing",
     "Use a letter from a to h, or leave it empty."),
_msg(CARDS, "csv.no-statements", "has no statements; add a row for each one under the header", "Add statements."),

# --- the record of the day ------------------------------------------------------------------------
_msg(RECORDS, "record.orphan", "there is no pack packs/{found}.yml for this record{hint}; allowed: a record named after a "
     "pack in packs/ ({allowed})", "Name the record after its pack file, or add the pack."),
_msg(RECORDS, "record.unknown-principle", "unknown principle {found}{hint}; allowed: {allowed}",
     "Use a principle id from content/matrix.yml."),
_msg(RECORDS, "record.bad-score", "found {found}; allowed: {allowed}",
     "Write the agreed score as a number in steps of 0.5, such as 2 or 2.5."),
_msg(RECORDS, "record.no-owner", "this action has no owner; add 'who:' with the role of the person who will lead it, such "
     "as Head of Public Health", "Add 'who:' to the action."),
_msg(RECORDS, "record.unknown-section", "unknown section {found}{hint}; allowed: {allowed}",
     "Use a section id from content/workshop.yml."),
_msg(RECORDS, "record.file-outside", "found {found}, which is outside {folder}; allowed: the name of a file kept in {folder} "
     "(no folder names, no '..', no link to a file elsewhere)", "Copy the file into packs/records/ and give its name."),
_msg(RECORDS, "record.file-missing", "found {found}{hint}, but there is no such file in {folder}; allowed: the name of a "
     "file kept in {folder}, beside the record", "Put the file in packs/records/, or fix its name."),
_msg(RECORDS, "record.evaluation-no-columns", "none of the file's columns ({found}) is named after an answer; add "
     "'columns:' to say which column holds which answer (answers: {allowed})",
     "Add 'columns:' mapping each answer to the header of its column in the file."),
_msg(RECORDS, "record.unknown-answer-field", "unknown answer {found}{hint}; allowed: {allowed}",
     "Use one of the answer names it lists."),
_msg(RECORDS, "record.column-not-in-file", "found {found}{hint}, but {csv_file} has no column with that header; allowed: a "
     "header from its first row: {allowed}", "Copy the header from the file's first row exactly."),
_msg(RECORDS, "record.csv-empty", "the file is empty; its first row must name the columns", "Export the file again."),
_msg(RECORDS, "record.csv-bad-row", "row {row} cannot be read ({reason}); check its quotes", "Fix the row's quotes."),
_msg(RECORDS, "record.csv-duplicate-column", "the column {found} appears {count} times; keep one",
     "Keep one column of each name."),
_msg(RECORDS, "record.csv-cell-count", "row {row} has {found} cells but the header has {allowed}; put text that contains "
     "commas in quotes", "Put text with commas in double quotes."),
_msg(RECORDS, "record.csv-missing-columns", "the header row lacks {found}, which {what} has (found the columns {header}); "
     "allowed: {allowed}", "Export the file again from the tool, without changing its first row."),
_msg(RECORDS, "record.csv-unexpected-columns", "the header row has {found}{hint}, which {what} does not have; allowed: "
     "{allowed}", "Export the file again from the tool, without changing its first row."),
_msg(RECORDS, "record.csv-column-order", "found the columns in the order {found}; allowed: {allowed}",
     "Export the file again from the tool, without moving its columns."),
_msg(RECORDS, "record.csv-duplicate-row", "row {row}: {found} is listed twice (first in row {first}); keep one",
     "Delete one of the two rows."),
_msg(RECORDS, "record.csv-unknown-principle", "row {row}: unknown principle {found}{hint}; allowed: {allowed}",
     "Use a principle id from content/matrix.yml."),
_msg(RECORDS, "record.csv-bad-score", "row {row}: found {found}; allowed: {allowed}",
     "Write the agreed score as a number in steps of 0.5, or leave it empty if it was not scored."),
_msg(RECORDS, "record.csv-unknown-section", "row {row}: unknown section {found}{hint}; allowed: {allowed}",
     "Use a section id from content/workshop.yml; leave it empty for a break."),
_msg(RECORDS, "record.csv-bad-minutes", "row {row}: found {found}; allowed: a whole number of minutes, such as 25, or "
     "nothing", "Write the minutes as a whole number."),
_msg(RECORDS, "record.csv-bad-time", "row {row}: found {found}; allowed: a local date and time such as 2026-03-12T09:31, "
     "or nothing", "Write the time as year-month-day, T, then hours:minutes."),
_msg(RECORDS, "record.csv-bad-rating", "row {row}: found {found}; allowed: {allowed}",
     "Fix the rating, or map the column of a different question."),
_msg(RECORDS, "record.not-yml", "the file name ends {found}, so it is not read as a record (a record is read only from "
     "packs/records/<place>.yml); allowed: rename it to {allowed}", "Rename the file to end .yml, in lower case."),
_msg(RECORDS, "record.in-folder", "is in the folder {found}, where records are not read (a record is read only from "
     "packs/records/<place>.yml); allowed: move it up to {allowed}",
     "Move the record up into packs/records/; keep old copies outside packs/."),
_msg(RECORDS, "record.before-the-day", "found {found}, before the day of the workshop ({day}, {whence}); allowed: {what} "
     "on or after that day", "Check the year and month: what the room agreed comes after the day."),
_msg(RECORDS, "record.column-mapped-twice", "found {found}, the column already mapped to {other} on line {first}; allowed: "
     "a different column for each answer", "Map each answer to its own column; leave out an answer the file lacks."),
_msg(RECORDS, "record.csv-no-rows", "has a header row but no rows under it; allowed: {allowed}",
     "Export the file again once it holds the day's data, or take out the record's key that names it."),
_msg(RECORDS, "record.csv-separator", "the header row splits into cells at {found}, so which of them separates the cells "
     "is not clear; allowed: {allowed}", "Save the file again as CSV UTF-8 (Comma delimited). Files whose cells are "
     "split at semicolons or tabs (as Excel saves CSV where the comma is the decimal mark) are read as they are "
     "when that is clear from the header row."),
_msg(RECORDS, "record.csv-too-many-rows", "has more than {allowed} rows under its header; allowed: at most {allowed} "
     "({limit}), so reading stopped at this line", "Export only this workshop's rows. An answers file holds at most "
     "4 rows for each attendee the pack expects, plus 20; a scoring or timing file at most 200 rows."),
_msg(RECORDS, "record.csv-answer-too-long", "row {row}: the answer is {found} characters long; allowed: at most {allowed} "
     "characters (about a printed page)", "Shorten the answer in the file, keeping what the person meant. A written "
     "answer holds at most 4,000 characters."),
_msg(RECORDS, "record.csv-minutes-too-long", "row {row}: found {found} minutes, longer than a whole workshop day could be; "
     "allowed: {allowed}", "Check the minutes: run mode writes the minutes each item took."),
_msg(RECORDS, "record.csv-ends-before-start", "row {row}: found {found}, before the section started ({started}); allowed: "
     "a time at or after its start", "Check the times: run mode writes the start, then the end, of each item."),
_msg(RECORDS, "record.csv-not-on-the-day", "row {row}: found {found}, which is not on the day of the workshop ({day}, "
     "{whence}); allowed: a time on {day}", "Check the date of the computer run mode was used on, and held: in "
     "the record."),
# answers sent by email from the evaluation page (sources/record_email.py)
_msg(RECORDS, "record.email-no-answers", "found {found}, which holds no answers; allowed: {allowed}",
     "evaluation: {from: ...} may name a .txt file of the evaluation page's emails, pasted one after another as "
     "they are, an .eml file (an email saved from a mail program), or a folder of them. Paste each whole email, "
     "from the line '--- My answers start ---' to the line '--- My answers end ---'."),
_msg(RECORDS, "record.email-columns", "found 'columns:' for {found}, a file of emails; allowed: no 'columns:' (each answer "
     "in an email is named, as in Q [useful])", "Take out 'columns:': it is only for a CSV file."),
_msg(RECORDS, "record.email-folder-empty", "found the folder {found}, which holds no .txt or .eml files; allowed: a folder "
     "of emails saved as .eml or .txt files", "Save the emails into the folder, or name a file instead."),
_msg(RECORDS, "record.email-no-text", "this email has no plain text, so its answers cannot be read; allowed: an email "
     "with a plain text part", "Copy the email's text into a .txt file instead."),
_msg(RECORDS, "record.email-no-end", "found {found} here, but these answers have no line '{end}' after them, so the email "
     "may be cut short; allowed: each email's answers from the start line to the end line",
     "Paste the rest of the email, down to the line '--- My answers end ---'."),
_msg(RECORDS, "record.email-end-without-start", "found {found}, but no line '{start}' before it; allowed: each email's "
     "answers from the start line to the end line", "Paste the whole email, from the line '--- My answers start ---'."),
_msg(RECORDS, "record.email-stray-text", "found {found}, which is not a question or an answer; allowed: {allowed}",
     "Take out what was added to the email between its start and end lines, or fix a line a mail program changed."),
_msg(RECORDS, "record.email-unknown-question", "an answer for an unknown question {found}{hint}; allowed: {allowed}",
     "Fix the name in square brackets: the evaluation page writes it, as in Q [useful]."),
_msg(RECORDS, "record.email-answered-twice", "found {found} answered twice in one email (first on line {first}); allowed: "
     "one answer to each question in each email", "Keep one of the two answers; paste each email once."),
_msg(RECORDS, "record.email-bad-rating", "found {found}; allowed: {allowed}", "Fix the rating to a number from 1 to 5."),
_msg(RECORDS, "record.email-answer-too-long", "the answer is {found} characters long; allowed: at most {allowed} characters "
     "(about a printed page)", "Shorten the answer, keeping what the person meant. A written answer holds at most "
     "4,000 characters."),
_msg(RECORDS, "record.email-too-many", "has more than {allowed} people's answers; allowed: at most {allowed} ({limit}), so "
     "reading stopped at this line", "Keep only this workshop's emails: at most 4 for each attendee the pack "
     "expects, plus 20."),

# --- what the editors learned from places ----------------------------------------------------------
_msg(LEARNING, "learning.unknown-place", "unknown place {found}{hint}; allowed: the name of a pack in packs/ ({allowed})",
     "Use the name of the place's pack file in packs/, such as kingston-upon-hull."),
_msg(LEARNING, "learning.no-places", "names no place; allowed: a list of the places the lesson came from ({allowed})",
     "List the places the lesson came from, such as [kingston-upon-hull]."),
_msg(LEARNING, "learning.unknown-id", "unknown {what} {found}{hint}; allowed: {allowed}",
     "Use a section id from content/workshop.yml or a principle id from content/matrix.yml, or leave it out."),
_msg(LEARNING, "learning.unknown-version", "found {found}{hint}; allowed: a version listed in CHANGELOG.md or 'not yet' "
     "({allowed})", "Write the version whose CHANGELOG.md entry says what changed, or 'not yet'."),

# --- when things go off plan ----------------------------------------------------------------------
_msg(OFF_PLAN, "offplan.unknown-section", "unknown section {found}{hint}; allowed: a section id ({allowed}), or leave "
     "'section' out for advice for every section", "Use a section id from content/workshop.yml, or leave it out."),
_msg(OFF_PLAN, "offplan.duplicate", "moment {found} is given twice for {where} (first on line {first}); allowed: one "
     "entry for each moment in each section", "Join the two entries into one, or give one of them a section."),
_msg(OFF_PLAN, "offplan.missing-moment", "has no advice for every section for the moment {found} ({title}); allowed: an "
     "entry with 'moment: {found}' and no 'section'", "Add an entry for the moment with no 'section' line."),
_msg(OFF_PLAN, "offplan.empty-online", "is empty; allowed: 'do' or 'say' (or both) for what is different online, or leave "
     "'online' out", "Write what is different online, or delete the 'online' line."),

# --- the machine -------------------------------------------------------------------------------
_msg(MACHINE, "system.missing-library", "cannot make PDFs without {found}, not installed here; allowed: install with: sudo "
     "apt-get install {allowed} (debian-packages.txt lists every package the project needs)",
     "Install the Debian packages it names, then build again."),

# --- settings ------------------------------------------------------------------------------------
_msg(SETTINGS, "settings.unknown", "unknown setting {found}; allowed: {allowed}", "Use a setting listed in the message."),
_msg(SETTINGS, "settings.bad-pdf", "found {found} (from {variable}); allowed: 1 to make PDFs, 0 for pages only", "Set 1 or 0."),
_msg(SETTINGS, "settings.bad-phone", "found {found}; allowed: a telephone number of 7 to 15 digits, such as 0113 123 4567 "
     "or +44 113 123 4567", "Write the number with digits and spaces only."),
_msg(SETTINGS, "settings.no-accessibility-contact", "a release needs an email address or telephone number for "
     "accessibility requests and complaints, shown in the accessibility statement; found neither; allowed: set "
     "IWE_ACCESSIBILITY_EMAIL or IWE_ACCESSIBILITY_PHONE (in the release workflow, from the repository's variables)",
     "Set the publisher's accessibility contact in the repository's variables."),
_msg(SETTINGS, "settings.bad-epoch", "found {found} (from {variable}); allowed: a whole number of seconds since 1970",
     "Set a whole number, as `git log -1 --format=%ct` prints."),
)

CATALOGUE: dict[str, Message] = {m.code: m for m in _ENTRIES}
assert len(CATALOGUE) == len(_ENTRIES), "a message code is used twice"


def fields(code: str) -> set[str]:
    """The names a message's words are filled from."""
    return {name for _, name, _, _ in string.Formatter().parse(CATALOGUE[code].text) if name}


def guide_table() -> str:
    """The editor's guide's table of messages, in Markdown: one table per area."""
    out = []
    area = None
    for m in _ENTRIES:
        if m.area != area:
            area = m.area
            out += ["", f"### {area}", "", "| Code | Message says | What to do |", "|---|---|---|"]
        shown = _cell(string.Formatter().vformat(m.text, (), _Dots()))
        todo = _cell(m.todo)
        out.append(f"| `{m.code}` | {shown} | {todo} |")
    return "\n".join(out).strip() + "\n"


def _cell(text: str) -> str:
    """Words shown as they are in a Markdown table cell: markup characters escaped, pipes too."""
    return html.escape(text, quote=False).replace("|", "\\|")


class _Dots(dict):
    def __missing__(self, key):  # every detail shown as …
        return "…"
