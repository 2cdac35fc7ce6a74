"""Draw the demo content's illustrations (flat, Pillow-drawn PNGs) into core/demo_content/images/.

Run once and commit the output: `python scripts/draw_demo_images.py`. The pictures are made here from
shapes and are dedicated to the public domain (CC0 1.0), as core/demo_content/images/LICENCE.md states.
"""

from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "core" / "demo_content" / "images"
SIZE = (1200, 675)
SKIN = [(241, 194, 155), (198, 134, 94), (141, 85, 54), (224, 172, 130), (95, 60, 40)]
CLOTHES = [(31, 96, 160), (214, 92, 62), (60, 140, 100), (240, 180, 50), (130, 80, 160), (40, 40, 60)]


def person(draw: ImageDraw.ImageDraw, x: int, y: int, scale: float, index: int) -> None:
    """A seated or standing figure: head and shoulders, centred on x, its shoulders at y."""
    head = int(34 * scale)
    body_w, body_h = int(110 * scale), int(150 * scale)
    draw.rounded_rectangle(
        (x - body_w // 2, y, x + body_w // 2, y + body_h), radius=int(40 * scale), fill=CLOTHES[index % 6]
    )
    draw.ellipse((x - head, y - 2 * head - 6, x + head, y - 6), fill=SKIN[index % 5])


def bubble(draw: ImageDraw.ImageDraw, x: int, y: int, w: int, colour: tuple[int, int, int]) -> None:
    draw.rounded_rectangle((x, y, x + w, y + 70), radius=30, fill=colour)
    draw.polygon([(x + 30, y + 65), (x + 60, y + 65), (x + 25, y + 100)], fill=colour)
    for line in range(2):
        draw.rounded_rectangle(
            (x + 22, y + 20 + line * 20, x + w - 22 - line * 40, y + 30 + line * 20), radius=5, fill="white"
        )


def language_cafe(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 0, *SIZE), fill=(250, 236, 214))
    for shelf in range(3):  # the library's shelves behind
        y = 90 + shelf * 110
        draw.rectangle((60, y + 80, 1140, y + 92), fill=(150, 100, 60))
        for book in range(34):
            colour = CLOTHES[(book * 7 + shelf) % 6]
            draw.rectangle((70 + book * 31, y + 10 + (book % 3) * 8, 94 + book * 31, y + 80), fill=colour)
    for index, x in enumerate((300, 500, 700, 900)):
        person(draw, x, 430, 1.0, index + 1)
    draw.rounded_rectangle((180, 520, 1020, 575), radius=12, fill=(120, 80, 50))  # the table
    draw.rectangle((230, 575, 260, 675), fill=(100, 65, 40))
    draw.rectangle((940, 575, 970, 675), fill=(100, 65, 40))
    for x in (330, 720):  # cups
        draw.rounded_rectangle((x, 490, x + 40, 525), radius=6, fill="white")
    bubble(draw, 220, 230, 190, (31, 96, 160))
    bubble(draw, 760, 210, 230, (60, 140, 100))


def one_stop_desk(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 0, *SIZE), fill=(226, 238, 248))
    draw.rectangle((0, 470, 1200, 675), fill=(200, 210, 220))
    for column in range(4):  # the hall's windows
        draw.rectangle((80 + column * 280, 60, 260 + column * 280, 300), fill=(250, 252, 255))
        draw.line((170 + column * 280, 60, 170 + column * 280, 300), fill=(180, 200, 220), width=6)
    draw.rounded_rectangle((430, 60, 770, 130), radius=10, fill=(31, 96, 160))  # the sign
    for index, x in enumerate((510, 600, 690)):
        draw.ellipse((x - 18, 78, x + 18, 114), fill=CLOTHES[(index + 2) % 6])
    person(draw, 600, 330, 0.9, 0)  # the officer behind the desk
    draw.rectangle((380, 430, 820, 560), fill=(90, 110, 140))
    draw.rectangle((380, 420, 820, 440), fill=(60, 80, 110))
    for index, x in enumerate((200, 960, 1080)):  # visitors waiting and arriving
        person(draw, x, 360, 1.1, index + 3)


def volunteer_friends(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 0, *SIZE), fill=(214, 236, 224))
    draw.rectangle((0, 500, 1200, 675), fill=(120, 170, 110))
    for x, radius in ((150, 110), (1050, 140), (880, 90)):  # trees in the park
        draw.rectangle((x - 15, 330, x + 15, 520), fill=(110, 80, 50))
        draw.ellipse((x - radius, 330 - 2 * radius + 40, x + radius, 370), fill=(70, 140, 80))
    draw.rounded_rectangle((360, 470, 840, 500), radius=8, fill=(150, 100, 60))  # the bench
    for x in (400, 800):
        draw.rectangle((x - 10, 500, x + 10, 560), fill=(110, 70, 40))
    person(draw, 500, 320, 1.1, 4)
    person(draw, 700, 320, 1.1, 1)
    bubble(draw, 420, 110, 170, (240, 180, 50))
    bubble(draw, 640, 140, 170, (214, 92, 62))


def first_home(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 0, *SIZE), fill=(236, 230, 250))
    draw.rectangle((0, 540, 1200, 675), fill=(190, 180, 170))
    for index, x in enumerate((120, 430, 740)):  # a row of houses
        colour = [(230, 150, 110), (240, 200, 120), (160, 190, 220)][index]
        draw.rectangle((x, 250, x + 300, 540), fill=colour)
        draw.polygon([(x - 20, 255), (x + 150, 120), (x + 320, 255)], fill=(150, 70, 60))
        draw.rectangle((x + 120, 400, x + 180, 540), fill=(110, 70, 50))
        draw.rectangle((x + 30, 300, x + 100, 360), fill="white")
        draw.rectangle((x + 200, 300, x + 270, 360), fill="white")
    person(draw, 1000, 380, 1.0, 2)  # a family with its keys
    person(draw, 1110, 420, 0.7, 3)
    draw.ellipse((950, 470, 975, 495), outline=(240, 180, 50), width=6)


def study_visit(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 0, *SIZE), fill=(245, 245, 240))
    draw.rectangle((120, 60, 780, 380), fill="white", outline=(60, 80, 110), width=8)  # the screen
    for index, height in enumerate((120, 190, 150, 240, 210)):
        draw.rectangle((190 + index * 115, 340 - height, 260 + index * 115, 340), fill=CLOTHES[index])
    person(draw, 950, 300, 1.2, 0)  # the presenter
    for index, x in enumerate((180, 380, 580, 780)):  # the visitors, from behind
        person(draw, x, 560, 1.0, index + 2)


def diaspora_evening(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 0, *SIZE), fill=(40, 40, 70))
    for index in range(9):  # string lights
        x = 60 + index * 135
        draw.line(
            (x, 40 + (index % 2) * 30, x + 135, 40 + ((index + 1) % 2) * 30), fill=(200, 200, 210), width=3
        )
        draw.ellipse((x - 12, 30 + (index % 2) * 30, x + 12, 54 + (index % 2) * 30), fill=(250, 210, 90))
    draw.rectangle((0, 480, 1200, 675), fill=(90, 60, 50))  # the stage
    person(draw, 600, 250, 1.3, 3)  # the speaker, with a microphone
    draw.rectangle((680, 240, 692, 330), fill=(30, 30, 30))
    draw.ellipse((672, 220, 700, 248), fill=(30, 30, 30))
    for index, x in enumerate((120, 300, 900, 1080)):  # the audience
        person(draw, x, 560, 1.0, index)


SCENES: dict[str, Callable[[ImageDraw.ImageDraw], None]] = {
    "language-cafe": language_cafe,
    "one-stop-desk": one_stop_desk,
    "volunteer-friends": volunteer_friends,
    "first-home": first_home,
    "study-visit": study_visit,
    "diaspora-evening": diaspora_evening,
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, scene in SCENES.items():
        image = Image.new("RGB", SIZE)
        scene(ImageDraw.Draw(image))
        image.save(OUT / f"{name}.png", optimize=True)
        print(f"{OUT / name}.png")


if __name__ == "__main__":
    main()
