"""Turns a priority's call text (hard-wrapped lines copied from a PDF) into headings, paragraphs and
bulleted lists a reader can follow."""

import re
from dataclasses import dataclass, field

HEADINGS = {"objectives", "actions", "outcomes"}
BULLET = "\uf0b7"
SUB_BULLET = re.compile(r"^o\s+")
# A line at least this long was probably wrapped by the PDF: the sentence continues on the next line.
# The call's PDF wraps at 75-90 characters; a shorter line without a full stop ends its item.
WRAPPED_LINE_LENGTH = 70
# "(semi)- independent": a hyphen the PDF's line break left a space after.
BROKEN_HYPHEN = re.compile(r"(?<=[\w)])- (?=\w)")


@dataclass
class ListItem:
    text: str
    children: list[str] = field(default_factory=list)


@dataclass
class Block:
    kind: str  # "paragraph" or "list"
    text: str = ""
    items: list[ListItem] = field(default_factory=list)


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)


def join(text: str, line: str) -> str:
    if not text:
        return line
    # A compound hyphenated across two lines: "pre" + "-departure", "third-" + "country".
    if line.startswith("-") or text.endswith("-"):
        return text + line
    return f"{text} {line}"


def mend_lost_bullets(section: "Section") -> None:
    """A paragraph between two lists of one section is an item whose bullet the PDF lost."""
    blocks = section.blocks
    index = 1
    while index < len(blocks) - 1:
        before, block, after = blocks[index - 1], blocks[index], blocks[index + 1]
        if before.kind == after.kind == "list" and block.kind == "paragraph" and not block.text.endswith(":"):
            before.items.extend([ListItem(text=block.text), *after.items])
            del blocks[index : index + 2]
        else:
            index += 1


def parse_call_text(text: str) -> list[Section]:
    sections: list[Section] = [Section(heading="")]
    previous = ""
    for raw_line in text.splitlines():
        line = BROKEN_HYPHEN.sub("-", re.sub(r"\s+", " ", raw_line).strip())
        if not line:
            continue
        section = sections[-1]
        bare = line.rstrip(":").strip()
        if bare.lower() in HEADINGS:
            sections.append(Section(heading=bare))
            previous = ""
            continue
        current = section.blocks[-1] if section.blocks else None
        if line.startswith(BULLET):
            item = ListItem(text=line.lstrip(BULLET).strip())
            if current is not None and current.kind == "list":
                current.items.append(item)
            else:
                section.blocks.append(Block(kind="list", items=[item]))
        elif SUB_BULLET.match(line) and current is not None and current.kind == "list":
            current.items[-1].children.append(SUB_BULLET.sub("", line))
        elif current is None:
            # The first lines can be the end of the priority's title, already shown as the heading.
            if line[0].isupper():
                section.blocks.append(Block(kind="paragraph", text=line))
        elif not line[0].isupper() or (len(previous) >= WRAPPED_LINE_LENGTH and not previous.endswith(".")):
            if current.kind == "list":
                item = current.items[-1]
                if item.children:
                    item.children[-1] = join(item.children[-1], line)
                else:
                    item.text = join(item.text, line)
            else:
                current.text = join(current.text, line)
        elif current.kind == "list" and not previous.endswith((".", ":")):
            current.items.append(ListItem(text=line))  # a bullet the PDF lost
        else:
            section.blocks.append(Block(kind="paragraph", text=line))
        previous = line
    for section in sections:
        mend_lost_bullets(section)
    return [section for section in sections if section.blocks]
